using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// Integrations: <c>/membrane/integrations[/{selector}[/restore|/setup]]</c>; the selector is the id or the key.
/// Deleting archives (sets <c>archivedAt</c>); archived integrations are hidden from lists unless
/// <c>includeArchived</c>, still readable, and refuse changes until restored.
/// </summary>
internal static class IntegrationEndpoints
{
    public static void Map(RouteGroupBuilder root)
    {
        var group = root.MapGroup("/integrations").WithTags("membrane integrations");
        group.MapGet("", FindIntegrations).WithName("membrane.findIntegrations").Schemas(response: "integrationList");
        group.MapPost("", CreateIntegration).WithName("membrane.createIntegration").Schemas(response: "integration");
        group.MapGet("/{selector}", GetIntegration).WithName("membrane.getIntegration").Schemas(response: "integration");
        group.MapPut("/{selector}", PutIntegration).WithName("membrane.putIntegration").Schemas(request: "updateIntegration", response: "integration");
        group.MapPatch("/{selector}", PatchIntegration).WithName("membrane.patchIntegration").Schemas(request: "updateIntegration", response: "integration");
        group.MapDelete("/{selector}", ArchiveIntegration).WithName("membrane.archiveIntegration").Bodiless().Schemas(response: "integration");
        group.MapPost("/{selector}/restore", RestoreIntegration).WithName("membrane.restoreIntegration").Bodiless().Schemas(response: "integration");
        group.MapPost("/{selector}/setup", SetupIntegration).WithName("membrane.setupIntegration").Bodiless().Schemas(response: "integration");
    }

    private static IResult FindIntegrations(MembraneCaller caller)
    {
        var query = caller.Query();
        var search = (string?)query["search"];
        var connectorId = (string?)query["connectorId"];
        var appUuid = (string?)query["appUuid"] ?? (string?)query["externalAppId"];
        var includeArchived = query["includeArchived"]?.Value<bool>() == true;
        // Integrations are kept in creation order: the page seeks the cursor and filters as it scans; the bytes are
        // written after the lock is released.
        var page = caller.Read(state => caller.PageItems("integrations", query, state.Integrations, i => i.Seq, i => MembraneViews.IntegrationJson(i, state),
            i => (includeArchived || i.ArchivedAt is null)
                && (search is null || i.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || i.Key.Contains(search, StringComparison.OrdinalIgnoreCase))
                && (connectorId is null || i.ConnectorId == connectorId)
                && (appUuid is null || (i.ExternalAppId ?? (i.ConnectorId is null ? null : state.Connectors.GetValueOrDefault(i.ConnectorId)?.ExternalAppId)) == appUuid)));
        return caller.OkJson(MembraneViews.ListJson(page.Items, page.Cursor));
    }

    private static async Task<IResult> CreateIntegration(MembraneCaller caller)
    {
        var body = await caller.BodyAsync();
        return caller.Write(state => caller.Ok(MembraneViews.Integration(IntegrationRules.Create(caller.Rules, body), state)));
    }

    private static IResult GetIntegration(MembraneCaller caller, string selector) =>
        caller.Read(state => caller.OkJson(MembraneViews.IntegrationJson(Find(caller, selector), state)));

    private static Task<IResult> PutIntegration(MembraneCaller caller, string selector) => UpdateAsync(caller, selector, replace: true);

    private static Task<IResult> PatchIntegration(MembraneCaller caller, string selector) => UpdateAsync(caller, selector, replace: false);

    private static async Task<IResult> UpdateAsync(MembraneCaller caller, string selector, bool replace)
    {
        var body = await caller.BodyAsync();
        return caller.Write(state =>
        {
            var integration = Writable(caller, selector);
            IntegrationRules.CheckKey(caller.Errors, body);
            if ((string?)body["key"] is { } key && state.KeyTaken(key, except: integration))
                throw caller.Errors.AlreadyExists($"key: an integration with key \"{key}\" already exists");
            if ((string?)body["uuid"] is { } uuid && uuid != integration.Uuid)
                throw caller.Errors.BadRequest("uuid: the uuid of an integration cannot change");
            if (IntegrationRules.ResolveConnector(state, caller.Errors, body) is { } connector) integration.ConnectorId = connector.Id;
            IntegrationRules.Apply(caller.Errors, integration, body, replace);
            if (body["key"] is { } newKey) state.ChangeKey(integration, (string)newKey!);
            if (body["name"] is { } newName) integration.Name = (string)newName!;
            Touch(caller, integration);
            return caller.Ok(MembraneViews.Integration(integration, state));
        });
    }

    private static IResult ArchiveIntegration(MembraneCaller caller, string selector) => caller.Write(state =>
    {
        var integration = Find(caller, selector);
        if (integration.ArchivedAt is null)
        {
            integration.ArchivedAt = caller.Now;
            Touch(caller, integration);
        }
        return caller.Ok(MembraneViews.Integration(integration, state));
    });

    private static IResult RestoreIntegration(MembraneCaller caller, string selector) => caller.Write(state =>
    {
        var integration = Find(caller, selector);
        if (integration.ArchivedAt is not null)
        {
            // The key is unique among live integrations: restoring must not collide with a newer one.
            if (state.KeyTaken(integration.Key, except: integration))
                throw caller.Errors.AlreadyExists($"key: another integration now has the key \"{integration.Key}\"");
            integration.ArchivedAt = null;
            Touch(caller, integration);
        }
        return caller.Ok(MembraneViews.Integration(integration, state));
    });

    private static IResult SetupIntegration(MembraneCaller caller, string selector) => caller.Write(state =>
    {
        var integration = Writable(caller, selector);
        IntegrationRules.Setup(integration, state);
        Touch(caller, integration);
        return caller.Ok(MembraneViews.Integration(integration, state));
    });

    /// <summary>The integration a selector (id or key) names, archived ones included; 404 <c>not_found</c> otherwise.</summary>
    public static MembraneIntegration Find(MembraneCaller caller, string selector) =>
        caller.State.Find(selector) ?? throw caller.Errors.NotFound($"Integration \"{selector}\" not found");

    public static MembraneIntegration Writable(MembraneCaller caller, string selector)
    {
        var integration = Find(caller, selector);
        return integration.ArchivedAt is null
            ? integration
            : throw caller.Errors.BadRequest($"Integration \"{selector}\" is archived: restore it before changing it");
    }

    private static void Touch(MembraneCaller caller, MembraneIntegration integration) =>
        integration.Touch(caller.Now, MembraneService.NewRevision());
}
