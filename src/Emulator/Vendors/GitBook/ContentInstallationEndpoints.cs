using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Emulator.Vendors.GitBook;

/// <summary>
/// Space and site installations under an organization installation — the same operations for both kinds:
/// <c>/v1/integrations/{name}/installations/{id}/spaces|sites[/{targetId}]</c>, and the integration-wide
/// lists <c>/v1/integrations/{name}/spaces|sites</c>. <c>extended=true</c> embeds the Space / Site object.
/// </summary>
public static class ContentInstallationEndpoints
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
            Uninstall(caller, kind, integrationName, installationId, (string)http.GetRouteValue(target)!)).WithName($"gitbook.uninstallIntegrationFrom{name}");
    }

    private static string Op(string verb, ContentKind kind, string suffix = "") => verb + (kind == ContentKind.Space ? "Space" : "Site") + suffix;

    private static IResult ListAcrossInstallations(GitBookCaller caller, ContentKind kind, string integrationName)
    {
        var operationId = Op("listIntegration", kind, "Installations");
        var query = caller.Query(operationId);
        lock (caller.State.Gate)
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            var items = caller.State.ContentInstallations
                .Where(c => c.Kind == kind && c.IntegrationName == integrationName && (caller.ActingInstallationId is null || c.InstallationId == caller.ActingInstallationId))
                .ToList();
            return Page(caller, operationId, $"{kind}|{integrationName}", query, items);
        }
    }

    private static IResult List(GitBookCaller caller, ContentKind kind, string integrationName, string installationId)
    {
        var operationId = Op("listIntegrationInstallation", kind, "s");
        var query = caller.Query(operationId);
        lock (caller.State.Gate)
        {
            InstallationRules.Installation(caller, integrationName, installationId);
            var items = caller.State.ContentOf(installationId).Where(c => c.Kind == kind).ToList();
            return Page(caller, operationId, $"{kind}|{integrationName}|{installationId}", query, items);
        }
    }

    private static IResult Page(GitBookCaller caller, string operationId, string listName, Newtonsoft.Json.Linq.JObject query, List<ContentInstallation> items)
    {
        var externalId = (string?)query["externalId"];
        var extended = query["extended"]?.ToObject<bool>() == true;
        var views = caller.Views;
        var ordered = items.Where(c => externalId is null || c.ExternalIds.Contains(externalId)).OrderBy(c => c.Seq).ToList();
        return caller.Ok(operationId, caller.Page(listName, query, ordered, c => KeysetPager.NumericKey(c.Seq), c => views.Content(c, extended)));
    }

    private static async Task<IResult> Install(GitBookCaller caller, ContentKind kind, string integrationName, string installationId)
    {
        var operationId = Op("installIntegrationOn", kind);
        var extended = caller.Query(operationId)["extended"]?.ToObject<bool>() == true;
        var body = await caller.BodyAsync(operationId);
        var field = kind == ContentKind.Space ? "space" : "siteId";
        var targetId = (string)body[field]!;
        IResult result;
        GitBookEvents.Delivery? delivery;
        lock (caller.State.Gate)
        {
            var state = caller.State;
            var installation = InstallationRules.Installation(caller, integrationName, installationId);
            var content = InstallationRules.InstallOn(state, caller.Errors, installation, kind, targetId);
            var level = kind == ContentKind.Space ? "space" : "site";
            installation.UpdatedAt = caller.Now;
            delivery = caller.Service.Events.Record(state, caller.Origin, integrationName, installationId, level + "_installation_setup", Fields(content, content.Status));
            var views = caller.Views;
            result = caller.Ok(operationId, views.Content(content, extended), StatusCodes.Status201Created, views.ContentLocation(content));
        }
        await caller.Service.Events.DeliverAsync([delivery]);
        return result;
    }

    private static IResult Get(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        var operationId = Op("getIntegration", kind, "Installation");
        var extended = caller.Query(operationId)["extended"]?.ToObject<bool>() == true;
        lock (caller.State.Gate) return caller.Ok(operationId, caller.Views.Content(Find(caller, kind, integrationName, installationId, targetId), extended));
    }

    private static async Task<IResult> Update(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        var operationId = Op("updateIntegration", kind, "Installation");
        var extended = caller.Query(operationId)["extended"]?.ToObject<bool>() == true;
        var body = await caller.BodyAsync(operationId);
        IResult result;
        GitBookEvents.Delivery? delivery = null;
        lock (caller.State.Gate)
        {
            var content = Find(caller, kind, integrationName, installationId, targetId);
            var previous = InstallationRules.Previous(content.Status, content.Configuration);
            if (body.ContainsKey("externalIds")) content.ExternalIds = InstallationRules.ExternalIds(caller, body["externalIds"]);
            if (body["configuration"] is JsonObject configuration)
            {
                var level = kind == ContentKind.Space ? "space" : "site";
                content.Configuration = (JsonObject)configuration.DeepClone();
                content.Status = InstallationRules.StatusFor(caller.State.Integrations[integrationName], level, content.Configuration);
                var fields = Fields(content, content.Status);
                fields["previous"] = previous;
                delivery = caller.Service.Events.Record(caller.State, caller.Origin, integrationName, installationId, level + "_installation_setup", fields);
            }
            result = caller.Ok(operationId, caller.Views.Content(content, extended));
        }
        await caller.Service.Events.DeliverAsync([delivery]);
        return result;
    }

    private static async Task<IResult> Uninstall(GitBookCaller caller, ContentKind kind, string integrationName, string installationId, string targetId)
    {
        GitBookEvents.Delivery? delivery;
        lock (caller.State.Gate)
        {
            InstallationRules.Installation(caller, integrationName, installationId);
            var content = caller.State.ContentInstallations.FirstOrDefault(c => c.Kind == kind && c.InstallationId == installationId && c.TargetId == targetId);
            // 205: uninstalled; 204: there was nothing to uninstall.
            if (content is null) return GitBookCaller.Empty(StatusCodes.Status204NoContent);
            delivery = Remove(caller, content);
        }
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
