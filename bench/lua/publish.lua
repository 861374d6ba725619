-- wrk script: GitBook publishIntegration (POST <url>/<name>) with a name no other request of the run uses.
--
--   wrk -s publish.lua http://host:port/gitbook/v1/integrations -- <tag> [quota]
--
-- <tag>, [quota], seeding: see unique-post.lua.
-- Headers (Authorization, Content-Type) come from wrk -H. Every integration is "public", so it is listed by
-- GET /gitbook/v1/integrations.

local unique = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "unique-post.lua")

-- title: 2..30 characters ("Bench 00001"); name: ^[a-zA-Z0-9-_.]+$, at most 100 characters.
local body_format = '{"organization":"emulator-org","title":"Bench %05d","description":"bench",'
   .. '"script":"s","scopes":[],"visibility":"public"}'

-- wrk sets wrk.path (the URL's path) before it loads the script.
local base = wrk.path:gsub("/+$", "") .. "/"

function request()
   local prefix, n = unique.next()
   return wrk.format(nil, base .. prefix .. string.format("%05d", n), nil, string.format(body_format, n))
end
