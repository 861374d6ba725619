using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The hub: <c>/v1/admin/hub/integrations...</c>, no workspace header. The list shows the public, non-dev
/// versions of every workspace of the tenant; the gets also find unlisted ones (they are public, just not listed).
/// </summary>
internal static class HubEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/hub/integrations").WithTags("botpress hub");
        group.MapGet("", ListPublicIntegrations).WithName("botpress.listPublicIntegrations");
        group.MapGet("/{id}", GetPublicIntegrationById).WithName("botpress.getPublicIntegrationById");
        group.MapGet("/{name}/{version}", GetPublicIntegration).WithName("botpress.getPublicIntegration");
    }

    private static IResult ListPublicIntegrations(BotpressCaller caller)
    {
        var query = IntegrationListQuery.From(caller.Query(), hub: true, caller.Errors);
        // Page inside the read; write the bytes after it.
        var page = caller.Read(state => IntegrationPager.Page(caller, state.All.Items, i => i.IsOnHub, query, workspaceId: null, hub: true));
        return caller.OkJson(BotpressViews.ListJson(page.Items, page.NextToken));
    }

    private static IResult GetPublicIntegrationById(BotpressCaller caller, string id) => caller.Read(state =>
    {
        var integration = caller.FindIntegration(id, i => i.IsPubliclyReadable);
        return caller.OkJson(BotpressViews.HubJson(integration, state));
    });

    private static IResult GetPublicIntegration(BotpressCaller caller, string name, string version) => caller.Read(state =>
    {
        var decoded = Uri.UnescapeDataString(name);
        var candidates = state.Workspaces.Values.SelectMany(w => w.VersionsOf(decoded)).Where(i => i.IsPubliclyReadable);
        var integration = VersionSelector.Resolve(candidates, name, version, caller.Errors);
        return caller.OkJson(BotpressViews.HubJson(integration, state));
    });
}
