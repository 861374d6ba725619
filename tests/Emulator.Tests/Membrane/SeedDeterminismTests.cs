using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Membrane;
using IntegrationsApiEmulator.Vendors.Membrane.Model;
using IntegrationsApiEmulator.Vendors.Membrane.Seeding;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>The seeded Membrane workspace: deterministic per seed, different across seeds, consistent with the catalogue.</summary>
public sealed class SeedDeterminismTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>Connector key → (entities, events, required parameters, auth type), as the catalogue defines them.</summary>
    private static readonly Dictionary<string, (int Entities, int Events, string[] Parameters, string Auth)> Catalogue = new()
    {
        ["hubspot"] = (3, 6, [], "oauth2"),
        ["salesforce"] = (4, 8, ["instanceUrl"], "oauth2"),
        ["slack"] = (3, 4, [], "oauth2"),
        ["pipedrive"] = (3, 5, [], "oauth2"),
        ["zendesk"] = (2, 3, ["subdomain"], "oauth2"),
        ["google-sheets"] = (2, 1, [], "oauth2"),
        ["jira"] = (2, 4, ["siteUrl"], "oauth2"),
        ["stripe"] = (3, 7, [], "client-credentials"),
        ["intercom"] = (2, 3, [], "oauth2"),
        ["notion"] = (2, 0, [], "oauth2"),
    };

    /// <summary>Everything a tenant would be served, as JSON: connectors, integrations, elements.</summary>
    private static string Dump(MembraneState state)
    {
        var byId = state.Integrations.ToDictionary(i => i.Id);
        var lines = new List<string>();
        lines.AddRange(state.Connectors.Values.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
            $"{c.Id} {c.Version} {c.ExternalAppId} {MembraneViews.ConnectorSpec(c).ToJsonString()} " +
            string.Join(',', c.Operations.Select(o => MembraneViews.Operation(o).ToJsonString())) + " " +
            string.Join(',', c.DataCollections.Select(d => MembraneViews.DataCollection(d).ToJsonString()))));
        lines.AddRange(state.Integrations.Select(i => MembraneViews.Integration(i, state).ToJsonString()));
        lines.AddRange(state.Elements.Select(e => $"{e.Kind} {ElementEndpoints.View(e, byId[e.IntegrationId]).ToJsonString()}"));
        lines.Add(state.LastSeq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('\n', lines);
    }

    // Emulators in one process share the template of a seed, so HTTP alone would not catch random seeding:
    // this builds the template twice, independently.
    [Fact]
    public void Two_independent_builds_of_one_seed_are_identical_and_another_seed_differs()
    {
        var first = Dump(MembraneSeeder.Build(4242));

        Dump(MembraneSeeder.Build(4242)).Should().Be(first);
        Dump(MembraneSeeder.Build(4243)).Should().NotBe(first);
        Dump(MembraneSeeder.Build(EmulatorOptions.DefaultSeed)).Should().NotBe(first);
    }

    [Fact]
    public void Another_seed_changes_ids_but_not_the_shape_of_the_workspace()
    {
        var a = MembraneSeeder.Build(1);
        var b = MembraneSeeder.Build(2);

        a.Integrations.Select(i => i.Id).Should().NotIntersectWith(b.Integrations.Select(i => i.Id));
        a.Integrations.Select(i => (i.Key, i.Name, i.State, i.ArchivedAt is null)).Should().Equal(b.Integrations.Select(i => (i.Key, i.Name, i.State, i.ArchivedAt is null)));
        a.Elements.Select(e => (e.Kind, e.Key)).Should().Equal(b.Elements.Select(e => (e.Kind, e.Key)));
        a.Connectors.Values.Select(c => c.Key).Order().Should().Equal(b.Connectors.Values.Select(c => c.Key).Order());
    }

    [Fact]
    public void The_seeded_workspace_is_consistent_with_the_catalogue()
    {
        var state = MembraneSeeder.Build(EmulatorOptions.DefaultSeed);

        state.Connectors.Should().HaveCount(Catalogue.Count);
        foreach (var connector in state.Connectors.Values)
        {
            var (entities, events, parameters, auth) = Catalogue[connector.Key];
            connector.Id.Should().MatchRegex("^[0-9a-f]{24}$");
            state.Connectors[connector.Id].Should().BeSameAs(connector);
            connector.Operations.Should().HaveCount(2 * entities, connector.Key);
            connector.Operations.Select(o => o.Key).Should().OnlyHaveUniqueItems();
            connector.DataCollections.Should().HaveCount(entities, connector.Key);
            connector.EventsCount.Should().Be(events);
            connector.RequiredParameters.Should().Equal(parameters);
            connector.AuthType.Should().Be(auth);
        }
        state.Connectors.Values.Select(c => c.ExternalAppId).Should().OnlyHaveUniqueItems();

        state.Integrations.Select(i => i.Key).Should().Equal([.. SeededLiveKeys, ArchivedKey]);
        state.Integrations.Select(i => i.Id).Should().OnlyHaveUniqueItems();
        state.Integrations.Select(i => i.Uuid).Should().OnlyHaveUniqueItems();
        state.Integrations.Select(i => i.Seq).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        state.Integrations.Where(i => i.ArchivedAt is not null).Select(i => i.Key).Should().Equal(ArchivedKey);
        state.Integrations.Select(i => i.State).Should().Contain(["READY", "CONFIGURATION_ERROR", "SETUP_FAILED", "BUILDING"]);
        foreach (var integration in state.Integrations)
        {
            var connector = state.Connectors[integration.ConnectorId!];
            var view = MembraneViews.Integration(integration, state);
            view["operationsCount"]!.GetValue<int>().Should().Be(connector.Operations.Count);
            view["dataCollectionsCount"]!.GetValue<int>().Should().Be(connector.DataCollections.Count);
            view["eventsCount"]!.GetValue<int>().Should().Be(connector.EventsCount);
            (integration.Errors is { Count: > 0 }).Should().Be(integration.State is "CONFIGURATION_ERROR" or "SETUP_FAILED", integration.Key);
            integration.UpdatedAt.Should().BeOnOrAfter(integration.CreatedAt);
            integration.CreatedAt.Should().BeBefore(MembraneSeeder.Reference);
            if (integration.ArchivedAt is { } archivedAt) archivedAt.Should().BeAfter(integration.CreatedAt);

            var elements = state.Elements.Where(e => e.IntegrationId == integration.Id).ToList();
            elements.Select(e => e.Kind).Should().BeEquivalentTo(Enum.GetValues<ElementKind>(), integration.Key);
            elements.All(e => !e.IsCustomized && e.ArchivedAt == null && e.Original.ToJsonString() == e.Properties.ToJsonString()).Should().BeTrue(integration.Key);
            var dataSource = elements.Single(e => e.Kind == ElementKind.DataSource);
            connector.DataCollections.Select(d => d.Key).Should().Contain(dataSource.Key);
            var action = elements.Single(e => e.Kind == ElementKind.Action);
            connector.Operations.Select(o => o.Key).Should().Contain(action.Key);
        }
        state.Elements.Should().HaveCount(4 * state.Integrations.Count);
        state.Elements.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        state.Elements.Select(e => e.Seq).Concat(state.Integrations.Select(i => i.Seq)).Should().OnlyHaveUniqueItems();
        state.Elements.Concat<object>(state.Integrations).Should().HaveCount((int)state.LastSeq);
    }

    [Fact]
    public async Task A_fresh_tenant_is_served_the_template_of_the_emulator_seed()
    {
        using var membrane = fixture.Emulator.Membrane();
        var template = MembraneSeeder.Build(EmulatorOptions.DefaultSeed);

        var (items, _) = await FindAllAsync(membrane, "includeArchived=true");

        items.Select(i => i.ToJsonString()).Should().Equal(template.Integrations.Select(i => MembraneViews.Integration(i, template).ToJsonString()));
        var hubspot = template.Integrations.First(i => i.Key == "hubspot");
        var actions = await membrane.GetAsync($"{Integrations}/hubspot/actions").OkJsonAsync();
        Items(actions).Single().ToJsonString().Should().Be(ElementEndpoints.View(template.Elements.First(e => e.IntegrationId == hubspot.Id && e.Kind == ElementKind.Action), hubspot).ToJsonString());
    }

    [Fact]
    public async Task Writes_in_one_tenant_do_not_leak_into_the_template()
    {
        using var writer = fixture.Emulator.Membrane();
        await writer.PatchJsonAsync($"{Integrations}/hubspot", new JsonObject { ["name"] = "Changed", ["meta"] = new JsonObject { ["x"] = 1 } }).OkJsonAsync();
        await writer.PatchJsonAsync($"{Integrations}/hubspot/actions/create-contact", new JsonObject { ["description"] = "changed" }).OkJsonAsync();
        await writer.DeleteAsync($"{Integrations}/slack").OkJsonAsync();

        using var fresh = fixture.Emulator.Membrane();
        var template = MembraneSeeder.Build(EmulatorOptions.DefaultSeed);

        Str((await fresh.GetIntegrationAsync("hubspot"))["name"]).Should().Be("HubSpot");
        (await fresh.GetIntegrationAsync("slack"))["archivedAt"].Should().BeNull();
        var action = await fresh.GetAsync($"{Integrations}/hubspot/actions/create-contact").OkJsonAsync();
        action["isCustomized"]!.GetValue<bool>().Should().BeFalse();
        action.ContainsKey("description").Should().BeFalse();
        Dump(StateOf(fixture.Emulator, fresh)).Should().Be(Dump(template));
    }

    [Fact]
    public async Task Two_emulators_with_the_same_seed_serve_identical_integrations_and_another_seed_other_ids()
    {
        var options = EmulatorOptions.Default with { Seed = 777 };
        await using var first = await IntegrationsEmulator.StartAsync(options);
        await using var second = await IntegrationsEmulator.StartAsync(options);
        await using var other = await IntegrationsEmulator.StartAsync(options with { Seed = 778 });
        using var a = first.Membrane();
        using var b = second.Membrane();
        using var c = other.Membrane();

        var pageA = await a.GetStringAsync($"{Integrations}?includeArchived=true");
        var pageB = await b.GetStringAsync($"{Integrations}?includeArchived=true");
        var pageC = await c.GetStringAsync($"{Integrations}?includeArchived=true");

        pageB.Should().Be(pageA);
        pageC.Should().NotBe(pageA);
        Keys(JsonNode.Parse(pageC)!.AsObject()).Should().Equal(Keys(JsonNode.Parse(pageA)!.AsObject()));
    }
}
