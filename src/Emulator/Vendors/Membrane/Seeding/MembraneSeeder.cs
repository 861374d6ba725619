using System.Text.Json.Nodes;
using Bogus;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane.Seeding;

/// <summary>
/// Builds the Membrane template deterministically from a seed: a connector catalogue (operations, data
/// collections, events, required parameters) and a workspace's integrations on it — connected and not, in
/// every engine state, one archived — each with actions, flows, data sources and field mappings.
/// </summary>
internal static class MembraneSeeder
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

    /// <summary>The workspace's integrations by default: one of each kind a list can show.</summary>
    private static readonly (string Key, string State, bool Connected, bool Archived)[] Workspace =
    [
        ("hubspot", "READY", true, false),
        ("salesforce", "CONFIGURATION_ERROR", true, false),
        ("slack", "READY", true, false),
        ("pipedrive", "SETUP_FAILED", false, false),
        ("zendesk", "READY", false, false),
        ("google-sheets", "BUILDING", false, false),
        ("legacy-crm", "READY", false, true),
    ];

    /// <summary>How many integrations the workspace has unless <c>--seed-count</c> says otherwise.</summary>
    public static int DefaultCount => Workspace.Length;

    public static MembraneState Build(int seed) => Build(new SeedProfile(seed));

    /// <summary>
    /// The template for <paramref name="profile"/>: the connector catalogue always (it is the platform's, and fixtures
    /// build integrations on it); without generation nothing else. The count is the number of integrations: the
    /// first <see cref="DefaultCount"/> are the fixed workspace above, more are generated on the catalogue
    /// (<c>hubspot-2</c>, <c>jira</c>, ...) in every state, some connected, a few archived.
    /// </summary>
    public static MembraneState Build(SeedProfile profile)
    {
        var faker = new Faker { Random = new Randomizer(profile.Seed) };
        var time = Reference.AddDays(-200);
        DateTimeOffset Later() => time = time.AddMinutes(faker.Random.Int(30, 3 * 24 * 60));

        var connectors = Catalogue.Select(c => Connector(faker, c)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var state = new MembraneState { Connectors = connectors };
        if (!profile.Generate) return state;
        var count = profile.CountOr(DefaultCount);
        var userId = faker.Random.Hexadecimal(24, "");

        foreach (var (key, engineState, connected, archived) in Workspace.Take(count))
        {
            var connector = key == "legacy-crm" ? state.ConnectorByKey("pipedrive")! : state.ConnectorByKey(key)!;
            var parameters = key == "zendesk" ? new JsonObject { ["subdomain"] = "emulator" } : null;
            var integration = Integration(faker, state, connector, key, key == "legacy-crm" ? "Legacy CRM" : connector.Name, parameters, archived, Later);
            integration.State = engineState;
            integration.Errors = engineState switch
            {
                "CONFIGURATION_ERROR" => new JsonArray(Error("configuration", $"Connector parameter \"{connector.RequiredParameters.FirstOrDefault() ?? "apiKey"}\" is required")),
                "SETUP_FAILED" => SetupFailed(),
                _ => null,
            };
            if (connected) integration.Connection = Connection(faker, integration, connector, userId, Later());
            Elements(faker, state, integration, connector, Later);
        }
        if (count > Workspace.Length) Generated(faker, state, count - Workspace.Length, userId, time);
        return state;
    }

    /// <summary>
    /// <paramref name="count"/> more integrations, cycling through the catalogue, spread over the time left before
    /// <see cref="Reference"/>. Built directly (no key scans), so large counts stay linear.
    /// </summary>
    private static void Generated(Faker faker, MembraneState state, int count, string userId, DateTimeOffset time)
    {
        // At most eight timestamps per integration (created, updated, archived, connected, four elements).
        var step = (int)Math.Clamp((Reference - time).TotalSeconds / (count * 8.0 + 1), 1, 3 * 24 * 3600);
        DateTimeOffset Later() => time = time.AddSeconds(faker.Random.Int(1, step));
        var taken = state.Integrations.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        var catalogue = Catalogue.Select(c => state.ConnectorByKey(c.Key)!).ToList();
        for (var n = 0; n < count; n++)
        {
            var connector = catalogue[n % catalogue.Count];
            var number = next.GetValueOrDefault(connector.Key, 1);
            while (!taken.Add(number == 1 ? connector.Key : $"{connector.Key}-{number}")) number++;
            next[connector.Key] = number + 1;
            var (key, name) = number == 1 ? (connector.Key, connector.Name) : ($"{connector.Key}-{number}", $"{connector.Name} {number}");

            var parameters = connector.RequiredParameters.Count > 0 && faker.Random.Bool(0.6f)
                ? new JsonObject(connector.RequiredParameters.Select(p => KeyValuePair.Create(p, (JsonNode?)faker.Internet.DomainWord())))
                : null;
            var integration = Integration(faker, state, connector, key, name, parameters, archived: faker.Random.Bool(0.05f), Later);
            // Set-up decides first (missing parameters); a configured one is mostly READY, sometimes still building or failed.
            IntegrationRules.Setup(integration, state);
            if (integration.State == "READY")
            {
                var roll = faker.Random.Int(0, 9);
                if (roll == 0) integration.State = "BUILDING";
                else if (roll == 1) (integration.State, integration.Errors) = ("SETUP_FAILED", SetupFailed());
            }
            if (integration.State == "READY" && faker.Random.Bool(0.6f)) integration.Connection = Connection(faker, integration, connector, userId, Later());
            Elements(faker, state, integration, connector, Later);
        }
    }

    private static MembraneIntegration Integration(Faker faker, MembraneState state, Connector connector, string key, string name, JsonObject? parameters, bool archived, Func<DateTimeOffset> later)
    {
        var createdAt = later();
        var integration = new MembraneIntegration
        {
            Id = faker.Random.Hexadecimal(24, ""),
            Uuid = faker.Random.Guid().ToString(),
            Seq = state.NextSeq(),
            CreatedAt = createdAt,
            UpdatedAt = later(),
            Key = key,
            Name = name,
            ConnectorId = connector.Id,
            LogoUri = connector.LogoUri,
            Description = $"{connector.Name} for the emulator workspace",
            Parameters = parameters,
            Revision = faker.Random.Hexadecimal(16, ""),
            ArchivedAt = archived ? later() : null,
        };
        state.Add(integration);
        return integration;
    }

    private static JsonArray SetupFailed() => new(Error("connection", "Setup failed: the app answered 401 Unauthorized"));

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

    internal static JsonObject Connection(Faker faker, MembraneIntegration integration, Connector connector, string userId, DateTimeOffset at) => new()
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
