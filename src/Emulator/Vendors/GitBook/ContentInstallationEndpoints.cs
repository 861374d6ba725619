using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Space and site installations under an organization installation — the same operations for both kinds:
/// <c>/v1/integrations/{name}/installations/{id}/spaces|sites[/{targetId}]</c>, and the integration-wide
/// lists <c>/v1/integrations/{name}/spaces|sites</c>. <c>extended=true</c> embeds the Space / Site object.
/// </summary>
internal static class ContentInstallationEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        MapKind(v1, ContentKind.Space, "spaces", "{spaceId}", "Space");
        MapKind(v1, ContentKind.Site, "sites", "{siteId}", "Site");
    }

    private static void MapKind(RouteGroupBuilder v1, ContentKind kind, string segment, string targetParameter, string name)
    {
        var integration = v1.MapGroup("/integrations/{integrationName}").WithTags("gitbook " + segment);
        integration.MapGet("/" + segment, (GitBookCaller caller, string integrationName) => ListAcrossInstallations(caller, kind, integrationName))
            .WithName($"gitbook.listIntegration{name}Installations");
        var installation = integration.MapGroup("/installations/{installationId}/" + segment);
        installation.MapGet("", (GitBookCaller caller, string integrationName, string installationId) => List(caller, kind, integrationName, installationId))
            .WithName($"gitbook.listIntegrationInstallation{name}s");
        installation.MapPost("", (GitBookCaller caller, string integrationName, string installationId) => Install(caller, kind, integrationName, installationId))
            .WithName($"gitbook.installIntegrationOn{name}");
        var target = targetParameter.Trim('{', '}');
        installation.MapGet("/" + targetParameter, (GitBookCaller caller, string integrationName, string installationId, HttpContext http) =>
            Get(caller, kind, integrationName, installationId, (string)http.GetRouteValue(target)!)).WithName($"gitbook.getIntegration{name}Installation");
        installation.MapPatch("/" + targetParameter, (GitBookCaller caller, string integrationName, string installationId, HttpContext http) =>
            Update(caller, kind, integrationName, installationId, (string)http.GetRouteValue(target)!)).WithName($"gitbook.updateIntegration{name}Installation");
        installation.MapDelete("/" + targetParameter, (GitBookCaller caller, string integrationName, string installationId, HttpContext http) =>
            Uninstall(caller, kind, integrationName, installationId, (string)http.GetRouteValue(target)!)).WithName($"gitbook.uninstallIntegrationFrom{name}").Bodiless();
    }

    private static IResult ListAcrossInstallations(GitBookCaller caller, ContentKind kind, string integrationName)
    {
        var query = caller.Query();
        return caller.Read(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            var items = state.ContentInstallations
                .Where(c => c.Kind == kind && c.IntegrationName == integrationName && (caller.ActingInstallationId is null || c.InstallationId == caller.ActingInstallationId))
                .ToList();
            return Page(caller, $"{kind}|{integrationName}", query, items);
        });
    }

    private static IResult List(GitBookCaller caller, ContentKind kind, string integrationName, string installationId)
    {
        var query = caller.Query();
        return caller.Read(state =>
        {
            InstallationRules.Installation(caller, integrationName, installationId);
            var items = state.ContentOf(installationId).Where(c => c.Kind == kind).ToList();
            return Page(caller, $"{kind}|{integrationName}|{installationId}", query, items);
        });
    }

    // The page-token scope (listName) names the kind as ContentKind prints it ("Space|…", "Site|…"): tokens stay valid.
    private static IResult Page(GitBookCaller caller, string listName, Newtonsoft.Json.Linq.JObject query, List<ContentInstallation> items)
    {
        var externalId = (string?)query["externalId"];
        var extended = query["extended"]?.ToObject<bool>() == true;
        var views = caller.Views;
        var ordered = items.Where(c => externalId is null || c.ExternalIds.Contains(externalId)).OrderBy(c => c.Seq).ToList();
        return caller.OkJson(caller.Page(listName, query, ordered, c => KeysetPager.NumericKey(c.Seq), c => views.Content(c, extended)));
    }

    private static async Task<IResult> Install(GitBookCaller caller, ContentKind kind, string integrationName, string installationId)
    {
        var extended = caller.Query()["extended"]?.ToObject<bool>() == true;
        var body = await caller.BodyAsync();
        var field = kind == ContentKind.Space ? "space" : "siteId";
        var targetId = (string)body[field]!;
        var (result, delivery) = caller.Write(state =>
        {
            var installation = InstallationRules.Installation(caller, integrationName, installationId);
            var content = InstallationRules.InstallOn(state, caller.Errors, installation, kind, targetId);
            var level = kind == ContentKind.Space ? "space" : "site";
            installation.UpdatedAt = caller.Now;
            var delivery = caller.Service.Events.Record(state, caller.Origin, integrationName, installationId, level + "_installation_setup", Fields(content, content.Status));
            var views = caller.Views;
            return (caller.Ok(views.Content(content, extended), StatusCodes.Status201Created, views.ContentLocation(content)), delivery);
        });
        await caller.Service.Events.DeliverAsync([delivery]);
        return result;
    }

    private static IResult Get(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        var extended = caller.Query()["extended"]?.ToObject<bool>() == true;
        return caller.Read(_ => caller.Ok(caller.Views.Content(Find(caller, kind, integrationName, installationId, targetId), extended)));
    }

    private static async Task<IResult> Update(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        var extended = caller.Query()["extended"]?.ToObject<bool>() == true;
        var body = await caller.BodyAsync();
        var (result, delivery) = caller.Write(state =>
        {
            var content = Find(caller, kind, integrationName, installationId, targetId);
            var previous = InstallationRules.Previous(content.Status, content.Configuration);
            GitBookEvents.Delivery? delivery = null;
            if (body.ContainsKey("externalIds")) content.ExternalIds = InstallationRules.ExternalIds(caller, body["externalIds"]);
            if (body["configuration"] is JsonObject configuration)
            {
                var level = kind == ContentKind.Space ? "space" : "site";
                content.Configuration = (JsonObject)configuration.DeepClone();
                content.Status = InstallationRules.StatusFor(state.Integrations[integrationName], level, content.Configuration);
                var fields = Fields(content, content.Status);
                fields["previous"] = previous;
                delivery = caller.Service.Events.Record(state, caller.Origin, integrationName, installationId, level + "_installation_setup", fields);
            }
            return (caller.Ok(caller.Views.Content(content, extended)), delivery);
        });
        await caller.Service.Events.DeliverAsync([delivery]);
        return result;
    }

    private static async Task<IResult> Uninstall(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        var (found, delivery) = caller.Write(state =>
        {
            InstallationRules.Installation(caller, integrationName, installationId);
            var content = state.ContentInstallations.FirstOrDefault(c => c.Kind == kind && c.InstallationId == installationId && c.TargetId == targetId);
            return content is null ? (false, null) : (true, Remove(caller, content));
        });
        // 205: uninstalled; 204: there was nothing to uninstall.
        if (!found) return GitBookCaller.Empty(StatusCodes.Status204NoContent);
        await caller.Service.Events.DeliverAsync([delivery]);
        return GitBookCaller.Empty(StatusCodes.Status205ResetContent);
    }

    /// <summary>Removes a space or site installation and records its <c>*_installation_deleted</c> event (lock held).</summary>
    public static GitBookEvents.Delivery? Remove(GitBookCaller caller, ContentInstallation content)
    {
        caller.State.ContentInstallations.Remove(content);
        var fields = Fields(content, status: null);
        fields["previous"] = new JsonObject { ["configuration"] = content.Configuration.DeepClone() };
        return caller.Service.Events.Record(caller.State, caller.Origin, content.IntegrationName, content.InstallationId,
            (content.Kind == ContentKind.Space ? "space" : "site") + "_installation_deleted", fields);
    }

    private static ContentInstallation Find(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        InstallationRules.Installation(caller, integrationName, installationId);
        return caller.State.ContentInstallations.FirstOrDefault(c => c.Kind == kind && c.InstallationId == installationId && c.TargetId == targetId)
            ?? throw caller.Errors.NotFound($"Integration \"{integrationName}\" is not installed on {(kind == ContentKind.Space ? "space" : "site")} \"{targetId}\" through installation \"{installationId}\"");
    }

    private static JsonObject Fields(ContentInstallation content, string? status)
    {
        var fields = new JsonObject { ["installationId"] = content.InstallationId };
        fields[content.Kind == ContentKind.Space ? "spaceId" : "siteId"] = content.TargetId;
        if (status is not null) fields["status"] = status;
        return fields;
    }
}
