using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.GitBook;
using IntegrationsApiEmulator.Vendors.GitBook.Seeding;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.Fixtures;

public sealed class GitBookFixturesTests
{
    private static readonly string Examples = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "examples", "gitbook");
    private static readonly string Defaults = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "default");

    /// <summary>A small fixture set: one public integration of the default organization, installed on the default space.</summary>
    private const string Widget = """
        {"gitbook":{"integrations":[{"name":"fixture-widget","integration":{"title":"Fixture Widget","description":"From a fixture","visibility":"public","target":"space","scopes":["space:content:read"]}}],
                    "installations":[{"integration":"fixture-widget","spaces":["emulator-space-docs"]}]}}
        """;

    [Fact]
    public async Task The_example_fixture_adds_organizations_content_integrations_and_installations_to_every_tenant()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = Examples });
        using var client = Client(emulator);

        var status = await client.GetAsync("v1/integrations/acme-status").OkJsonAsync();
        var market = await ListAllAsync(client, "v1/integrations?search=acme");
        var acmeOwn = await ListAllAsync(client, "v1/orgs/acme-org/integrations?search=acme");
        var installations = await ListAllAsync(client, "v1/integrations/acme-status/installations");
        var acme = installations.Single(i => Str(i["target"]!["organization"]) == "acme-org");
        var spaces = await ListAllAsync(client, $"v1/integrations/acme-status/installations/{Str(acme["id"])}/spaces");
        var scripts = await client.GetAsync("v1/orgs/acme-org/sites/site_acme_docs/integration-scripts").OkArrayAsync();

        Str(status["owner"]!["id"]).Should().Be("acme-org");
        status["verified"]!.GetValue<bool>().Should().BeTrue();
        Names(market).Should().Equal("acme-feedback-widget", "acme-status");
        Names(acmeOwn).Should().Equal("acme-feedback-widget", "acme-internal-sync", "acme-status");
        installations.Select(i => (Str(i["target"]!["organization"]), Str(i["status"]))).Should().Equal(("acme-org", "active"), (Home, "pending"));
        acme["externalIds"]!.AsArray().Select(Str).Should().Equal("acme-tenant-1");
        spaces.Select(s => Str(s["space"])).Should().Equal("acme-space-api", "acme-space-handbook");
        spaces[1]["configuration"]!["service"]!.GetValue<string>().Should().Be("dashboard");
        scripts.Select(s => Str(s!["script"])).Should().ContainSingle().Which.Should().Contain("/integrations/acme-feedback-widget/");
        Str((await client.GetAsync("v1/spaces/acme-space-api").OkJsonAsync())["organization"]).Should().Be("acme-org");
        (await ListAllAsync(client, "v1/integrations/acme-status/events?limit=100")).Select(e => Str(e["payload"]!["type"]))
            .Should().BeEquivalentTo(["installation_setup", "installation_setup", "space_installation_setup", "space_installation_setup", "space_installation_setup"]);
    }

    [Fact]
    public async Task Fixture_ids_are_the_same_on_every_start_with_the_same_seed()
    {
        var first = await InstallationsAsync(seed: EmulatorOptions.DefaultSeed);
        var second = await InstallationsAsync(seed: EmulatorOptions.DefaultSeed);

        second.Should().Be(first);
        JsonNode.Parse(first)!["items"]!.AsArray().Should().HaveCount(2);
        (await InstallationsAsync(seed: 99)).Should().NotBe(first);
    }

    [Theory]
    [InlineData("""{"organization":[]}""", "organization: is not an allowed property")]
    [InlineData("""{"integrations":[{"name":"x-1","integration":{"title":"X","description":"d","scopes":[]}}]}""", "integrations[0].integration.title: must be at least 2 characters")]
    [InlineData("""{"integrations":[{"name":"bad name","integration":{"title":"Xy","description":"d","scopes":[]}}]}""", "integrations[0].name: must match the pattern")]
    [InlineData("""{"integrations":[{"name":"slack","integration":{"title":"Xy","description":"d","scopes":[]}}]}""", "integrations[0].name: integration \"slack\" is already published by organization \"gitbook\"")]
    [InlineData("""{"integrations":[{"name":"x-1","integration":{"organization":"nope","title":"Xy","description":"d","scopes":[]}}]}""", "integrations[0].integration: organization: no organization has the id or hostname \"nope\"")]
    [InlineData("""{"organizations":[{"id":"emulator-org","title":"Again"}]}""", "organizations[0].id: organization \"emulator-org\" already exists")]
    [InlineData("""{"spaces":[{"id":"s-1","organization":"nope","title":"Docs"}]}""", "spaces[0].organization: Organization \"nope\" not found")]
    [InlineData("""{"installations":[{"integration":"nope"}]}""", "installations[0]: Integration \"nope\" not found")]
    [InlineData("""{"installations":[{"integration":"slack"}]}""", "installations[0]: Integration \"slack\" is already installed on organization \"emulator-org\"")]
    [InlineData("""{"installations":[{"integration":"segment","spaces":["emulator-space-docs"]}]}""", "installations[0].spaces[0]: space: integration \"segment\" targets site, so it cannot be installed on a space")]
    [InlineData("""{"installations":[{"integration":"jira","externalIds":["1","2","3","4","5","6"]}]}""", "installations[0].externalIds: must have at most 5 items")]
    [InlineData("""{"integrations": [""", "is not valid JSON")]
    public async Task A_broken_fixture_is_refused_with_file_path_and_reason(string content, string expected)
    {
        var directory = Directory.CreateTempSubdirectory("fixtures-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "gitbook.json"), content);
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = directory.FullName });

        var refuse = () => emulator.Services.PrepareTemplates();

        refuse.Should().Throw<InvalidDataException>().WithMessage($"*{Path.Combine(directory.FullName, "gitbook.json")}*{expected}*");
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_runtime_load_reaches_existing_and_new_tenants()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);
        using var existing = Client(emulator);
        await existing.GetAsync("v1/integrations/slack").OkJsonAsync();

        emulator.LoadFixtures(Widget).Should().Equal("gitbook");

        using var fresh = Client(emulator);
        foreach (var client in new[] { existing, fresh })
        {
            var enabled = await client.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync();
            Names(Items(enabled)).Should().Contain("fixture-widget");
            (await ListAllAsync(client, "v1/integrations/fixture-widget/installations")).Should().ContainSingle();
        }
    }

    [Fact]
    public async Task A_load_into_one_tenant_is_not_seen_by_another()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);
        using var mine = Client(emulator);
        using var other = Client(emulator);

        emulator.LoadFixtures(Widget, tenantKey: IntegrationsEmulator.TenantKeyOf(TokenOf(mine)));

        await mine.GetAsync("v1/integrations/fixture-widget").OkJsonAsync();
        await other.GetAsync("v1/integrations/fixture-widget").ShouldFailAsync(HttpStatusCode.NotFound, "fixture-widget");
        using var later = Client(emulator);
        await later.GetAsync("v1/integrations/fixture-widget").ShouldFailAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refused_runtime_load_changes_nothing()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);
        using var existing = Client(emulator);
        var before = await existing.GetStringAsync("v1/integrations?limit=1000");
        // The integration is fine; the installation that follows is not.
        var broken = Widget.Replace("\"spaces\":[\"emulator-space-docs\"]", "\"spaces\":[\"no-such-space\"]");

        var load = () => emulator.LoadFixtures(broken);

        var error = load.Should().Throw<ApiException>().Which;
        error.StatusCode.Should().Be(400);
        ((string)error.Body["error"]!["message"]!).Should()
            .Be("Fixture POST /_emulator/fixtures is refused at gitbook.installations[0].spaces[0]: space: space \"no-such-space\" not found");
        (await existing.GetStringAsync("v1/integrations?limit=1000")).Should().Be(before);
        using var fresh = Client(emulator);
        await fresh.GetAsync("v1/integrations/fixture-widget").ShouldFailAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_seed_only_the_fixed_identities_remain()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = false });
        using var client = Client(emulator);

        Str((await client.GetAsync("v1/user").OkJsonAsync())["id"]).Should().Be(GitBookDefaults.UserId);
        (await ListAllAsync(client, "v1/orgs")).Select(o => Str(o["id"])).Should().Equal(Home, Marketplace);
        (await ListAllAsync(client, $"v1/orgs/{Home}/spaces")).Select(s => Str(s["id"])).Should().Equal(DocsSpace);
        (await ListAllAsync(client, $"v1/orgs/{Home}/sites")).Select(s => Str(s["id"])).Should().Equal(DocsSite);
        (await ListAllAsync(client, $"v1/orgs/{Marketplace}/spaces")).Should().BeEmpty();
        (await ListAllAsync(client, "v1/integrations")).Should().BeEmpty();
        (await ListAllAsync(client, $"v1/orgs/{Home}/integrations")).Should().BeEmpty();
        (await ListAllAsync(client, $"v1/orgs/{Home}/integrations/installations-status")).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_seed_the_default_fixtures_are_all_there_is()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = false, FixturesDirectory = Defaults });
        using var client = Client(emulator);

        Names(await ListAllAsync(client, $"v1/orgs/{Home}/integrations")).Should().Equal("docs-analytics", "docs-notifier");
        var statuses = await ListAllAsync(client, $"v1/orgs/{Home}/integrations/installations-status?target=space");
        statuses.Select(s => (Str(s["integration"]!["name"]), Str(s["target"]!["spaceId"]), Str(s["status"]))).Should().Equal(("docs-notifier", DocsSpace, "active"));
        Names(Items(await client.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().Equal("docs-notifier");
        (await ListAllAsync(client, "v1/orgs")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Seed_count_scales_the_marketplace_deterministically()
    {
        var profile = new SeedProfile(EmulatorOptions.DefaultSeed, Count: 200);
        GitBookSnapshot.Write(GitBookSeeder.Build(profile)).ToJsonString().Should().Be(GitBookSnapshot.Write(GitBookSeeder.Build(profile)).ToJsonString());

        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { SeedCount = 200 });
        using var client = Client(emulator);
        var marketplace = await ListAllAsync(client, "v1/integrations?limit=100");

        marketplace.Should().HaveCountGreaterThanOrEqualTo(200);
        Names(marketplace).Should().OnlyHaveUniqueItems().And.Contain(["slack", "slack-2", "auth0-20"]);
        marketplace.Should().OnlyContain(i => Str(i["owner"]!["id"]) == Marketplace);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("examples/gitbook")]
    public async Task The_shipped_fixture_sets_load_and_every_answer_about_them_validates(string set)
    {
        var directory = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", set);
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = directory });
        emulator.Services.PrepareTemplates();
        using var client = Client(emulator);

        var integrations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var org in await ListAllAsync(client, "v1/orgs"))
        {
            var id = Str(org["id"]);
            foreach (var space in await ListAllAsync(client, $"v1/orgs/{id}/spaces")) await client.GetAsync($"v1/spaces/{Str(space["id"])}/integrations").OkJsonAsync();
            foreach (var site in await ListAllAsync(client, $"v1/orgs/{id}/sites")) await client.GetAsync($"v1/orgs/{id}/sites/{Str(site["id"])}/integration-scripts").OkArrayAsync();
            foreach (var target in new[] { "organization", "space", "site" }) await ListAllAsync(client, $"v1/orgs/{id}/integrations/installations-status?target={target}");
            integrations.UnionWith(Names(await ListAllAsync(client, $"v1/orgs/{id}/integrations?limit=100")));
        }
        integrations.Should().NotBeEmpty();
        foreach (var integration in integrations)
        {
            await client.GetAsync($"v1/integrations/{integration}").OkJsonAsync();
            await ListAllAsync(client, $"v1/integrations/{integration}/installations");
            await ListAllAsync(client, $"v1/integrations/{integration}/spaces?extended=true");
            await ListAllAsync(client, $"v1/integrations/{integration}/sites?extended=true");
            await ListAllAsync(client, $"v1/integrations/{integration}/events");
        }
    }

    private static async Task<string> InstallationsAsync(int seed)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = seed, FixturesDirectory = Examples });
        using var client = Client(emulator);
        return await client.GetStringAsync("v1/integrations/acme-status/installations");
    }
}
