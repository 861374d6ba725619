-- wrk script: GitBook publishIntegration (POST <url>/<name>) with a name no other request of the run uses.
--
--   wrk -s publish.lua http://host:port/gitbook/v1/integrations -- <tag> [quota]
--
-- <tag> (lowercase letters/digits) keeps names unique across wrk runs in the same tenant (warm-up, measure).
-- Without quota: pure measurement (no response() callback, so wrk does not hand bodies to Lua).
-- With quota: seeding; each thread stops after <quota> 200 responses and writes "SEEDED <thread>" to stderr
-- (run.sh then sends SIGINT to end the run); non-200 answers are counted and the first few printed.
-- Headers (Authorization, Content-Type) come from wrk -H. Every integration is "public", so it is listed by
-- GET /gitbook/v1/integrations.

wrk.method = "POST"

local next_thread = 0
function setup(thread)
   next_thread = next_thread + 1
   thread:set("id", next_thread)
end

-- title: 2..30 characters ("Bench 00001"); name: ^[a-zA-Z0-9-_.]+$, at most 100 characters.
local body_format = '{"organization":"emulator-org","title":"Bench %05d","description":"bench",'
   .. '"script":"s","scopes":[],"visibility":"public"}'

local base, prefix, n = nil, nil, 0
local quota, ok, failed, done = nil, 0, 0, false

function init(args)
   base = wrk.path:gsub("/+$", "") .. "/"
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
   return wrk.format(nil, base .. prefix .. string.format("%05d", n), nil, string.format(body_format, n))
end
