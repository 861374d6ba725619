using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
public static partial class IntegrationEndpoints
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
            var state = caller.State;
            var connector = ResolveConnector(caller, body);
            var uuid = (string?)body["uuid"];
            if (uuid is not null && state.Integrations.Any(i => i.Uuid == uuid)) throw caller.Errors.AlreadyExists($"uuid: an integration with uuid \"{uuid}\" already exists");
            uuid ??= Guid.NewGuid().ToString();
            var name = (string?)body["name"] ?? connector?.Name ?? (string?)body["key"] ?? "Integration";
            var key = (string?)body["key"];
            if (key is not null && state.KeyTaken(key)) throw caller.Errors.AlreadyExists($"key: an integration with key \"{key}\" already exists");
            key ??= UniqueKey(state, Slug(name));
            var now = caller.Now;
            var integration = new MembraneIntegration
            {
                Id = MembraneService.NewId(),
                Uuid = uuid,
                Seq = state.NextSeq(),
                CreatedAt = now,
                UpdatedAt = now,
                Key = key,
                Name = name,
                ConnectorId = connector?.Id,
                Revision = MembraneService.NewRevision(),
                LogoUri = connector?.LogoUri ?? "",
            };
            Apply(caller, integration, body, replace: false);
            Setup(integration, state);
            state.Integrations.Add(integration);
            return caller.Ok("integration", MembraneViews.Integration(integration, state));
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
            if (ResolveConnector(caller, body) is { } connector) integration.ConnectorId = connector.Id;
            Apply(caller, integration, body, replace);
            if (body["key"] is { } newKey) integration.Key = (string)newKey!;
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
            Setup(integration, caller.State);
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

    /// <summary>State as the engine would leave it after set-up: READY, or CONFIGURATION_ERROR listing missing parameters.</summary>
    public static void Setup(MembraneIntegration integration, MembraneState state)
    {
        var connector = integration.ConnectorId is null ? null : state.Connectors.GetValueOrDefault(integration.ConnectorId);
        var missing = MembraneViews.MissingParameters(integration, connector);
        integration.State = missing.Count == 0 ? "READY" : "CONFIGURATION_ERROR";
        integration.Errors = missing.Count == 0
            ? null
            : new JsonArray([.. missing.Select(p => (JsonNode)new JsonObject { ["type"] = "configuration", ["key"] = "missing_parameter", ["message"] = $"Connector parameter \"{p}\" is required", ["data"] = new JsonObject { ["parameter"] = p } })]);
    }

    private static void Touch(MembraneCaller caller, MembraneIntegration integration) =>
        integration.Touch(caller.Now, MembraneService.NewRevision());

    /// <summary>The editable fields of a create/update body; with <paramref name="replace"/> (PUT) absent ones are cleared.</summary>
    private static void Apply(MembraneCaller caller, MembraneIntegration integration, JsonObject body, bool replace)
    {
        if (body["oAuthCallbackUri"] is { } callback)
        {
            var text = (string)callback!;
            // Like the SDK's .url(): a scheme is required (on Linux .NET reads "/x" as a file path).
            if (text.Length > 0 && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.IsFile && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))))
                throw caller.Errors.BadRequest($"oAuthCallbackUri: \"{text}\" must be a URL or the empty string");
        }
        T? Pick<T>(string key, T? current, Func<JsonNode, T> read) where T : class =>
            body.TryGetPropertyValue(key, out var node) ? (node is null ? null : read(node)) : replace ? null : current;
        integration.Description = Pick("description", integration.Description, n => (string)n!);
        integration.Meta = Pick("meta", integration.Meta, n => (JsonObject)n.DeepClone());
        integration.Parameters = Pick("parameters", integration.Parameters, n => (JsonObject)n.DeepClone());
        integration.OptionsConfig = Pick("optionsConfig", integration.OptionsConfig, n => (JsonObject)n.DeepClone());
        integration.OAuthCallbackUri = Pick("oAuthCallbackUri", integration.OAuthCallbackUri, n => (string)n!);
        integration.ExternalAppId = (string?)(body["externalAppId"] ?? body["externalAppUuid"] ?? body["appUuid"]) ?? (replace ? null : integration.ExternalAppId);
        if (body["connectorVersion"] is { } version) integration.ConnectorVersion = (string)version!;
        if (body["logoBase64"] is { } logo) integration.LogoUri = "data:image/png;base64," + (string)logo!;
        else if (body["logoUri"] is { } logoUri) integration.LogoUri = (string)logoUri!;
    }

    private static Connector? ResolveConnector(MembraneCaller caller, JsonObject body)
    {
        var state = caller.State;
        if ((string?)body["connectorId"] is { } id)
            return state.Connectors.GetValueOrDefault(id) ?? throw caller.Errors.BadRequest($"connectorId: no connector has the id \"{id}\"");
        if ((string?)body["connectorUuid"] is { } uuid)
            return state.Connectors.GetValueOrDefault(uuid) ?? throw caller.Errors.BadRequest($"connectorUuid: no connector has the uuid \"{uuid}\"");
        if ((string?)body["connectorKey"] is { } key)
            return state.ConnectorByKey(key) ?? throw caller.Errors.BadRequest($"connectorKey: no connector has the key \"{key}\"");
        return null;
    }

    private static string UniqueKey(MembraneState state, string baseKey)
    {
        var key = baseKey;
        for (var n = 2; state.KeyTaken(key); n++) key = $"{baseKey}-{n}";
        return key;
    }

    /// <summary>A key made from a name: lowercase letters and digits joined by '-'.</summary>
    internal static string Slug(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 0 ? slug : "integration";
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
