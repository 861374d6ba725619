using System.Text.Json.Nodes;
using Bogus;
using Emulator.Core;
using Emulator.Vendors.Membrane.Model;

namespace Emulator.Vendors.Membrane.Seeding;

/// <summary>
/// Builds the Membrane template deterministically from a seed: a connector catalogue (operations, data
/// collections, events, required parameters) and a workspace's integrations on it — connected and not, in
/// every engine state, one archived — each with actions, flows, data sources and field mappings.
/// </summary>
public static class MembraneSeeder
{
    public static readonly DateTimeOffset Reference = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Key, string Name, string Auth, string[] Entities, int Events, string[] Parameters, bool Udm)[] Catalogue =
    [
        ("hubspot", "HubSpot", "oauth2", ["contacts", "companies", "deals"], 6, [], true),
        ("salesforce", "Salesforce", "oauth2", ["contacts", "accounts", "opportunities", "leads"], 8, ["instanceUrl"], true),
        ("slack", "Slack", "oauth2", ["channels", "messages", "users"], 4, [], false),
        ("pipedrive", "Pipedrive", "oauth2", ["persons", "deals", "activities"], 5, [], true),
        ("zendesk", "Zendesk", "oauth2", ["tickets", "users"], 3, ["subdomain"], false),
        ("google-sheets", "Google Sheets", "oauth2", ["spreadsheets", "rows"], 1, [], false),
        ("jira", "Jira", "oauth2", ["issues", "projects"], 4, ["siteUrl"], true),
        ("stripe", "Stripe", "client-credentials", ["customers", "invoices", "subscriptions"], 7, [], true),
        ("intercom", "Intercom", "oauth2", ["contacts", "conversations"], 3, [], true),
        ("notion", "Notion", "oauth2", ["pages", "databases"], 0, [], false),
    ];

    // TODO(fixtures): honour Generate and Count.
    public static MembraneState Build(SeedProfile profile) => Build(profile.Seed);

    public static MembraneState Build(int seed)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        var time = Reference.AddDays(-200);
        DateTimeOffset Later() => time = time.AddMinutes(faker.Random.Int(30, 3 * 24 * 60));

        var connectors = Catalogue.Select(c => Connector(faker, c)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var state = new MembraneState { Connectors = connectors };
        var userId = faker.Random.Hexadecimal(24, "");

        (string Key, string State, bool Connected, bool Archived, JsonObject? Parameters)[] integrations =
        [
            ("hubspot", "READY", true, false, null),
            ("salesforce", "CONFIGURATION_ERROR", true, false, null),
            ("slack", "READY", true, false, null),
            ("pipedrive", "SETUP_FAILED", false, false, null),
            ("zendesk", "READY", false, false, new JsonObject { ["subdomain"] = "emulator" }),
            ("google-sheets", "BUILDING", false, false, null),
            ("legacy-crm", "READY", false, true, null),
        ];
        foreach (var (key, engineState, connected, archived, parameters) in integrations)
        {
            var connector = key == "legacy-crm" ? state.ConnectorByKey("pipedrive")! : state.ConnectorByKey(key)!;
            var createdAt = Later();
            var integration = new MembraneIntegration
            {
                Id = faker.Random.Hexadecimal(24, ""),
                Uuid = faker.Random.Guid().ToString(),
                Seq = state.NextSeq(),
                CreatedAt = createdAt,
                UpdatedAt = Later(),
                Key = key,
                Name = key == "legacy-crm" ? "Legacy CRM" : connector.Name,
                ConnectorId = connector.Id,
                LogoUri = connector.LogoUri,
                Description = $"{connector.Name} for the emulator workspace",
                Parameters = parameters,
                State = engineState,
                Revision = faker.Random.Hexadecimal(16, ""),
                ArchivedAt = archived ? Later() : null,
            };
            integration.Errors = engineState switch
            {
                "CONFIGURATION_ERROR" => new JsonArray(Error("configuration", $"Connector parameter \"{connector.RequiredParameters.FirstOrDefault() ?? "apiKey"}\" is required")),
                "SETUP_FAILED" => new JsonArray(Error("connection", "Setup failed: the app answered 401 Unauthorized")),
                _ => null,
            };
            if (connected) integration.Connection = Connection(faker, integration, connector, userId, Later());
            state.Integrations.Add(integration);
            Elements(faker, state, integration, connector, Later);
        }
        return state;
    }

    private static Connector Connector(Faker faker, (string Key, string Name, string Auth, string[] Entities, int Events, string[] Parameters, bool Udm) c)
    {
        var operations = c.Entities.SelectMany(entity => new[]
        {
            Operation($"list-{entity}", $"List {entity}", $"List {entity} in {c.Name}", [entity, "read"], true),
            Operation($"create-{Singular(entity)}", $"Create {Singular(entity)}", $"Create a {Singular(entity)} in {c.Name}", [entity, "write"], false),
        }).ToList();
        var collections = c.Entities.Select(entity => new ConnectorDataCollection(entity, char.ToUpperInvariant(entity[0]) + entity[1..], false, Schema(("id", "string"), ("name", "string"), ("updatedAt", "string")))).ToList();
        return new Connector(faker.Random.Hexadecimal(24, ""), c.Key, c.Name, $"https://static.integration.app/connectors/{c.Key}/logo.png", c.Auth,
            $"1.{faker.Random.Int(0, 40)}.{faker.Random.Int(0, 9)}", faker.Random.Hexadecimal(24, ""), operations, collections, c.Events, c.Parameters, c.Udm);
    }

    private static ConnectorOperation Operation(string key, string name, string description, string[] tags, bool readOnly) =>
        new(key, name, description, tags, readOnly, Schema(("id", "string"), ("fields", "object")), Schema(("id", "string"), ("record", "object")));

    private static JsonObject Connection(Faker faker, MembraneIntegration integration, Connector connector, string userId, DateTimeOffset at) => new()
    {
        ["id"] = faker.Random.Hexadecimal(24, ""),
        ["name"] = $"{connector.Name} connection",
        ["userId"] = userId,
        ["tenantId"] = userId,
        ["createdAt"] = MembraneViews.Iso(at),
        ["updatedAt"] = MembraneViews.Iso(at),
        ["isTest"] = false,
        ["connected"] = true,
        ["disconnected"] = false,
        ["isDefunct"] = false,
        ["state"] = "READY",
        ["integrationId"] = integration.Id,
        ["connectorId"] = connector.Id,
        ["authOptionKey"] = connector.AuthType,
        ["lastActiveAt"] = MembraneViews.Iso(at.AddHours(6)),
    };

    private static void Elements(Faker faker, MembraneState state, MembraneIntegration integration, Connector connector, Func<DateTimeOffset> later)
    {
        var entity = connector.DataCollections[0].Key;
        var operation = connector.Operations[1];
        Element(faker, state, integration, ElementKind.Action, operation.Key, operation.Name, new JsonObject
        {
            ["type"] = "connector-operation",
            ["config"] = new JsonObject { ["operationKey"] = operation.Key },
            ["inputSchema"] = operation.InputSchema.DeepClone(),
        }, later());
        Element(faker, state, integration, ElementKind.Flow, $"sync-{entity}", $"Sync {entity}", new JsonObject
        {
            ["enabled"] = faker.Random.Bool(),
            ["nodes"] = new JsonObject
            {
                ["trigger"] = new JsonObject { ["type"] = "data-record-created-trigger", ["name"] = $"New {Singular(entity)}", ["links"] = new JsonArray(new JsonObject { ["key"] = "send" }) },
                ["send"] = new JsonObject { ["type"] = "api-request-to-your-app", ["name"] = "Send to my app" },
            },
        }, later());
        Element(faker, state, integration, ElementKind.DataSource, entity, char.ToUpperInvariant(entity[0]) + entity[1..], new JsonObject
        {
            ["collectionKey"] = entity,
            ["pullUpdatesIntervalSeconds"] = 300,
            ["fullSyncIntervalSeconds"] = 86400,
        }, later());
        Element(faker, state, integration, ElementKind.FieldMapping, $"{Singular(entity)}-fields", $"{char.ToUpperInvariant(entity[0]) + Singular(entity)[1..]} fields", new JsonObject
        {
            ["direction"] = "both",
            ["appSchema"] = Schema(("fullName", "string"), ("email", "string")),
        }, later());
    }

    private static void Element(Faker faker, MembraneState state, MembraneIntegration integration, ElementKind kind, string key, string name, JsonObject properties, DateTimeOffset at) =>
        state.Elements.Add(new IntegrationElement
        {
            Kind = kind,
            Id = faker.Random.Hexadecimal(24, ""),
            Uuid = faker.Random.Guid().ToString(),
            IntegrationId = integration.Id,
            Seq = state.NextSeq(),
            CreatedAt = at,
            UpdatedAt = at,
            Key = key,
            Name = name,
            OriginalName = name,
            Original = (JsonObject)properties.DeepClone(),
            Properties = properties,
            Revision = faker.Random.Hexadecimal(16, ""),
        });

    private static JsonObject Error(string type, string message) => new() { ["type"] = type, ["message"] = message };

    private static JsonObject Schema(params (string Name, string Type)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, type) in properties) props[name] = new JsonObject { ["type"] = type };
        return new JsonObject { ["type"] = "object", ["properties"] = props };
    }

    private static string Singular(string plural) =>
        plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y" : plural.EndsWith('s') ? plural[..^1] : plural;
}
