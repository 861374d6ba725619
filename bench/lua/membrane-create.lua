-- wrk script: Membrane createIntegration (POST /membrane/integrations) with a key no other request of the run uses.
--
--   wrk -s membrane-create.lua http://host:port/membrane/integrations -- <tag> [quota]
--
-- <tag>, [quota], seeding: see unique-post.lua.
-- Headers (Authorization: Bearer pat-..., membrane-api-version, Content-Type) come from wrk -H. The key is
-- unique among the tenant's live integrations (409 already_exists otherwise), hence the tag and thread in it.

local unique = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "unique-post.lua")

-- {"key":"bench-<tag>-t1-00001","name":"Bench 00001","connectorKey":"hubspot"}
local body_format = '{"key":"%s%05d","name":"Bench %05d","connectorKey":"hubspot"}'

function request()
   local prefix, n = unique.next()
   return wrk.format(nil, nil, nil, string.format(body_format, prefix, n, n))
end
