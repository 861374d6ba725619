using System.Text.Json.Nodes;
using Bogus;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Membrane.Seeding;

/// <summary>
/// Loads <c>membrane.json</c> (format: fixtures/README.md) into a tenant or the template: connectors added to the
/// catalogue, then integrations — each a <c>createIntegration</c> body checked by the same schema and rules as the
/// API, with optional engine state, connection, archiving and elements (each a create body of its kind). A document
/// that breaks the format or a rule is refused with its source, the JSON path and the reason. Deterministic: ids
/// come from the fixture seed, times count up from <see cref="MembraneSeeder.Reference"/>.
/// </summary>
internal static class MembraneFixtures
{
    // Keeps fixture ids apart from the seeder's, which draw from the same seed.
    private const int Salt = 0x4D424652;

    private static readonly (string List, ElementKind Kind, string Schema)[] ElementLists =
    [
        ("actions", ElementKind.Action, "action"),
        ("flows", ElementKind.Flow, "flow"),
        ("dataSources", ElementKind.DataSource, "dataSource"),
        ("fieldMappings", ElementKind.FieldMapping, "fieldMapping"),
    ];

    /// <summary>Loads a <c>membrane.json</c> document into <paramref name="state"/>; throws <see cref="InvalidDataException"/>.</summary>
    public static void Apply(MembraneState state, JToken document, FixtureContext fixture)
    {
        fixture.CheckDocument(MembraneModule.VendorName, document);
        var root = Fixtures.AsObject(document);
        var faker = new Faker { Random = new Randomizer(fixture.Seed ^ Salt) };
        var time = MembraneSeeder.Reference;
        var errors = new MembraneErrors();
        RuleContext Rules() => new(state, errors, time = time.AddMinutes(1),
            () => faker.Random.Hexadecimal(24, ""), () => faker.Random.Guid().ToString(), () => faker.Random.Hexadecimal(16, ""));

        if (root["connectors"] is not null) state.Connectors = ConnectorFixtures.Add(state.Connectors, root, faker, fixture);
        // The user connections belong to: the one of the seeded connections, else one of the fixture's own.
        var userId = state.Integrations.Select(i => (string?)i.Connection?["userId"]).FirstOrDefault(u => u is not null) ?? faker.Random.Hexadecimal(24, "");

        foreach (var (entry, index) in Fixtures.Items(root, "integrations"))
        {
            var path = $"integrations[{index}]";
            var body = entry["integration"]!.AsObject();
            fixture.Check(path + ".integration.", fixture.Schemas.Validate(MembraneModule.VendorName, "createIntegration", SchemaPart.Request, JToken.Parse(body.ToJsonString())));
            var integration = Rule(fixture, path + ".integration", () => IntegrationRules.Create(Rules(), body));
            EngineState(integration, entry, fixture, path);
            foreach (var (list, kind, schema) in ElementLists)
            {
                foreach (var (element, at) in Fixtures.Items(entry, list))
                {
                    var elementPath = $"{path}.{list}[{at}]";
                    fixture.Check(elementPath + ".", fixture.Schemas.Validate(MembraneModule.VendorName, schema + ".create", SchemaPart.Request, JToken.Parse(element.ToJsonString())));
                    Rule(fixture, elementPath, () => ElementRules.Create(Rules(), fixture.Schemas, kind, schema, integration, element));
                }
            }
            if (entry["connection"] is JsonObject connection) Connect(integration, connection, state, faker, userId, time = time.AddMinutes(1), fixture, path);
            if ((bool?)entry["archived"] == true)
            {
                var rules = Rules();
                integration.ArchivedAt = rules.Now;
                integration.Touch(rules.Now, rules.NewRevision());
            }
        }
    }

    /// <summary>Runs an API rule; its error (an <see cref="ApiException"/>) refuses the fixture at <paramref name="path"/>.</summary>
    private static T Rule<T>(FixtureContext fixture, string path, Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (ApiException e)
        {
            throw fixture.Refused(path, (string)e.Body["message"]!);
        }
    }

    /// <summary>
    /// The state set-up computed, unless the fixture names one: READY only when no required connector parameter is
    /// missing; a state other than READY keeps the fixture's <c>errors</c>, else set-up's, else a generic one for
    /// SETUP_FAILED and CONFIGURATION_ERROR.
    /// </summary>
    private static void EngineState(MembraneIntegration integration, JsonObject entry, FixtureContext fixture, string path)
    {
        var given = (JsonArray?)entry["errors"]?.DeepClone();
        if ((string?)entry["state"] is not { } state)
        {
            if (given is not null) throw fixture.Refused(path + ".errors", "errors need a state other than READY");
            return;
        }
        if (state == "READY")
        {
            if (integration.State != "READY")
                throw fixture.Refused(path + ".state", $"READY but set-up finds: {string.Join("; ", integration.Errors!.Select(e => (string)e!["message"]!))}");
            if (given is not null) throw fixture.Refused(path + ".errors", "a READY integration has no errors");
            return;
        }
        integration.Errors = given ?? integration.Errors ?? state switch
        {
            "SETUP_FAILED" => new JsonArray(new JsonObject { ["type"] = "connection", ["message"] = "Setup failed" }),
            "CONFIGURATION_ERROR" => new JsonArray(new JsonObject { ["type"] = "configuration", ["message"] = "The integration is not configured" }),
            _ => null,
        };
        integration.State = state;
    }

    /// <summary>A connection of the workspace user to the app, as seeded ones are, with the fixture's fields over it.</summary>
    private static void Connect(MembraneIntegration integration, JsonObject fields, MembraneState state, Faker faker, string userId, DateTimeOffset at, FixtureContext fixture, string path)
    {
        if (integration.ConnectorId is null || !state.Connectors.TryGetValue(integration.ConnectorId, out var connector))
            throw fixture.Refused(path + ".connection", "an integration without a connector has no connection");
        var connection = MembraneSeeder.Connection(faker, integration, connector, userId, at);
        foreach (var (field, value) in fields) connection[field] = value?.DeepClone();
        if (fields["userId"] is not null && fields["tenantId"] is null) connection["tenantId"] = connection["userId"]!.DeepClone();
        integration.Connection = connection;
    }
}
