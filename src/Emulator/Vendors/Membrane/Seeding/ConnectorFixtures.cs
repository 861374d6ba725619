using System.Text.Json.Nodes;
using Bogus;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane.Seeding;

/// <summary>
/// The <c>connectors</c> of a <c>membrane.json</c> fixture: connector specs as <c>connector-spec</c>, <c>operations/{key}</c>
/// and <c>data/{key}</c> answer them, added to the tenant's catalogue. Keys and ids are unique among its connectors.
/// </summary>
internal static class ConnectorFixtures
{
    /// <summary>The catalogue with the fixture's connectors added (a new dictionary: the old one is shared).</summary>
    public static IReadOnlyDictionary<string, Connector> Add(IReadOnlyDictionary<string, Connector> catalogue, JsonObject root, Faker faker, FixtureContext fixture)
    {
        var connectors = new Dictionary<string, Connector>(catalogue, StringComparer.Ordinal);
        foreach (var (spec, index) in Fixtures.Items(root, "connectors"))
        {
            var path = $"connectors[{index}]";
            var connector = Read(spec, faker, fixture, path);
            if (connectors.ContainsKey(connector.Id)) throw fixture.Refused(path + ".id", $"a connector with id \"{connector.Id}\" already exists");
            if (connectors.Values.Any(c => c.Key == connector.Key)) throw fixture.Refused(path + ".key", $"a connector with key \"{connector.Key}\" already exists");
            connectors[connector.Id] = connector;
        }
        return connectors;
    }

    private static Connector Read(JsonObject spec, Faker faker, FixtureContext fixture, string path)
    {
        var key = (string)spec["key"]!;
        var name = (string)spec["name"]!;
        var operations = new List<ConnectorOperation>();
        foreach (var (operation, index) in Fixtures.Items(spec, "operations"))
        {
            var operationKey = (string)operation["key"]!;
            if (operations.Any(o => o.Key == operationKey)) throw fixture.Refused($"{path}.operations[{index}].key", $"the connector already has an operation with key \"{operationKey}\"");
            var operationName = (string)operation["name"]!;
            operations.Add(new ConnectorOperation(operationKey, operationName, (string?)operation["description"] ?? operationName,
                [.. operation["tags"]?.AsArray().Select(t => (string)t!) ?? []], (bool?)operation["isReadOnly"] ?? false,
                SchemaOf(operation["inputSchema"]), SchemaOf(operation["outputSchema"])));
        }
        var collections = (spec["data"]?.AsObject() ?? []).Select(c => new ConnectorDataCollection(c.Key, (string)c.Value!["name"]!,
            (bool?)c.Value["isHidden"] ?? false, SchemaOf(c.Value["fieldsSchema"]))).ToList();
        // Generated in a fixed order, whatever the document gives, so adding a field does not shift the other ids.
        var id = faker.Random.Hexadecimal(24, "");
        var externalAppId = faker.Random.Hexadecimal(24, "");
        return new Connector(
            (string?)spec["id"] ?? id,
            key,
            name,
            (string?)spec["logoUri"] ?? $"https://static.integration.app/connectors/{key}/logo.png",
            (string?)spec["auth"]?["type"] ?? "oauth2",
            (string?)spec["version"] ?? "1.0.0",
            (string?)spec["externalAppId"] ?? externalAppId,
            operations,
            collections,
            (int?)spec["eventsCount"] ?? 0,
            [.. spec["parametersSchema"]?["required"]?.AsArray().Select(p => (string)p!).Distinct() ?? []],
            spec["udms"]?.AsArray().Count > 0)
        { FromFixture = true };
    }

    private static JsonObject SchemaOf(JsonNode? schema) => (JsonObject?)schema?.DeepClone() ?? new JsonObject { ["type"] = "object" };
}
