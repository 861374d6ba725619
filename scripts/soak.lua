-- wrk script for scripts/soak.sh: a mixed workload over the three vendors that keeps the state bounded, so
-- memory can be watched for leaks. Each thread cycles through
--   Botpress  list, get, create (then delete, queued by response())
--   GitBook   list, get, publish (then unpublish, queued by response())
--   Membrane  list, get, patch (a rotating name on a seeded integration)
--
--   wrk -s scripts/soak.lua <root url> -- <tag> <botpress integration id> [delay ms per connection, fractional]
--
-- The optional delay (wrk's delay() hook: time between a response and the connection's next request) paces
-- each connection; soak.sh computes it from the measured maximum for about 70 % of it. Fractional delays are
-- dithered (floor(d + random)) so the mean is exact although wrk takes whole milliseconds.

local next_thread = 0
function setup(thread)
   next_thread = next_thread + 1
   thread:set("id", next_thread)
end

local tag, bp_id, pause = "soak", nil, nil
local n, step, pending = 0, 0, {}

local bp = { ["Authorization"] = "Bearer bp_pat_soak", ["x-workspace-id"] = "wkspace_soak", ["Content-Type"] = "application/json" }
local gb = { ["Authorization"] = "Bearer gb_soak", ["Content-Type"] = "application/json" }
local mb = { ["Authorization"] = "Bearer pat-soak", ["Content-Type"] = "application/json", ["membrane-api-version"] = "2025-10-21" }

function init(args)
   tag = (args[1] or "soak") .. "t" .. tostring(id or 0)
   bp_id = args[2]
   pause = tonumber(args[3])
   if pause then
      delay = function() return math.floor(pause + math.random()) end
   end
end

local ops = {
   function() return wrk.format("GET", "/botpress/v1/admin/integrations?limit=20", bp) end,
   function() return wrk.format("GET", "/botpress/v1/admin/integrations/" .. bp_id, bp) end,
   function()
      return wrk.format("POST", "/botpress/v1/admin/integrations", bp,
         string.format('{"name":"soak-%s-%d","version":"1.0.0","title":"Soak %d"}', tag, n, n))
   end,
   function() return wrk.format("GET", "/gitbook/v1/integrations?limit=20", gb) end,
   function() return wrk.format("GET", "/gitbook/v1/integrations/slack", gb) end,
   function()
      local name = string.format("soak-%s-%d", tag, n)
      return wrk.format("POST", "/gitbook/v1/integrations/" .. name, gb,
         '{"organization":"emulator-org","title":"Soak","description":"Soak test","script":"export default {};","scopes":[],"visibility":"private","target":"all"}')
   end,
   function() return wrk.format("GET", "/membrane/integrations?limit=20", mb) end,
   function() return wrk.format("GET", "/membrane/integrations/hubspot", mb) end,
   function() return wrk.format("PATCH", "/membrane/integrations/hubspot", mb, string.format('{"name":"HubSpot %s %d"}', tag, n)) end,
}

function request()
   n = n + 1
   if #pending > 0 and n % 2 == 0 then return table.remove(pending, 1) end
   step = step % #ops + 1
   return ops[step]()
end

function response(status, headers, body)
   if status == 200 and body then
      local id = body:match('^{"integration":{"id":"([^"]+)"')
      if id and body:find('"name":"soak%-', 1) then
         table.insert(pending, wrk.format("DELETE", "/botpress/v1/admin/integrations/" .. id, bp))
         return
      end
      local name = body:match('^{"object":"integration".-"name":"(soak%-[^"]+)"')
      if name then table.insert(pending, wrk.format("DELETE", "/gitbook/v1/integrations/" .. name, gb)) end
   end
end
