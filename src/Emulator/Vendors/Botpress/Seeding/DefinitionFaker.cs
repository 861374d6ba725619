using System.Text.Json.Nodes;
using Bogus;
using IntegrationsApiEmulator.Vendors.Botpress.Model;

namespace IntegrationsApiEmulator.Vendors.Botpress.Seeding;

/// <summary>
/// Generates realistic integration definitions (actions, events, channels, states, entities, user tags,
/// configuration schemas, interface implementations) as create bodies, from one seeded <see cref="Faker"/>.
/// </summary>
internal sealed class DefinitionFaker(Faker faker, IReadOnlyList<InterfaceDefinition> interfaces)
{
    private static readonly string[] Verbs = ["create", "get", "list", "update", "delete", "sync", "send", "archive"];
    private static readonly string[] Nouns = ["ticket", "contact", "message", "deal", "issue", "order", "event", "file", "comment", "task"];

    public JsonObject Body(string name, bool messaging)
    {
        var entityNames = faker.PickRandom(Nouns, faker.Random.Int(1, 3)).ToArray();
        var body = new JsonObject
        {
            ["configuration"] = new JsonObject
            {
                ["title"] = "Configuration",
                ["description"] = $"Connect {name} to your bot",
                ["identifier"] = new JsonObject { ["required"] = faker.Random.Bool(0.3f) },
                ["schema"] = ObjectSchema(("apiToken", "string"), ("baseUrl", "string"), ("timeoutMs", "number")),
            },
            ["actions"] = Map(faker.Random.Int(2, 5), () => $"{faker.PickRandom(Verbs)}{Capitalize(faker.PickRandom(entityNames))}", action => new JsonObject
            {
                ["title"] = Words(action),
                ["description"] = faker.Lorem.Sentence(6),
                ["billable"] = faker.Random.Bool(0.2f),
                ["cacheable"] = faker.Random.Bool(0.3f),
                ["input"] = new JsonObject { ["schema"] = ObjectSchema(("id", "string"), ("payload", "object")) },
                ["output"] = new JsonObject { ["schema"] = ObjectSchema(("ok", "boolean"), ("id", "string")) },
            }),
            ["events"] = Map(faker.Random.Int(1, 3), () => $"{faker.PickRandom(entityNames)}{faker.PickRandom("Created", "Updated", "Deleted")}", ev => new JsonObject
            {
                ["title"] = Words(ev),
                ["description"] = faker.Lorem.Sentence(5),
                ["schema"] = ObjectSchema(("id", "string"), ("occurredAt", "string")),
            }),
            ["states"] = new JsonObject
            {
                ["credentials"] = new JsonObject { ["type"] = "integration", ["schema"] = ObjectSchema(("accessToken", "string"), ("expiresAt", "string")) },
                ["profile"] = new JsonObject { ["type"] = "user", ["schema"] = ObjectSchema(("displayName", "string")) },
            },
            ["entities"] = Map(entityNames, entity => new JsonObject
            {
                ["title"] = Capitalize(entity),
                ["description"] = $"A {entity} in {name}",
                ["schema"] = ObjectSchema(("id", "string"), ("title", "string"), ("updatedAt", "string")),
            }),
            ["user"] = new JsonObject
            {
                ["tags"] = new JsonObject { ["id"] = new JsonObject { ["title"] = "User id", ["description"] = $"The user's id in {name}" } },
                ["creation"] = new JsonObject { ["enabled"] = faker.Random.Bool(), ["requiredTags"] = new JsonArray("id") },
            },
        };
        if (messaging) body["channels"] = new JsonObject { ["channel"] = Channel(name) };
        var implemented = faker.PickRandom(interfaces, faker.Random.Int(0, 2)).ToList();
        body["interfaces"] = Map(implemented.Select(i => i.Name), key =>
        {
            var definition = implemented.First(i => i.Name == key);
            return new JsonObject
            {
                ["id"] = definition.Id,
                ["entities"] = Map(definition.Entities, e => new JsonObject { ["name"] = faker.PickRandom(entityNames) }),
                ["actions"] = Map(definition.Actions, a => new JsonObject { ["name"] = a }),
                ["events"] = Map(definition.Events, e => new JsonObject { ["name"] = e }),
                ["channels"] = Map(definition.Channels, c => new JsonObject { ["name"] = "channel" }),
            };
        });
        return body;
    }

    private JsonObject Channel(string name) => new()
    {
        ["title"] = Capitalize(name) + " conversations",
        ["description"] = $"Messages exchanged on {name}",
        ["messages"] = new JsonObject
        {
            ["text"] = new JsonObject { ["schema"] = ObjectSchema(("text", "string")) },
            ["image"] = new JsonObject { ["schema"] = ObjectSchema(("imageUrl", "string")) },
            ["choice"] = new JsonObject { ["schema"] = ObjectSchema(("text", "string"), ("options", "array")) },
        },
        ["conversation"] = new JsonObject
        {
            ["tags"] = new JsonObject { ["id"] = new JsonObject { ["title"] = "Chat id" }, ["thread"] = new JsonObject { ["title"] = "Thread" } },
            ["creation"] = new JsonObject { ["enabled"] = faker.Random.Bool(), ["requiredTags"] = new JsonArray("id") },
        },
        ["message"] = new JsonObject { ["tags"] = new JsonObject { ["id"] = new JsonObject { ["title"] = "Message id" } } },
    };

    private static JsonObject ObjectSchema(params (string Name, string Type)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, type) in properties) props[name] = new JsonObject { ["type"] = type };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = new JsonArray(JsonValue.Create(properties[0].Name)),
            ["additionalProperties"] = false,
        };
    }

    private JsonObject Map(int count, Func<string> key, Func<string, JsonObject> value) =>
        Map(Enumerable.Range(0, count).Select(_ => key()).Distinct().ToList(), value);

    private static JsonObject Map(IEnumerable<string> keys, Func<string, JsonObject> value)
    {
        var map = new JsonObject();
        foreach (var key in keys.Distinct()) map[key] = value(key);
        return map;
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Words(string camel) =>
        Capitalize(string.Concat(camel.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString())));
}
