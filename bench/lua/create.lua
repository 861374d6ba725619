-- wrk script: POST createIntegration with a name (and version) no other request of the run uses.
--
--   wrk -s create.lua <url> -- <tag> [quota]
--
-- <tag>, [quota], seeding: see unique-post.lua.
-- Headers (Authorization, x-workspace-id, Content-Type) come from wrk -H.

local unique = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "unique-post.lua")

local body_format = '{"name":"%s","version":"1.0.%d","title":"Bench %d",'
   .. '"description":"Created by the wrk createIntegration benchmark",'
   .. '"actions":{"ping":{"title":"Ping","input":{"schema":{"type":"object"}},"output":{"schema":{"type":"object"}}}}}'

function request()
   local prefix, n = unique.next()
   return wrk.format(nil, nil, nil, string.format(body_format, prefix .. n, n, n))
end
