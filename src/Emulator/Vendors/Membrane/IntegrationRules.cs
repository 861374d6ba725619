using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// What creating and changing an integration means — uuid and key uniqueness, connector lookup, editable fields,
/// the state set-up computes — shared by the API handlers and the fixture loader.
/// </summary>
internal static partial class IntegrationRules
{
    /// <summary>
    /// The longest key of an integration or element. The SDK's schemas set none; a key selects its integration or
    /// element in paths (<c>/integrations/{key}</c>), so one too long for a request line could be created but not read.
    /// </summary>
    public const int MaxKeyLength = 255;

    /// <summary>Refuses a body whose <c>key</c> is longer than <see cref="MaxKeyLength"/>.</summary>
    public static void CheckKey(MembraneErrors errors, JsonObject body)
    {
        if ((string?)body["key"] is { Length: > MaxKeyLength } key)
            throw errors.BadRequest($"key: must be at most {MaxKeyLength} characters (a key selects its integration or element in paths), not {key.Length}");
    }

    /// <summary>A new integration from a <c>createIntegration</c> body, set up and added to the tenant; throws the API's errors.</summary>
    public static MembraneIntegration Create(RuleContext context, JsonObject body)
    {
        var state = context.State;
        var connector = ResolveConnector(state, context.Errors, body);
        var uuid = (string?)body["uuid"];
        if (uuid is not null && state.UuidTaken(uuid)) throw context.Errors.AlreadyExists($"uuid: an integration with uuid \"{uuid}\" already exists");
        uuid ??= context.NewUuid();
        var name = (string?)body["name"] ?? connector?.Name ?? (string?)body["key"] ?? "Integration";
        CheckKey(context.Errors, body);
        var key = (string?)body["key"];
        if (key is not null && state.KeyTaken(key)) throw context.Errors.AlreadyExists($"key: an integration with key \"{key}\" already exists");
        key ??= UniqueKey(state, Slug(name));
        var integration = new MembraneIntegration
        {
            Id = context.NewId(),
            Uuid = uuid,
            Seq = state.NextSeq(),
            CreatedAt = context.Now,
            UpdatedAt = context.Now,
            Key = key,
            Name = name,
            ConnectorId = connector?.Id,
            Revision = context.NewRevision(),
            LogoUri = connector?.LogoUri ?? "",
        };
        Apply(context.Errors, integration, body, replace: false);
        Setup(integration, state);
        state.Add(integration);
        return integration;
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

    /// <summary>The editable fields of a create/update body; with <paramref name="replace"/> (PUT) absent ones are cleared.</summary>
    public static void Apply(MembraneErrors errors, MembraneIntegration integration, JsonObject body, bool replace)
    {
        if (body["oAuthCallbackUri"] is { } callback)
        {
            var text = (string)callback!;
            // Like the SDK's .url(): a scheme is required (on Linux .NET reads "/x" as a file path).
            if (text.Length > 0 && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.IsFile && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))))
                throw errors.BadRequest($"oAuthCallbackUri: \"{text}\" must be a URL or the empty string");
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

    /// <summary>The connector a body names by <c>connectorId</c>, <c>connectorUuid</c> or <c>connectorKey</c>, or null; 400 when there is no such connector.</summary>
    public static Connector? ResolveConnector(MembraneState state, MembraneErrors errors, JsonObject body)
    {
        if ((string?)body["connectorId"] is { } id)
            return state.Connectors.GetValueOrDefault(id) ?? throw errors.BadRequest($"connectorId: no connector has the id \"{id}\"");
        if ((string?)body["connectorUuid"] is { } uuid)
            return state.Connectors.GetValueOrDefault(uuid) ?? throw errors.BadRequest($"connectorUuid: no connector has the uuid \"{uuid}\"");
        if ((string?)body["connectorKey"] is { } key)
            return state.ConnectorByKey(key) ?? throw errors.BadRequest($"connectorKey: no connector has the key \"{key}\"");
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
