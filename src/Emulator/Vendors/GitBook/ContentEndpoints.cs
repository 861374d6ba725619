using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// What a space or site gets from its installed integrations: the integrations enabled on it, the blocks
/// a space can insert, the scripts a published site injects. An integration is enabled on a space/site
/// when it has a space/site installation there, or its organization installation selects <c>all</c>.
/// </summary>
internal static class ContentEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/spaces/{spaceId}/integrations", ListSpaceIntegrations).WithName("gitbook.listSpaceIntegrations").WithTags("gitbook content");
        v1.MapGet("/spaces/{spaceId}/integration-blocks", ListSpaceIntegrationsBlocks).WithName("gitbook.listSpaceIntegrationsBlocks").WithTags("gitbook content");
        v1.MapGet("/orgs/{organizationId}/sites/{siteId}/integrations", ListSiteIntegrations).WithName("gitbook.listSiteIntegrations").WithTags("gitbook content");
        v1.MapGet("/orgs/{organizationId}/sites/{siteId}/integration-scripts", ListSiteIntegrationScripts).WithName("gitbook.listSiteIntegrationScripts").WithTags("gitbook content");
    }

    private static IResult ListSpaceIntegrations(GitBookCaller caller, string spaceId)
    {
        var search = (string?)caller.Query()["search"];
        return caller.Read(state =>
        {
            var space = AccountEndpoints.Space(caller, spaceId);
            var views = caller.Views;
            var items = Enabled(state, ContentKind.Space, space.Id, space.OrganizationId)
                .Select(e => e.Integration).Where(i => search is null || IntegrationFilter.Matches(i, search)).Distinct().ToList();
            return caller.OkJson(GitBookViews.ListJson(items.Select(views.IntegrationJson), null, items.Count));
        });
    }

    private static IResult ListSpaceIntegrationsBlocks(GitBookCaller caller, string spaceId) => caller.Read(state =>
    {
        var space = AccountEndpoints.Space(caller, spaceId);
        var entries = Enabled(state, ContentKind.Space, space.Id, space.OrganizationId)
            .Select(e => e.Integration).Distinct().Where(i => i.Blocks.Count > 0)
            .Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["blocks"] = i.Blocks.DeepClone() });
        return caller.Ok(new JsonArray([.. entries]));
    });

    private static IResult ListSiteIntegrations(GitBookCaller caller, string organizationId, string siteId)
    {
        var search = (string?)caller.Query()["search"];
        return caller.Read(state =>
        {
            AccountEndpoints.Organization(caller, organizationId);
            var site = AccountEndpoints.Site(caller, organizationId, siteId);
            var views = caller.Views;
            var items = Enabled(state, ContentKind.Site, site.Id, site.OrganizationId)
                .Select(e => e.Integration).Where(i => search is null || IntegrationFilter.Matches(i, search)).Distinct().ToList();
            return caller.OkJson(GitBookViews.ListJson(items.Select(views.IntegrationJson), null, items.Count));
        });
    }

    private static IResult ListSiteIntegrationScripts(GitBookCaller caller, string organizationId, string siteId) => caller.Read(state =>
    {
        AccountEndpoints.Organization(caller, organizationId);
        var site = AccountEndpoints.Site(caller, organizationId, siteId);
        // Integrations with site:script:inject add a script to the published site; site:script:cookies lets it use cookies.
        var scripts = Enabled(state, ContentKind.Site, site.Id, site.OrganizationId)
            .Where(e => e.Integration.Scopes.Contains("site:script:inject"))
            .Select(e =>
            {
                var script = new JsonObject
                {
                    ["script"] = $"https://integrations.gitbook.com/v1/integrations/{e.Integration.Name}/installations/{e.Installation.Id}/sites/{site.Id}/script.js",
                    ["cookies"] = e.Integration.Scopes.Contains("site:script:cookies"),
                };
                if (e.Integration.Definition["contentSecurityPolicy"] is JsonValue csp) script["contentSecurityPolicy"] = csp.DeepClone();
                return (JsonNode)script;
            });
        return caller.Ok(new JsonArray([.. scripts]));
    });

    /// <summary>Active installations enabled on a space or site, in installation order.</summary>
    private static IEnumerable<(PublishedIntegration Integration, Installation Installation)> Enabled(GitBookState state, ContentKind kind, string targetId, string organizationId) =>
        state.Installations.Values
            .Where(i => i.OrganizationId == organizationId && i.Status == "active" && state.Integrations.ContainsKey(i.IntegrationName))
            .Where(i => (kind == ContentKind.Space ? i.SpaceSelection : i.SiteSelection) == "all"
                || state.ContentOf(i.Id).Any(c => c.Kind == kind && c.TargetId == targetId && c.Status == "active"))
            .OrderBy(i => i.Seq)
            .Select(i => (state.Integrations[i.IntegrationName], i));
}
