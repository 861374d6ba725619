using IntegrationsApiEmulator.Core;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Membrane.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// What an integration's connector offers — <c>connector-spec</c>, <c>operations[/{key}]</c>,
/// <c>data[/{key}]</c> — and <c>POST /connection-options</c>, the auth options a connection can use.
/// </summary>
internal static class ConnectorEndpoints
{
    public static void Map(RouteGroupBuilder root)
    {
        var group = root.MapGroup("/integrations/{selector}").WithTags("membrane connectors");
        group.MapGet("/connector-spec", GetConnectorSpec).WithName("membrane.getConnectorSpec").Schemas(response: "connectorSpec");
        group.MapGet("/operations", GetOperations).WithName("membrane.getOperations").Schemas(response: "operations");
        group.MapGet("/operations/{key}", GetOperation).WithName("membrane.getOperation").Schemas(response: "operation");
        group.MapGet("/data", GetDataCollections).WithName("membrane.getDataCollections").Schemas(response: "dataCollections");
        group.MapGet("/data/{key}", GetDataCollection).WithName("membrane.getDataCollection").Schemas(response: "dataCollection");
        root.MapPost("/connection-options", GetConnectionOptions).WithName("membrane.connectionOptions").WithTags("membrane connectors");
    }

    private static IResult GetConnectorSpec(MembraneCaller caller, string selector) =>
        caller.Read(_ => caller.Ok(MembraneViews.ConnectorSpec(ConnectorOf(caller, selector))));

    private static IResult GetOperations(MembraneCaller caller, string selector) =>
        caller.Read(_ => caller.Ok(new JsonArray([.. ConnectorOf(caller, selector).Operations.Select(o => (JsonNode)MembraneViews.OperationSummary(o))])));

    private static IResult GetOperation(MembraneCaller caller, string selector, string key) => caller.Read(_ =>
    {
        var operation = ConnectorOf(caller, selector).Operations.FirstOrDefault(o => o.Key == key)
            ?? throw caller.Errors.NotFound($"Operation \"{key}\" not found in the connector of integration \"{selector}\"");
        return caller.Ok(MembraneViews.Operation(operation));
    });

    private static IResult GetDataCollections(MembraneCaller caller, string selector) =>
        caller.Read(_ => caller.Ok(new JsonArray([.. ConnectorOf(caller, selector).DataCollections.Select(c => (JsonNode)MembraneViews.DataCollectionSummary(c))])));

    private static IResult GetDataCollection(MembraneCaller caller, string selector, string key) => caller.Read(_ =>
    {
        var collection = ConnectorOf(caller, selector).DataCollections.FirstOrDefault(c => c.Key == key)
            ?? throw caller.Errors.NotFound($"Data collection \"{key}\" not found in the connector of integration \"{selector}\"");
        return caller.Ok(MembraneViews.DataCollection(collection));
    });

    private static async Task<IResult> GetConnectionOptions(MembraneCaller caller)
    {
        var body = await caller.BodyAsync();
        return caller.Read(state =>
        {
            Connector? connector = null;
            if (((string?)body["integrationId"] ?? (string?)body["integrationKey"]) is { } selector)
                connector = ConnectorOf(caller, selector);
            else if ((string?)body["connectorId"] is { } connectorId)
                connector = state.Connectors.GetValueOrDefault(connectorId) ?? throw caller.Errors.BadRequest($"connectorId: no connector has the id \"{connectorId}\"");
            else if ((string?)body["connectorKey"] is { } connectorKey)
                connector = state.ConnectorByKey(connectorKey) ?? throw caller.Errors.BadRequest($"connectorKey: no connector has the key \"{connectorKey}\"");
            if (connector is null) throw caller.Errors.BadRequest("integrationId: one of integrationId, integrationKey, connectorId or connectorKey is required");
            var option = new JsonObject
            {
                ["key"] = connector.AuthType,
                ["type"] = connector.AuthType,
                ["title"] = $"Connect to {connector.Name}",
                ["description"] = connector.AuthType == "oauth2" ? $"Sign in to {connector.Name} and grant access" : $"Enter your {connector.Name} credentials",
            };
            return caller.Ok(new JsonArray(option));
        });
    }

    private static Connector ConnectorOf(MembraneCaller caller, string selector)
    {
        var integration = IntegrationEndpoints.Find(caller, selector);
        return integration.ConnectorId is { } id && caller.State.Connectors.TryGetValue(id, out var connector)
            ? connector
            : throw caller.Errors.NotFound($"Integration \"{selector}\" has no connector");
    }
}
