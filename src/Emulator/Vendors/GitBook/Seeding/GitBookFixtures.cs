using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.GitBook.Seeding;

/// <summary>
/// Loads <c>gitbook.json</c> (format: fixtures/README.md): organizations, spaces and sites (new ids), integrations
/// (each a publishIntegration body, checked by the same schema and rules as the API) and installations (installed
/// as installIntegration, installIntegrationOnSpace and installIntegrationOnSite do, configured as the update calls
/// do, with their set-up events). A document that breaks the format or a rule is refused with its source, the JSON
/// path and the reason.
/// </summary>
internal static class GitBookFixtures
{
    /// <summary>The script of a fixture integration that gives none (the emulator never runs it).</summary>
    public const string DefaultScript = "export default createIntegration({});";

    /// <summary>Loads a <c>gitbook.json</c> document into <paramref name="state"/>; throws <see cref="InvalidDataException"/>.</summary>
    public static void Apply(GitBookState state, JToken document, FixtureContext fixture)
    {
        fixture.CheckDocument(GitBookModule.VendorName, document);
        var root = Fixtures.AsObject(document);
        var load = new FixtureLoad(state, fixture);
        foreach (var (item, index) in Fixtures.Items(root, "organizations")) Organization(load, item, $"organizations[{index}]");
        foreach (var (item, index) in Fixtures.Items(root, "spaces")) Space(load, item, $"spaces[{index}]");
        foreach (var (item, index) in Fixtures.Items(root, "sites")) Site(load, item, $"sites[{index}]");
        foreach (var (item, index) in Fixtures.Items(root, "integrations")) Integration(load, item, $"integrations[{index}]");
        foreach (var (item, index) in Fixtures.Items(root, "installations")) FixtureInstallations.Install(load, item, $"installations[{index}]");
    }

    private static void Organization(FixtureLoad load, JsonObject item, string path)
    {
        var id = (string)item["id"]!;
        if (load.State.FindOrganization(id) is { } taken)
            throw load.Fixture.Refused(path + ".id", taken.Id == id ? $"organization \"{id}\" already exists" : $"\"{id}\" is the hostname of organization \"{taken.Id}\"");
        var hostname = (string?)item["hostname"];
        if (hostname is not null && load.State.FindOrganization(hostname) is { } other)
            throw load.Fixture.Refused(path + ".hostname", $"\"{hostname}\" is already the id or hostname of organization \"{other.Id}\"");
        string[] domains = [.. (item["emailDomains"]?.AsArray() ?? []).Select(d => (string)d!)];
        load.State.Organizations[id] = new Organization(id, (string)item["title"]!, hostname, load.Next(), (string?)item["type"] ?? "business",
            (string?)item["plan"] ?? "free_2024", domains);
    }

    private static void Space(FixtureLoad load, JsonObject item, string path)
    {
        var id = (string)item["id"]!;
        if (load.State.Spaces.ContainsKey(id)) throw load.Fixture.Refused(path + ".id", $"space \"{id}\" already exists");
        var organization = OrganizationOf(load, item, path);
        var at = load.Next();
        load.State.Spaces[id] = new Space(id, organization, (string)item["title"]!, (string?)item["emoji"] ?? "1f4d6", (string?)item["visibility"] ?? "private",
            load.NewId(), at, at);
    }

    private static void Site(FixtureLoad load, JsonObject item, string path)
    {
        var id = (string)item["id"]!;
        if (load.State.Sites.ContainsKey(id)) throw load.Fixture.Refused(path + ".id", $"site \"{id}\" already exists");
        var organization = OrganizationOf(load, item, path);
        load.State.Sites[id] = new Site(id, organization, (string)item["title"]!, (string?)item["type"] ?? "basic", (string?)item["visibility"] ?? "public",
            (bool?)item["published"] ?? true, 1, load.Next());
    }

    private static string OrganizationOf(FixtureLoad load, JsonObject item, string path)
    {
        var id = (string)item["organization"]!;
        return load.State.Organizations.ContainsKey(id) ? id : throw load.Fixture.Refused(path + ".organization", $"Organization \"{id}\" not found");
    }

    // A publishIntegration body under its name; organization defaults to the default organization, script to a stub.
    private static void Integration(FixtureLoad load, JsonObject item, string path)
    {
        var name = (string)item["name"]!;
        var body = item["integration"]!.AsObject();
        body["organization"] ??= GitBookDefaults.OrganizationId;
        body["script"] ??= DefaultScript;
        load.Fixture.Check(path + ".integration.", load.Fixture.Schemas.Validate(GitBookModule.VendorName, "publishIntegration", SchemaPart.Request,
            JToken.Parse(body.ToJsonString())));
        if (load.State.Integrations.TryGetValue(name, out var existing))
            throw load.Fixture.Refused(path + ".name", $"integration \"{name}\" is already published by organization \"{existing.OwnerId}\"");
        try
        {
            var integration = IntegrationEndpoints.PlanPublish(load.State, load.Errors, name, body, load.Next());
            integration.Verified = (bool?)item["verified"] ?? false;
            load.State.Publish(integration);
        }
        catch (ApiException e)
        {
            throw load.Refused(path + ".integration", e);
        }
    }
}

/// <summary>One load of a fixture document: the state, ids and times that are the same on every load of it, the refusals.</summary>
internal sealed class FixtureLoad(GitBookState state, FixtureContext fixture)
{
    private readonly Random _random = new(fixture.Seed);
    private DateTimeOffset _time = GitBookSeeder.Reference;

    public GitBookState State { get; } = state;
    public FixtureContext Fixture { get; } = fixture;
    public GitBookErrors Errors { get; } = new();

    /// <summary>The time of the next entity: a minute after the previous one.</summary>
    public DateTimeOffset Next() => _time = _time.AddMinutes(1);

    /// <summary>A 20-character GitBook-style id.</summary>
    public string NewId() => Ulid.New(_time, _random)[6..].ToLowerInvariant();

    /// <summary>Refuses the fixture with the message of the API error the same call would raise.</summary>
    public InvalidDataException Refused(string path, ApiException e) => Fixture.Refused(path, (string)e.Body["error"]!["message"]!);
}
