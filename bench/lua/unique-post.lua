-- Shared by the wrk scripts that create one entity per request (create.lua, publish.lua, membrane-create.lua):
-- the POST method, each thread's id, the per-thread name prefix, the request counter and seeding mode.
--
--   wrk -s <script>.lua <url> -- <tag> [quota]
--
-- <tag> (lowercase letters/digits) keeps names unique across wrk runs in the same tenant (warm-up, measure):
-- every name starts with "bench-<tag>-t<thread>-".
-- Without quota: pure measurement (no response() callback, so wrk does not hand bodies to Lua).
-- With quota: seeding; each thread stops after <quota> 200 responses and writes "SEEDED <thread>" to stderr
-- (run.sh then sends SIGINT to end the run); non-200 answers are counted and the first few printed.
--
-- Loading it defines wrk's setup() and init(); the script defines request() and numbers its requests with
-- next() (dofile'd from the script's own directory, as wrk only knows the script's path):
--   local unique = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "unique-post.lua")
--   function request() local prefix, n = unique.next() ... end

wrk.method = "POST"

local next_thread = 0
function setup(thread)
   next_thread = next_thread + 1
   thread:set("id", next_thread)
end

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

local unique = {}

-- The thread's name prefix and the number of this request (1, 2, ...).
function unique.next()
   n = n + 1
   return prefix, n
end

return unique
