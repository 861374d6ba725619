using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Organization installations: <c>/v1/integrations/{name}/installations[/{id}[/tokens]]</c> and the
/// organization's installation status routes. Installing, reconfiguring and uninstalling raise
/// <c>installation_setup</c> / <c>installation_deleted</c> events.
/// </summary>
internal static class InstallationEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/integrations/{integrationName}/installations").WithTags("gitbook installations");
        group.MapGet("", ListIntegrationInstallations).WithName("gitbook.listIntegrationInstallations");
        group.MapPost("", InstallIntegration).WithName("gitbook.installIntegration");
        group.MapGet("/{installationId}", GetIntegrationInstallationById).WithName("gitbook.getIntegrationInstallationById");
        group.MapPatch("/{installationId}", UpdateIntegrationInstallation).WithName("gitbook.updateIntegrationInstallation");
        group.MapDelete("/{installationId}", UninstallIntegration).WithName("gitbook.uninstallIntegration").Bodiless();
        group.MapPost("/{installationId}/tokens", CreateIntegrationInstallationToken).WithName("gitbook.createIntegrationInstallationToken").Bodiless();
        v1.MapGet("/orgs/{organizationId}/installations", ListOrganizationInstallations)
            .WithName("gitbook.listOrganizationInstallations").WithTags("gitbook installations");
        v1.MapGet("/orgs/{organizationId}/integrations/installations-status", ListOrganizationIntegrationsStatus)
            .WithName("gitbook.listOrganizationIntegrationsStatus").WithTags("gitbook installations");
        v1.MapGet("/orgs/{organizationId}/integrations/{integrationName}/installation_status", GetOrganizationIntegrationStatus)
            .WithName("gitbook.getOrganizationIntegrationStatus").WithTags("gitbook installations");
    }

    private static IResult ListIntegrationInstallations(GitBookCaller caller, string integrationName)
    {
        var query = caller.Query();
        var externalId = (string?)query["externalId"];
        return caller.Read(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            var views = caller.Views;
            var items = state.Installations.Values
                .Where(i => i.IntegrationName == integrationName && (caller.ActingInstallationId is null || i.Id == caller.ActingInstallationId)
                    && (externalId is null || i.ExternalIds.Contains(externalId)))
                .OrderBy(i => i.Seq).ToList();
            return caller.OkJson(caller.Page("installations|" + integrationName, query, items, i => KeysetPager.NumericKey(i.Seq), i => views.Installation(i)));
        });
    }

    private static async Task<IResult> InstallIntegration(GitBookCaller caller, string integrationName)
    {
        var body = await caller.BodyAsync();
        caller.EnsureUser("install integrations");
        var (result, delivery) = caller.Write(state =>
        {
            var integration = IntegrationEndpoints.Find(caller, integrationName);
            var installation = InstallationRules.Install(state, caller.Errors, integration, (string)body["organization"]!, GitBookService.NewId(), caller.Now);
            var delivery = caller.Service.Events.Record(state, caller.Origin, integrationName, installation.Id, "installation_setup",
                new JsonObject { ["installationId"] = installation.Id, ["status"] = installation.Status });
            var views = caller.Views;
            return (caller.Ok(views.Installation(installation), StatusCodes.Status201Created, views.InstallationLocation(installation)), delivery);
        });
        await caller.Service.Events.DeliverAsync([delivery]);
        return result;
    }

    private static IResult GetIntegrationInstallationById(GitBookCaller caller, string integrationName, string installationId) =>
        caller.Read(_ => caller.Ok(caller.Views.Installation(InstallationRules.Installation(caller, integrationName, installationId))));

    private static async Task<IResult> UpdateIntegrationInstallation(GitBookCaller caller, string integrationName, string installationId)
    {
        var body = await caller.BodyAsync();
        var (result, delivery) = caller.Write(state =>
        {
            var installation = InstallationRules.Installation(caller, integrationName, installationId);
            var integration = state.Integrations[integrationName];
            var previous = InstallationRules.Previous(installation.Status, installation.Configuration);
            GitBookEvents.Delivery? delivery = null;
            if (body.ContainsKey("externalIds")) installation.ExternalIds = InstallationRules.ExternalIds(caller, body["externalIds"]);
            if (body["space_selection"] is { } spaces) installation.SpaceSelection = (string)spaces!;
            if (body["site_selection"] is { } sites) installation.SiteSelection = (string)sites!;
            if (body["configuration"] is JsonObject configuration)
            {
                installation.Configuration = (JsonObject)configuration.DeepClone();
                installation.Status = InstallationRules.StatusFor(integration, "account", installation.Configuration);
                delivery = caller.Service.Events.Record(state, caller.Origin, integrationName, installation.Id, "installation_setup",
                    new JsonObject { ["installationId"] = installation.Id, ["status"] = installation.Status, ["previous"] = previous });
            }
            installation.UpdatedAt = caller.Now;
            return (caller.Ok(caller.Views.Installation(installation)), delivery);
        });
        await caller.Service.Events.DeliverAsync([delivery]);
        return result;
    }

    private static async Task<IResult> UninstallIntegration(GitBookCaller caller, string integrationName, string installationId)
    {
        caller.EnsureUser("uninstall integrations");
        var deliveries = caller.Write(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            // 205: uninstalled with its space and site installations; 204: there was nothing to uninstall (null).
            if (!state.Installations.TryGetValue(installationId, out var installation) || installation.IntegrationName != integrationName) return null;
            var deliveries = new List<GitBookEvents.Delivery?>();
            foreach (var content in state.ContentOf(installationId).ToList())
                deliveries.Add(ContentInstallationEndpoints.Remove(caller, content));
            deliveries.Add(caller.Service.Events.Record(state, caller.Origin, integrationName, installationId, "installation_deleted",
                new JsonObject { ["installationId"] = installationId, ["previous"] = new JsonObject { ["configuration"] = installation.Configuration.DeepClone() } }));
            state.Installations.Remove(installationId);
            InstallationRules.RevokeTokens(caller, installationId);
            return deliveries;
        });
        if (deliveries is null) return GitBookCaller.Empty(StatusCodes.Status204NoContent);
        await caller.Service.Events.DeliverAsync(deliveries);
        return GitBookCaller.Empty(StatusCodes.Status205ResetContent);
    }

    private static IResult CreateIntegrationInstallationToken(GitBookCaller caller, string integrationName, string installationId) => caller.Write(state =>
    {
        var installation = InstallationRules.Installation(caller, integrationName, installationId);
        var token = GitBookTokens.MintInstallationToken(state, caller.Service.Tenants, caller.TenantKey, installation.Id);
        return caller.Ok(new JsonObject { ["token"] = token });
    });

    /// <summary>
    /// listOrganizationInstallations: the organization's installations, oldest first, each with its integration;
    /// <c>search</c> filters by integration as listIntegrations' <c>search</c> does (name, title or description). An
    /// installation or integration token sees only its own installation or integration's.
    /// </summary>
    private static IResult ListOrganizationInstallations(GitBookCaller caller, string organizationId)
    {
        var query = caller.Query();
        var search = (string?)query["search"];
        return caller.Read(state =>
        {
            AccountEndpoints.Organization(caller, organizationId);
            var views = caller.Views;
            var items = state.Installations.Values
                .Where(i => i.OrganizationId == organizationId
                    && (caller.ActingInstallationId is null || i.Id == caller.ActingInstallationId)
                    && (caller.ActingIntegrationName is null || i.IntegrationName == caller.ActingIntegrationName)
                    && (search is null || IntegrationFilter.Matches(state.Integrations[i.IntegrationName], search)))
                .OrderBy(i => i.Seq).ToList();
            return caller.OkJson(caller.Page("orgInstallations|" + organizationId, query, items, i => KeysetPager.NumericKey(i.Seq),
                i => new JsonObject { ["installation"] = views.Installation(i), ["integration"] = views.Integration(state.Integrations[i.IntegrationName]) }));
        });
    }

    private static IResult GetOrganizationIntegrationStatus(GitBookCaller caller, string organizationId, string integrationName) => caller.Read(state =>
    {
        AccountEndpoints.Organization(caller, organizationId);
        IntegrationEndpoints.Find(caller, integrationName);
        caller.EnsureMayActOn(integrationName);
        var installation = state.Installations.Values.FirstOrDefault(i => i.IntegrationName == integrationName && i.OrganizationId == organizationId)
            ?? throw caller.Errors.NotFound($"Integration \"{integrationName}\" is not installed on organization \"{organizationId}\"");
        return caller.Ok(new JsonObject { ["status"] = installation.Status });
    });

    private static IResult ListOrganizationIntegrationsStatus(GitBookCaller caller, string organizationId)
    {
        var query = caller.Query();
        var target = (string?)query["target"] ?? "organization";
        string? space = (string?)query["space"], site = (string?)query["site"];
        if (space is not null && target != "space") throw caller.Errors.BadRequest("space: only allowed with target=space");
        if (site is not null && target != "site") throw caller.Errors.BadRequest("site: only allowed with target=site");
        return caller.Read(state =>
        {
            AccountEndpoints.Organization(caller, organizationId);
            var views = caller.Views;
            var installations = state.Installations.Values.Where(i => i.OrganizationId == organizationId).OrderBy(i => i.Seq).ToList();
            var kind = target == "space" ? ContentKind.Space : ContentKind.Site;
            var only = space ?? site;
            var rows = target == "organization"
                ? installations.Select(i => (i.Seq, i.Status, i.IntegrationName, Target: new JsonObject { ["type"] = "organization", ["organizationId"] = organizationId })).ToList()
                : installations.SelectMany(i => state.ContentOf(i.Id))
                    .Where(c => c.Kind == kind && (only is null || c.TargetId == only))
                    .OrderBy(c => c.Seq)
                    .Select(c => (c.Seq, c.Status, c.IntegrationName, Target: target == "space"
                        ? new JsonObject { ["type"] = "space", ["spaceId"] = c.TargetId }
                        : new JsonObject { ["type"] = "site", ["siteId"] = c.TargetId }))
                    .ToList();
            return caller.OkJson(caller.Page("installationsStatus|" + organizationId, query, rows,
                r => KeysetPager.NumericKey(r.Seq),
                r => new JsonObject { ["status"] = r.Status, ["integration"] = views.Integration(state.Integrations[r.IntegrationName]), ["target"] = r.Target.DeepClone() }));
        });
    }
}
