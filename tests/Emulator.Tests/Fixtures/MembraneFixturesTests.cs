using System.Diagnostics;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Membrane;
using IntegrationsApiEmulator.Vendors.Membrane.Seeding;
using Xunit.Abstractions;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Fixtures;

public sealed class MembraneFixturesTests(ITestOutputHelper output)
{
    private static readonly string Examples = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "examples", "membrane");
    private static readonly string Defaults = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "default");

    private const string OneIntegration = """{"membrane":{"integrations":[{"integration":{"key":"runtime-crm","connectorKey":"stripe"},"actions":[{"key":"charge","name":"Charge"}]}]}}""";

    [Fact]
    public async Task The_example_fixture_adds_a_connector_and_integrations_on_top_of_the_seeded_workspace()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = Examples });
        using var membrane = emulator.Membrane();

        var (items, _) = await FindAllAsync(membrane);
        var crm = await membrane.GetIntegrationAsync("acme-crm");
        var sandbox = await membrane.GetIntegrationAsync("acme-crm-sandbox");
        var stripe = await membrane.GetIntegrationAsync("stripe-billing");
        var spec = await membrane.GetAsync($"{Integrations}/acme-crm/connector-spec").OkJsonAsync();
        var operation = await membrane.GetAsync($"{Integrations}/acme-crm/operations/create-contact").OkJsonAsync();
        var collections = await membrane.GetAsync($"{Integrations}/acme-crm/data").OkArrayAsync();
        var archived = await membrane.GetAsync($"{Integrations}?includeArchived=true&search=legacy-helpdesk").OkJsonAsync();

        items.Select(KeyOf).Should().Equal([.. SeededLiveKeys, "acme-crm", "acme-crm-sandbox", "jira-support", "stripe-billing"]);
        Str(crm["connectorId"]).Should().Be("6650ace0c0ffee0000000001");
        Str(crm["connectorVersion"]).Should().Be("2.1.0");
        Str(crm["state"]).Should().Be("READY");
        crm["hasUdm"]!.GetValue<bool>().Should().BeTrue();
        crm["eventsCount"]!.GetValue<int>().Should().Be(2);
        Str(crm["connection"]!["name"]).Should().Be("Acme CRM (sales)");
        Str(crm["connection"]!["connectorId"]).Should().Be("6650ace0c0ffee0000000001");
        Str(sandbox["state"]).Should().Be("CONFIGURATION_ERROR");
        sandbox["hasMissingParameters"]!.GetValue<bool>().Should().BeTrue();
        Str(sandbox["errors"]![0]!["message"]).Should().Contain("subdomain");
        Str(stripe["state"]).Should().Be("SETUP_FAILED");
        Str(stripe["errors"]![0]!["key"]).Should().Be("access_token_expired");
        Str((await membrane.GetIntegrationAsync("jira-support"))["state"]).Should().Be("BUILDING");
        Str(spec["auth"]!["type"]).Should().Be("oauth2");
        spec["parametersSchema"]!["required"]!.AsArray().Select(p => Str(p)).Should().Equal("subdomain");
        operation["inputSchema"]!["required"]!.AsArray().Select(p => Str(p)).Should().Equal("email");
        collections.Select(c => (Str(c!["key"]), c["isHidden"]!.GetValue<bool>())).Should().Equal(("contacts", false), ("audit-log", true));
        Items(archived).Single()["archivedAt"].Should().NotBeNull();
        foreach (var kind in ElementKinds)
            Items(await membrane.GetAsync($"{Integrations}/acme-crm/{kind}").OkJsonAsync()).Should().ContainSingle(kind);
        Str((await membrane.GetAsync($"{Integrations}/acme-crm/field-mappings/contact-fields").OkJsonAsync())["direction"]).Should().Be("import");
    }

    [Fact]
    public async Task Fixture_ids_are_the_same_on_every_start_with_the_same_seed_and_differ_with_another()
    {
        var first = await IdsAsync(EmulatorOptions.DefaultSeed);
        var second = await IdsAsync(EmulatorOptions.DefaultSeed);
        var other = await IdsAsync(EmulatorOptions.DefaultSeed + 1);

        second.Should().Equal(first);
        first[0].Should().MatchRegex("^[0-9a-f]{24}$");
        other.Should().NotIntersectWith(first);
    }

    [Theory]
    [InlineData("""{"integrations":[{"integration":{"key":"hubspot","connectorKey":"hubspot"}}]}""", "integrations[0].integration: key: an integration with key \"hubspot\" already exists")]
    [InlineData("""{"integrations":[{"integration":{"connectorKey":"nope"}}]}""", "integrations[0].integration: connectorKey: no connector has the key \"nope\"")]
    [InlineData("""{"integrations":[{"integration":{"name":5}}]}""", "integrations[0].integration.name: must be a string")]
    [InlineData("""{"integrations":[{"integration":{"key":"x","connectorKey":"zendesk"},"state":"READY"}]}""", "integrations[0].state: READY but set-up finds: Connector parameter \"subdomain\" is required")]
    [InlineData("""{"integrations":[{"integration":{"key":"x"},"state":"READY","errors":[{"message":"m"}]}]}""", "integrations[0].errors: a READY integration has no errors")]
    [InlineData("""{"integrations":[{"integration":{"key":"x"},"connection":{}}]}""", "integrations[0].connection: an integration without a connector has no connection")]
    [InlineData("""{"integrations":[{"integration":{"key":"x"},"actions":[{"key":"a"},{"key":"a"}]}]}""", "integrations[0].actions[1]: key: the integration already has a Action with key \"a\"")]
    [InlineData("""{"integrations":[{"integration":{"key":"x"},"flows":[{"enabled":"yes"}]}]}""", "integrations[0].flows[0].enabled: must be a boolean")]
    [InlineData("""{"connectors":[{"key":"hubspot","name":"Another HubSpot"}]}""", "connectors[0].key: a connector with key \"hubspot\" already exists")]
    [InlineData("""{"connectors":[{"key":"c","name":"C","operations":[{"key":"o","name":"O"},{"key":"o","name":"P"}]}]}""", "connectors[0].operations[1].key: the connector already has an operation with key \"o\"")]
    [InlineData("""{"connectors":[{"key":"Bad Key","name":"C"}]}""", "connectors[0].key: must match the pattern")]
    [InlineData("""{"integration":[]}""", "integration: is not an allowed property")]
    [InlineData("""{"integrations": [""", "is not valid JSON")]
    public async Task A_broken_fixture_file_is_refused_with_file_path_and_reason(string content, string expected)
    {
        var directory = Directory.CreateTempSubdirectory("fixtures-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "membrane.json"), content);
            await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = directory.FullName });

            var refuse = () => emulator.Services.PrepareTemplates();

            refuse.Should().Throw<InvalidDataException>().WithMessage($"*{Path.Combine(directory.FullName, "membrane.json")}*{expected}*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_runtime_load_reaches_existing_tenants_and_new_ones_with_the_same_ids()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);
        using var existing = emulator.Membrane();
        await existing.GetIntegrationAsync("hubspot");

        emulator.LoadFixtures(OneIntegration).Should().Equal("membrane");

        using var fresh = emulator.Membrane();
        var seen = await existing.GetIntegrationAsync("runtime-crm");
        var created = await fresh.GetIntegrationAsync("runtime-crm");
        IdOf(created).Should().Be(IdOf(seen));
        Str(created["connectorId"]).Should().Be(StateOf(emulator, fresh).ConnectorByKey("stripe")!.Id);
        Items(await fresh.GetAsync($"{Integrations}/runtime-crm/actions").OkJsonAsync()).Select(KeyOf).Should().Equal("charge");
        var again = () => emulator.LoadFixtures(OneIntegration);
        again.Should().Throw<ApiException>().Which.Body["error"]!["message"]!.GetValue<string>().Should().Contain("membrane.integrations[0].integration: key: an integration with key \"runtime-crm\" already exists");
    }

    [Fact]
    public async Task A_load_into_one_tenant_is_not_seen_by_another()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);
        using var target = emulator.Membrane();
        var jwt = Jwt(new JsonObject { ["id"] = "customer-42", ["iss"] = "workspace-key" });
        using var byJwt = emulator.Membrane(jwt);
        using var other = emulator.Membrane();
        await other.GetIntegrationAsync("hubspot");

        emulator.LoadFixtures(OneIntegration, IntegrationsEmulator.TenantKeyOf(TokenOf(target)));
        emulator.LoadFixtures(OneIntegration, IntegrationsEmulator.TenantKeyOf(MembraneCaller.CredentialOf(jwt)!));

        await target.GetIntegrationAsync("runtime-crm");
        // A re-minted JWT of the same workspace key and tenant is the same tenant.
        using var reminted = emulator.Membrane(Jwt(new JsonObject { ["id"] = "customer-42", ["iss"] = "workspace-key", ["exp"] = 1 }));
        await reminted.GetIntegrationAsync("runtime-crm");
        await other.GetAsync($"{Integrations}/runtime-crm").ShouldBeNotFoundAsync("runtime-crm");
        using var fresh = emulator.Membrane();
        await fresh.GetAsync($"{Integrations}/runtime-crm").ShouldBeNotFoundAsync("runtime-crm");
    }

    [Fact]
    public async Task A_refused_runtime_load_changes_nothing()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);
        using var existing = emulator.Membrane();
        var before = StateOf(emulator, existing).Counts();
        const string half = """{"membrane":{"connectors":[{"key":"half-connector","name":"Half"}],"integrations":[{"integration":{"key":"first-ok"}},{"integration":{"connectorKey":"missing"}}]}}""";

        var load = () => emulator.LoadFixtures(half);

        var refused = load.Should().Throw<ApiException>().Which;
        refused.StatusCode.Should().Be(400);
        refused.Body["error"]!["message"]!.GetValue<string>().Should().Contain("membrane.integrations[1].integration: connectorKey: no connector has the key \"missing\"");
        StateOf(emulator, existing).Counts().Should().BeEquivalentTo(before);
        await existing.GetAsync($"{Integrations}/first-ok").ShouldBeNotFoundAsync();
        using var fresh = emulator.Membrane();
        await fresh.GetAsync($"{Integrations}/first-ok").ShouldBeNotFoundAsync();
        await fresh.PostJsonAsync(Integrations, new JsonObject { ["connectorKey"] = "half-connector" }).ShouldBeBadRequestAsync("half-connector");
    }

    [Fact]
    public async Task Without_seed_the_workspace_is_empty_but_the_catalogue_is_there()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = false });
        using var membrane = emulator.Membrane();

        var (items, _) = await FindAllAsync(membrane, "includeArchived=true");
        var created = await membrane.CreateIntegrationAsync(new JsonObject { ["connectorKey"] = "hubspot" });

        items.Should().BeEmpty();
        StateOf(emulator, membrane).Elements.Should().BeEmpty();
        Str(created["key"]).Should().Be("hubspot");
        created["operationsCount"]!.GetValue<int>().Should().Be(6);
        StateOf(emulator, membrane).Connectors.Values.Select(c => c.Id).Should().BeEquivalentTo(MembraneSeeder.Build(EmulatorOptions.DefaultSeed).Connectors.Keys);
    }

    [Fact]
    public async Task Without_seed_and_with_the_default_fixtures_the_workspace_is_exactly_the_default_set()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = false, FixturesDirectory = Defaults });
        using var membrane = emulator.Membrane();

        var (items, _) = await FindAllAsync(membrane, "includeArchived=true");

        items.Select(i => (KeyOf(i), Str(i["state"]), i.ContainsKey("connection"))).Should().Equal(
            ("sales-crm", "READY", true), ("enterprise-crm", "READY", false), ("support-desk", "CONFIGURATION_ERROR", false));
        Items(await membrane.GetAsync($"{Integrations}/sales-crm/actions").OkJsonAsync()).Select(KeyOf).Should().Equal("create-contact");
        Items(await membrane.GetAsync($"{Integrations}/sales-crm/data-sources").OkJsonAsync()).Select(KeyOf).Should().Equal("contacts");
        StateOf(emulator, membrane).Elements.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(false, "default")]
    [InlineData(true, "examples/membrane")]
    public async Task The_shipped_fixture_sets_serve_valid_responses(bool seeded, string set)
    {
        var directory = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", set);
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = seeded, FixturesDirectory = directory });
        using var membrane = emulator.Membrane();

        var (items, _) = await FindAllAsync(membrane, "includeArchived=true");

        items.Should().NotBeEmpty();
        foreach (var item in items)
        {
            await membrane.GetIntegrationAsync(IdOf(item));
            foreach (var kind in ElementKinds) await membrane.GetAsync($"{Integrations}/{IdOf(item)}/{kind}").OkJsonAsync();
            if (item.ContainsKey("connectorId"))
            {
                await membrane.GetAsync($"{Integrations}/{IdOf(item)}/connector-spec").OkJsonAsync();
                await membrane.GetAsync($"{Integrations}/{IdOf(item)}/operations").OkArrayAsync();
                await membrane.GetAsync($"{Integrations}/{IdOf(item)}/data").OkArrayAsync();
            }
        }
    }

    [Fact]
    public async Task A_seed_count_of_500_gives_500_integrations_the_same_on_every_start_and_paged()
    {
        var options = EmulatorOptions.Default with { SeedCount = 500 };
        await using var first = await IntegrationsEmulator.StartAsync(options);
        await using var second = await IntegrationsEmulator.StartAsync(options);
        using var a = first.Membrane();
        using var b = second.Membrane();

        var walked = await WalkAsync(a, $"{Integrations}?includeArchived=true", limit: 100);
        var (again, pages) = await FindAllAsync(b, "includeArchived=true");

        walked.Should().HaveCount(500);
        pages.Should().Be(1);
        again.Select(i => i.ToJsonString()).Should().Equal(walked.Select(i => i.ToJsonString()));
        walked.Select(KeyOf).Should().OnlyHaveUniqueItems().And.StartWith([.. SeededLiveKeys, ArchivedKey]).And.Contain(["hubspot-2", "jira", "notion-3"]);
        walked.Select(i => Str(i["state"])).Distinct().Should().Contain(["READY", "CONFIGURATION_ERROR", "SETUP_FAILED", "BUILDING"]);
        walked.Where(i => i.ContainsKey("archivedAt")).Should().HaveCountGreaterThan(1);
        walked.Where(i => i.ContainsKey("connection")).Should().HaveCountGreaterThan(10);
        walked.Select(i => DateTimeOffset.Parse(Str(i["createdAt"]), System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder().And.OnlyContain(t => t < MembraneSeeder.Reference);
        Items(await a.GetAsync($"{Integrations}/notion-3/actions").OkJsonAsync()).Should().ContainSingle();
    }

    [Fact]
    public void A_small_seed_count_keeps_the_first_integrations_and_the_default_count_is_the_default_workspace()
    {
        var three = MembraneSeeder.Build(new SeedProfile(EmulatorOptions.DefaultSeed, Count: 3));
        var byDefault = MembraneSeeder.Build(new SeedProfile(EmulatorOptions.DefaultSeed, Count: MembraneSeeder.DefaultCount));
        var seeded = MembraneSeeder.Build(EmulatorOptions.DefaultSeed);

        three.Integrations.Select(i => i.Id).Should().Equal(seeded.Integrations.Take(3).Select(i => i.Id));
        byDefault.Integrations.Select(i => MembraneViews.Integration(i, byDefault).ToJsonString())
            .Should().Equal(seeded.Integrations.Select(i => MembraneViews.Integration(i, seeded).ToJsonString()));
    }

    [Fact]
    public void Ten_thousand_integrations_build_in_linear_time()
    {
        var clock = Stopwatch.StartNew();
        var state = MembraneSeeder.Build(new SeedProfile(EmulatorOptions.DefaultSeed, Count: 10_000));
        clock.Stop();
        output.WriteLine($"Build at Count=10000: {clock.ElapsedMilliseconds} ms, {state.Elements.Count} elements");

        state.Integrations.Should().HaveCount(10_000);
        state.Integrations.Select(i => i.Key).Should().OnlyHaveUniqueItems();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "building is linear in the count");
    }

    [Fact]
    public async Task Fixture_connectors_of_one_tenant_survive_a_state_export_and_import()
    {
        await using var emulator = await StartFrozenAsync();
        using var membrane = emulator.Membrane();
        emulator.LoadFixturesFrom(Examples, IntegrationsEmulator.TenantKeyOf(TokenOf(membrane)));
        var spec = await membrane.GetAsync($"{Integrations}/acme-crm/connector-spec").OkJsonAsync();

        var snapshot = await RoundTripAsync(emulator);
        await using var fresh = await StartFrozenAsync();
        await ImportAsync(fresh, snapshot);

        using var again = fresh.Membrane(TokenOf(membrane));
        (await again.GetAsync($"{Integrations}/acme-crm/connector-spec").OkJsonAsync()).ToJsonString().Should().Be(spec.ToJsonString());
        Str((await again.GetIntegrationAsync("acme-crm"))["connectorVersion"]).Should().Be("2.1.0");
        TenantOf(snapshot, "membrane", TokenOf(membrane))["connectors"]!.AsArray().Select(c => Str(c!["key"])).Should().Equal("acme-crm");
    }

    private static async Task<List<string>> IdsAsync(int seed)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = seed, FixturesDirectory = Examples });
        using var membrane = emulator.Membrane();
        var crm = await membrane.GetIntegrationAsync("acme-crm");
        var action = await membrane.GetAsync($"{Integrations}/acme-crm/actions/create-contact").OkJsonAsync();
        var sandbox = await membrane.GetIntegrationAsync("acme-crm-sandbox");
        return [IdOf(crm), Str(crm["uuid"]), IdOf(action), IdOf(sandbox), Str(crm["connection"]!["id"])];
    }
}
