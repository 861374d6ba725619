-- wrk script: Membrane createIntegration (POST /membrane/integrations) with a key no other request of the run uses.
--
--   wrk -s membrane-create.lua http://host:port/membrane/integrations -- <tag> [quota]
--
-- <tag> (lowercase letters/digits) keeps keys unique across wrk runs in the same tenant (warm-up, measure).
-- Without quota: pure measurement (no response() callback, so wrk does not hand bodies to Lua).
-- With quota: seeding; each thread stops after <quota> 200 responses and writes "SEEDED <thread>" to stderr
-- (run.sh then sends SIGINT to end the run); non-200 answers are counted and the first few printed.
-- Headers (Authorization: Bearer pat-..., membrane-api-version, Content-Type) come from wrk -H. The key is
-- unique among the tenant's live integrations (409 already_exists otherwise), hence the tag and thread in it.

wrk.method = "POST"

local next_thread = 0
function setup(thread)
   next_thread = next_thread + 1
   thread:set("id", next_thread)
end

-- {"key":"bench-<tag>-t1-00001","name":"Bench 00001","connectorKey":"hubspot"}
local body_format = '{"key":"%s%05d","name":"Bench %05d","connectorKey":"hubspot"}'

local prefix, n = nil, 0
local quota, ok, failed, done = nil, 0, 0, false

function init(args)
   prefix = "bench-" .. (args[1] or "run") .. "-t" .. tostring(id or 0) .. "-"
   quota = tonumber(args[2])
   if quota then
      response = function(status, headers, body)
         if status == 200 then
            ok = ok + 1
         else
            failed = failed + 1
            if failed <= 3 then
               io.stderr:write("seed: HTTP " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n")
            end
         end
         if ok >= quota and not done then
            done = true
            io.stderr:write("SEEDED " .. tostring(id) .. " ok=" .. ok .. " failed=" .. failed .. "\n")
            wrk.thread:stop()
         end
      end
   end
end

function request()
   n = n + 1
   return wrk.format(nil, nil, nil, string.format(body_format, prefix, n, n))
end
