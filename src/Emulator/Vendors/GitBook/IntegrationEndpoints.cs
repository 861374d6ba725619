using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using System.Text.RegularExpressions;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>Publishing, reading and listing integrations: <c>/v1/integrations[/{name}]</c> and the per-organization list.</summary>
internal static partial class IntegrationEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/integrations", ListIntegrations).WithName("gitbook.listIntegrations").WithTags("gitbook integrations");
        v1.MapGet("/integrations/{integrationName}", GetIntegrationByName).WithName("gitbook.getIntegrationByName").WithTags("gitbook integrations");
        v1.MapPost("/integrations/{integrationName}", PublishIntegration).WithName("gitbook.publishIntegration").WithTags("gitbook integrations");
        v1.MapDelete("/integrations/{integrationName}", UnpublishIntegration).WithName("gitbook.unpublishIntegration").Bodiless().WithTags("gitbook integrations");
        v1.MapGet("/orgs/{organizationId}/integrations", ListOrganizationIntegrations).WithName("gitbook.listOrganizationIntegrations").WithTags("gitbook integrations");
    }

    private static IResult ListIntegrations(GitBookCaller caller)
    {
        var query = caller.Query();
        var filter = IntegrationFilter.From(query);
        var page = caller.Read(state =>
        {
            var views = caller.Views;
            // Unfiltered (the common call): seek in the name index and use the kept public count.
            return filter.IsEmpty
                ? caller.PageItems("integrations", query, state.IntegrationsByName, i => i.Name, views.IntegrationJson, i => i.Visibility == "public", state.PublicCount)
                : caller.PageItems("integrations", query, state.IntegrationsByName, i => i.Name, views.IntegrationJson, i => i.Visibility == "public" && filter.Admits(i));
        });
        // The page is written after the lock is released.
        return caller.OkJson(GitBookViews.ListJson(page.Items, page.Next, page.Count));
    }

    private static IResult ListOrganizationIntegrations(GitBookCaller caller, string organizationId)
    {
        var query = caller.Query();
        var filter = IntegrationFilter.From(query);
        return caller.Read(state =>
        {
            AccountEndpoints.Organization(caller, organizationId);
            var views = caller.Views;
            // Every public integration, plus the organization's own private and unlisted ones.
            return caller.OkJson(caller.Page("orgIntegrations|" + organizationId, query, state.IntegrationsByName, i => i.Name,
                views.IntegrationJson, i => (i.Visibility == "public" || i.OwnerId == organizationId) && filter.Admits(i)));
        });
    }

    private static IResult GetIntegrationByName(GitBookCaller caller, string integrationName) =>
        caller.Read(_ => caller.OkJson(caller.Views.IntegrationJson(Find(caller, integrationName))));

    private static async Task<IResult> PublishIntegration(GitBookCaller caller, string integrationName)
    {
        CheckName(caller, integrationName);
        var body = await caller.BodyAsync();
        caller.EnsureUser("publish integrations");
        return caller.Write(state =>
        {
            var integration = PlanPublish(state, caller.Errors, integrationName, body, caller.Now);
            state.Publish(integration);
            return caller.Ok(caller.Views.Integration(integration));
        });
    }

    /// <summary>
    /// The rules of publishIntegration: the integration <paramref name="body"/> publishes under <paramref name="integrationName"/>
    /// — a new one, or the next version of its owner's — for the caller to publish, or the error the call raises.
    /// </summary>
    public static PublishedIntegration PlanPublish(GitBookState state, GitBookErrors errors, string integrationName, JsonObject body, DateTimeOffset now)
    {
        CheckName(errors, integrationName);
        var orgRef = (string)body["organization"]!;
        var owner = state.FindOrganization(orgRef) ?? throw errors.NotFound($"organization: no organization has the id or hostname \"{orgRef}\"");
        var existing = state.Integrations.GetValueOrDefault(integrationName);
        if (existing is not null && existing.OwnerId != owner.Id)
            throw errors.Forbidden($"Integration \"{integrationName}\" belongs to organization \"{existing.OwnerId}\"; it cannot be published by \"{owner.Id}\"");
        return new PublishedIntegration
        {
            Name = integrationName,
            OwnerId = owner.Id,
            Version = (existing?.Version ?? 0) + 1,
            Seq = existing?.Seq ?? state.NextSeq(),
            PublishedAt = now,
            Verified = existing?.Verified ?? false,
            Definition = Definition(integrationName, body),
            Script = (string)body["script"]!,
            Runtime = (string?)body["runtime"] ?? "v1",
            HasIcon = body["icon"] is not null || existing?.HasIcon == true,
            Secrets = body["secrets"] is JsonObject secrets ? secrets.ToDictionary(p => p.Key, p => (string?)p.Value ?? "") : existing?.Secrets ?? new Dictionary<string, string>(),
        };
    }

    private static IResult UnpublishIntegration(GitBookCaller caller, string integrationName)
    {
        CheckName(caller, integrationName);
        caller.EnsureUser("unpublish integrations");
        return caller.Write(state =>
        {
            // 205: deleted, with every installation of it; 204: there was nothing to delete.
            if (!state.Unpublish(integrationName)) return GitBookCaller.Empty(StatusCodes.Status204NoContent);
            foreach (var installation in state.Installations.Values.Where(i => i.IntegrationName == integrationName).ToList())
            {
                state.Installations.Remove(installation.Id);
                InstallationRules.RevokeTokens(caller, installation.Id);
            }
            GitBookTokens.RevokeIntegrationTokens(state, caller.Service.Tenants, integrationName);
            state.ContentInstallations.RemoveAll(c => c.IntegrationName == integrationName);
            state.Events.RemoveAll(e => e.IntegrationName == integrationName);
            state.DevelopmentModes.Remove(integrationName);
            foreach (var task in state.PendingTasks.Values.Where(t => t.IntegrationName == integrationName).ToList()) state.PendingTasks.Remove(task.Id);
            return GitBookCaller.Empty(StatusCodes.Status205ResetContent);
        });
    }

    /// <summary>The integration, or 404; private ones exist only for their owner organization's members (all of this tenant's).</summary>
    public static PublishedIntegration Find(GitBookCaller caller, string integrationName) => Find(caller.State, caller.Errors, integrationName);

    /// <inheritdoc cref="Find(GitBookCaller, string)"/>
    public static PublishedIntegration Find(GitBookState state, GitBookErrors errors, string integrationName)
    {
        CheckName(errors, integrationName);
        return state.Integrations.GetValueOrDefault(integrationName)
            ?? throw errors.NotFound($"Integration \"{integrationName}\" not found");
    }

    public static void CheckName(GitBookCaller caller, string integrationName) => CheckName(caller.Errors, integrationName);

    public static void CheckName(GitBookErrors errors, string integrationName)
    {
        if (integrationName.Length > 100 || !NamePattern().IsMatch(integrationName))
            throw errors.BadRequest($"integrationName: \"{integrationName}\" must be 1 to 100 letters, digits, '-', '_' or '.'");
    }

    /// <summary>The published definition in the Integration's shape: defaults filled, base64 images turned into asset URLs.</summary>
    internal static JsonObject Definition(string name, JsonObject body)
    {
        var assets = $"https://integrations.gitbook.com/v1/integrations/{name}/assets";
        var definition = new JsonObject
        {
            ["title"] = body["title"]!.DeepClone(),
            ["description"] = body["description"]!.DeepClone(),
        };
        if (body["summary"] is { } summary) definition["summary"] = summary.DeepClone();
        var images = body["previewImages"] as JsonArray ?? [];
        definition["previewImages"] = new JsonArray([.. images.Select((_, i) => JsonValue.Create($"{assets}/preview-{i + 1}.png"))]);
        definition["target"] = (string?)body["target"] ?? "all";
        definition["visibility"] = (string?)body["visibility"] ?? "private";
        definition["scopes"] = body["scopes"]!.DeepClone();
        definition["categories"] = body["categories"]?.DeepClone() ?? new JsonArray();
        foreach (var key in (string[])["blocks", "contentSources", "configurations", "contentSecurityPolicy"])
            if (body[key] is { } value) definition[key] = value.DeepClone();
        definition["externalLinks"] = body["externalLinks"]?.DeepClone() ?? new JsonArray();
        return definition;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9\-_.]+$")]
    private static partial Regex NamePattern();
}
