using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress;
using IntegrationsApiEmulator.Vendors.Botpress.Seeding;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>Two emulators started with the same seed serve byte-identical seeded data; another seed, other data.</summary>
public sealed class SeedDeterminismTests : IAsyncLifetime
{
    private IntegrationsEmulator _first = null!;
    private IntegrationsEmulator _second = null!;
    private IntegrationsEmulator _otherSeed = null!;

    public async Task InitializeAsync()
    {
        var options = EmulatorOptions.Default with { Seed = 4242 };
        _first = await IntegrationsEmulator.StartAsync(options);
        _second = await IntegrationsEmulator.StartAsync(options);
        _otherSeed = await IntegrationsEmulator.StartAsync(options with { Seed = 4243 });
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _otherSeed.DisposeAsync();
    }

    // Emulators in one process share the template of a seed, so the HTTP tests above would pass even if
    // seeding were random: this one builds the template twice, independently.
    [Fact]
    public void Two_independent_builds_of_one_seed_are_identical_and_another_seed_differs()
    {
        static string Dump(BotpressState state) => string.Join('\n',
            state.All.Items.Select(i => BotpressViews.Full(i, state).ToJsonString() + string.Join(',', state.Logs[i.Id]))
                .Concat(state.Bots.Values.Select(b => $"{b.Id} {b.Name} {b.CreatedAt:O} {b.SigningSecret} {string.Join(',', b.Integrations.Select(p => $"{p.Key}={p.Value.IntegrationId}@{p.Value.WebhookId}"))}"))
                .Concat(state.Workspaces.Values.Select(w => $"{w.Id} {w.Handle} {w.OwnerId} {w.CreatedAt:O}"))
                .Concat(state.Interfaces.Values.Select(i => i.ToString())));

        var first = Dump(BotpressSeeder.Build(4242));

        Dump(BotpressSeeder.Build(4242)).Should().Be(first);
        Dump(BotpressSeeder.Build(4243)).Should().NotBe(first);
    }

    [Fact]
    public async Task The_same_seed_serves_byte_identical_hub_pages()
    {
        using var a = _first.CreateBotpressClient();
        using var b = _second.CreateBotpressClient();

        var wholeA = await a.GetStringAsync($"{Hub}?limit=100&sortBy=name");
        var wholeB = await b.GetStringAsync($"{Hub}?limit=100&sortBy=name");
        wholeB.Should().Be(wholeA);
        JsonNode.Parse(wholeA)!["meta"]!.AsObject().ContainsKey("nextToken").Should().BeFalse("the whole hub fits in one page");

        string? tokenA = null, tokenB = null;
        var pages = 0;
        do
        {
            var pageA = JsonNode.Parse(await a.GetStringAsync(WithToken($"{Hub}?limit=7", tokenA)))!.AsObject();
            var pageB = JsonNode.Parse(await b.GetStringAsync(WithToken($"{Hub}?limit=7", tokenB)))!.AsObject();
            tokenA = (string?)pageA["meta"]!["nextToken"];
            tokenB = (string?)pageB["meta"]!["nextToken"];
            (tokenA is null).Should().Be(tokenB is null);
            // Tokens are sealed with a per-instance key, so only the data of the pages is compared.
            pageB["integrations"]!.ToJsonString().Should().Be(pageA["integrations"]!.ToJsonString());
            pages++;
        }
        while (tokenA is not null);
        pages.Should().BeGreaterThan(2);
    }

    [Fact]
    public async Task The_same_seed_serves_byte_identical_integrations_and_workspace_lists()
    {
        using var a = _first.CreateBotpressClient();
        using var b = _second.CreateBotpressClient();

        var listA = await a.GetStringAsync($"{Integrations}?limit=100");
        (await b.GetStringAsync($"{Integrations}?limit=100")).Should().Be(listA);
        (await b.GetStringAsync($"{Integrations}?limit=100&dev=true")).Should().Be(await a.GetStringAsync($"{Integrations}?limit=100&dev=true"));

        var ids = IntegrationsOf(JsonNode.Parse(listA)!.AsObject()).Select(IdOf).ToList();
        ids.Should().NotBeEmpty();
        foreach (var id in ids)
            (await b.GetStringAsync($"{Integrations}/{id}")).Should().Be(await a.GetStringAsync($"{Integrations}/{id}"));
        var hubIds = IntegrationsOf(JsonNode.Parse(await a.GetStringAsync($"{Hub}?limit=100"))!.AsObject()).Select(IdOf).ToList();
        foreach (var id in hubIds)
            (await b.GetStringAsync($"{Hub}/{id}")).Should().Be(await a.GetStringAsync($"{Hub}/{id}"));
        var logsUrl = $"{Integrations}/{ids[0]}/logs?timeStart=2000-01-01T00:00:00Z";
        (await b.GetStringAsync(logsUrl)).Should().Be(await a.GetStringAsync(logsUrl));
    }

    [Fact]
    public async Task Every_tenant_of_an_emulator_starts_from_the_same_data()
    {
        using var alice = _first.CreateBotpressClient();
        using var bob = _first.CreateBotpressClient();
        using var carol = _second.CreateBotpressClient();
        await CreateAsync(alice, UniqueName(), "1.0.0", new JsonObject { ["visibility"] = "public" });

        (await bob.GetStringAsync($"{Hub}?limit=100")).Should().Be(await carol.GetStringAsync($"{Hub}?limit=100"));
        (await bob.GetStringAsync($"{Integrations}?limit=100")).Should().Be(await carol.GetStringAsync($"{Integrations}?limit=100"));
        (await alice.GetStringAsync($"{Integrations}?limit=100")).Should().NotBe(await carol.GetStringAsync($"{Integrations}?limit=100"));
    }

    [Fact]
    public async Task Another_seed_gives_other_data_but_the_same_fixed_workspace_and_bot()
    {
        using var a = _first.CreateBotpressClient();
        using var c = _otherSeed.CreateBotpressClient();

        (await c.GetStringAsync($"{Hub}?limit=100")).Should().NotBe(await a.GetStringAsync($"{Hub}?limit=100"));
        var idsA = IntegrationsOf(JsonNode.Parse(await a.GetStringAsync($"{Integrations}?limit=100"))!.AsObject()).Select(IdOf);
        var idsC = IntegrationsOf(JsonNode.Parse(await c.GetStringAsync($"{Integrations}?limit=100"))!.AsObject()).Select(IdOf);
        idsC.Should().NotIntersectWith(idsA);

        foreach (var client in (HttpClient[])[a, c])
        {
            var installed = IntegrationsOf(JsonNode.Parse(await client.GetStringAsync($"{Hub}?installedByBotId={BotpressDefaults.BotId}"))!.AsObject());
            installed.Should().HaveCount(4);
            var crm = JsonNode.Parse(await client.GetStringAsync($"{Integrations}/emulator%2Fcrm-sync/latest"))!["integration"]!;
            Str(crm["version"]).Should().Be("1.0.0");
        }
    }
}
