using Emulator.Vendors.Membrane.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.Membrane;

/// <summary>
/// Integrations: <c>/membrane/integrations[/{selector}[/restore|/setup]]</c>; the selector is the id or the key.
/// Deleting archives (sets <c>archivedAt</c>); archived integrations are hidden from lists unless
/// <c>includeArchived</c>, still readable, and refuse changes until restored.
/// </summary>
public static class IntegrationEndpoints
{
    public static void Map(RouteGroupBuilder root)
    {
        var group = root.MapGroup("/integrations").WithTags("membrane integrations");
        group.MapGet("", FindIntegrations).WithName("membrane.findIntegrations");
        group.MapPost("", CreateIntegration).WithName("membrane.createIntegration");
        group.MapGet("/{selector}", GetIntegration).WithName("membrane.getIntegration");
        group.MapPut("/{selector}", PutIntegration).WithName("membrane.putIntegration");
        group.MapPatch("/{selector}", PatchIntegration).WithName("membrane.patchIntegration");
        group.MapDelete("/{selector}", ArchiveIntegration).WithName("membrane.archiveIntegration");
        group.MapPost("/{selector}/restore", RestoreIntegration).WithName("membrane.restoreIntegration");
        group.MapPost("/{selector}/setup", SetupIntegration).WithName("membrane.setupIntegration");
    }

    private static IResult FindIntegrations(MembraneCaller caller)
    {
        var query = caller.Query("findIntegrations");
        var search = (string?)query["search"];
        var connectorId = (string?)query["connectorId"];
        var appUuid = (string?)query["appUuid"] ?? (string?)query["externalAppId"];
        var includeArchived = query["includeArchived"]?.Value<bool>() == true;
        (IReadOnlyList<byte[]> Items, string? Cursor) page;
        lock (caller.State.Gate)
        {
            var state = caller.State;
            // Integrations are kept in creation order: the page seeks the cursor and filters as it scans.
            page = caller.PageItems("integrations", query, state.Integrations, i => i.Seq, i => MembraneViews.IntegrationJson(i, state),
                i => (includeArchived || i.ArchivedAt is null)
                    && (search is null || i.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || i.Key.Contains(search, StringComparison.OrdinalIgnoreCase))
                    && (connectorId is null || i.ConnectorId == connectorId)
                    && (appUuid is null || (i.ExternalAppId ?? (i.ConnectorId is null ? null : state.Connectors.GetValueOrDefault(i.ConnectorId)?.ExternalAppId)) == appUuid));
        }
        return caller.Ok("integrationList", MembraneViews.ListJson(page.Items, page.Cursor));
    }

    private static async Task<IResult> CreateIntegration(MembraneCaller caller)
    {
        var body = await caller.BodyAsync("createIntegration");
        lock (caller.State.Gate)
        {
            var integration = IntegrationRules.Create(caller.Rules, body);
            return caller.Ok("integration", MembraneViews.Integration(integration, caller.State));
        }
    }

    private static IResult GetIntegration(MembraneCaller caller, string selector)
    {
        lock (caller.State.Gate) return caller.Ok("integration", MembraneViews.Integration(Find(caller, selector), caller.State));
    }

    private static Task<IResult> PutIntegration(MembraneCaller caller, string selector) => UpdateAsync(caller, selector, replace: true);

    private static Task<IResult> PatchIntegration(MembraneCaller caller, string selector) => UpdateAsync(caller, selector, replace: false);

    private static async Task<IResult> UpdateAsync(MembraneCaller caller, string selector, bool replace)
    {
        var body = await caller.BodyAsync("updateIntegration");
        lock (caller.State.Gate)
        {
            var integration = Writable(caller, selector);
            if ((string?)body["key"] is { } key && caller.State.KeyTaken(key, except: integration))
                throw caller.Errors.AlreadyExists($"key: an integration with key \"{key}\" already exists");
            if ((string?)body["uuid"] is { } uuid && uuid != integration.Uuid)
                throw caller.Errors.BadRequest("uuid: the uuid of an integration cannot change");
            if (IntegrationRules.ResolveConnector(caller.State, caller.Errors, body) is { } connector) integration.ConnectorId = connector.Id;
            IntegrationRules.Apply(caller.Errors, integration, body, replace);
            if (body["key"] is { } newKey) caller.State.ChangeKey(integration, (string)newKey!);
            if (body["name"] is { } newName) integration.Name = (string)newName!;
            Touch(caller, integration);
            return caller.Ok("integration", MembraneViews.Integration(integration, caller.State));
        }
    }

    private static IResult ArchiveIntegration(MembraneCaller caller, string selector)
    {
        lock (caller.State.Gate)
        {
            var integration = Find(caller, selector);
            if (integration.ArchivedAt is null)
            {
                integration.ArchivedAt = caller.Now;
                Touch(caller, integration);
            }
            return caller.Ok("integration", MembraneViews.Integration(integration, caller.State));
        }
    }

    private static async Task<IResult> RestoreIntegration(MembraneCaller caller, string selector)
    {
        await caller.BodyAsync("noBody");
        lock (caller.State.Gate)
        {
            var integration = Find(caller, selector);
            if (integration.ArchivedAt is not null)
            {
                // The key is unique among live integrations: restoring must not collide with a newer one.
                if (caller.State.KeyTaken(integration.Key, except: integration))
                    throw caller.Errors.AlreadyExists($"key: another integration now has the key \"{integration.Key}\"");
                integration.ArchivedAt = null;
                Touch(caller, integration);
            }
            return caller.Ok("integration", MembraneViews.Integration(integration, caller.State));
        }
    }

    private static async Task<IResult> SetupIntegration(MembraneCaller caller, string selector)
    {
        await caller.BodyAsync("noBody");
        lock (caller.State.Gate)
        {
            var integration = Writable(caller, selector);
            IntegrationRules.Setup(integration, caller.State);
            Touch(caller, integration);
            return caller.Ok("integration", MembraneViews.Integration(integration, caller.State));
        }
    }

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
