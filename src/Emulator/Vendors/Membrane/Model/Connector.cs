using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Vendors.Membrane.Model;

/// <summary>
/// A connector: what an integration built on it can do (operations, data collections, events). The seeded catalogue,
/// or one a fixture adds (<see cref="FromFixture"/>, written in state snapshots as the catalogue is not).
/// </summary>
internal sealed record Connector(
    string Id,
    string Key,
    string Name,
    string LogoUri,
    string AuthType,
    string Version,
    string ExternalAppId,
    IReadOnlyList<ConnectorOperation> Operations,
    IReadOnlyList<ConnectorDataCollection> DataCollections,
    int EventsCount,
    IReadOnlyList<string> RequiredParameters,
    bool HasUdm)
{
    public bool FromFixture { get; init; }
}

internal sealed record ConnectorOperation(string Key, string Name, string Description, string[] Tags, bool IsReadOnly, JsonObject InputSchema, JsonObject OutputSchema);

internal sealed record ConnectorDataCollection(string Key, string Name, bool IsHidden, JsonObject FieldsSchema);
