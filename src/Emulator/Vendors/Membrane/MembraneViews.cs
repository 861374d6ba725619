using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>The JSON shapes Membrane answers with (IntegrationApiResponse, connector spec, operations, data collections).</summary>
internal static class MembraneViews
{
    public static string Iso(DateTimeOffset time) => EmulatorJson.Iso(time);

    public static JsonObject Integration(MembraneIntegration i, MembraneState state)
    {
        var connector = i.ConnectorId is null ? null : state.Connectors.GetValueOrDefault(i.ConnectorId);
        var json = new JsonObject
        {
            ["id"] = i.Id,
            ["uuid"] = i.Uuid,
            ["key"] = i.Key,
            ["name"] = i.Name,
            ["logoUri"] = i.LogoUri,
        };
        if (i.Description is not null) json["description"] = i.Description;
        if (i.Meta is not null) json["meta"] = i.Meta.DeepClone();
        json["state"] = i.State;
        if (i.Errors is { Count: > 0 }) json["errors"] = i.Errors.DeepClone();
        json["revision"] = i.Revision;
        json["createdAt"] = Iso(i.CreatedAt);
        json["updatedAt"] = Iso(i.UpdatedAt);
        if (i.ArchivedAt is { } archivedAt) json["archivedAt"] = Iso(archivedAt);
        // Archived elements are documented as deactivated.
        json["isDeactivated"] = i.ArchivedAt is not null;
        if (i.ConnectorId is not null) json["connectorId"] = i.ConnectorId;
        if ((i.ConnectorVersion ?? connector?.Version) is { } version) json["connectorVersion"] = version;
        if (i.OAuthCallbackUri is not null) json["oAuthCallbackUri"] = i.OAuthCallbackUri;
        if (i.Parameters is not null) json["parameters"] = i.Parameters.DeepClone();
        json["hasMissingParameters"] = MissingParameters(i, connector).Count > 0;
        json["hasDocumentation"] = connector is not null;
        json["hasOperations"] = connector?.Operations.Count > 0;
        json["hasData"] = connector?.DataCollections.Count > 0;
        json["hasEvents"] = connector?.EventsCount > 0;
        json["hasUdm"] = connector?.HasUdm ?? false;
        json["isTest"] = i.IsTest;
        json["operationsCount"] = connector?.Operations.Count ?? 0;
        json["dataCollectionsCount"] = connector?.DataCollections.Count ?? 0;
        json["eventsCount"] = connector?.EventsCount ?? 0;
        if ((i.ExternalAppId ?? connector?.ExternalAppId) is { } externalAppId)
        {
            json["externalAppId"] = externalAppId;
            json["appUuid"] = externalAppId;
        }
        if (connector is not null) json["authType"] = connector.AuthType;
        if (i.OptionsConfig is not null) json["optionsConfig"] = i.OptionsConfig.DeepClone();
        if (i.Connection is not null) json["connection"] = i.Connection.DeepClone();
        return json;
    }

    /// <summary>The integration's JSON, cached on it until the tenant changes (call inside <c>Read</c>).</summary>
    public static byte[] IntegrationJson(MembraneIntegration i, MembraneState state) =>
        CachedJson.Get(ref i.View, state.Version, (i, state), static item => EmulatorJson.Bytes(Integration(item.i, item.state)));

    /// <summary><c>{"items":[...],"cursor"?}</c> from ready item JSON.</summary>
    public static byte[] ListJson(IReadOnlyList<byte[]> items, string? cursor) =>
        JsonPage.Concat("{\"items\":["u8, items, cursor is null ? "]}"u8 : [.. "],"u8, .. JsonPage.Property("cursor", cursor), .. "}"u8]);

    /// <summary>Required connector parameters the integration has no value for.</summary>
    public static IReadOnlyList<string> MissingParameters(MembraneIntegration i, Connector? connector) =>
        connector?.RequiredParameters.Where(p => i.Parameters?[p] is null).ToList() ?? [];

    public static JsonObject ConnectorSpec(Connector connector)
    {
        var parameters = new JsonObject();
        foreach (var name in connector.RequiredParameters) parameters[name] = new JsonObject { ["type"] = "string" };
        return new JsonObject
        {
            ["key"] = connector.Key,
            ["name"] = connector.Name,
            ["logoUri"] = connector.LogoUri,
            ["auth"] = new JsonObject { ["type"] = connector.AuthType },
            ["parametersSchema"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = parameters,
                ["required"] = new JsonArray([.. connector.RequiredParameters.Select(p => JsonValue.Create(p))]),
            },
            ["operations"] = new JsonArray([.. connector.Operations.Select(o => (JsonNode)OperationSummary(o))]),
            ["hasReadme"] = false,
            ["externalAppId"] = connector.ExternalAppId,
            ["appUuid"] = connector.ExternalAppId,
        };
    }

    public static JsonObject OperationSummary(ConnectorOperation o)
    {
        var json = new JsonObject { ["key"] = o.Key, ["name"] = o.Name, ["isReadOnly"] = o.IsReadOnly, ["description"] = o.Description };
        json["tags"] = new JsonArray([.. o.Tags.Select(t => JsonValue.Create(t))]);
        return json;
    }

    public static JsonObject Operation(ConnectorOperation o)
    {
        var json = OperationSummary(o);
        json["inputSchema"] = o.InputSchema.DeepClone();
        json["outputSchema"] = o.OutputSchema.DeepClone();
        return json;
    }

    public static JsonObject DataCollectionSummary(ConnectorDataCollection c) =>
        new() { ["key"] = c.Key, ["name"] = c.Name, ["type"] = "collection", ["isHidden"] = c.IsHidden };

    public static JsonObject DataCollection(ConnectorDataCollection c) => new()
    {
        ["type"] = "collection",
        ["key"] = c.Key,
        ["name"] = c.Name,
        ["fieldsSchema"] = c.FieldsSchema.DeepClone(),
        ["list"] = new JsonObject(),
        ["findById"] = new JsonObject(),
        ["create"] = new JsonObject(),
        ["update"] = new JsonObject(),
        ["delete"] = new JsonObject(),
    };
}
