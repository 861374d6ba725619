using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>listIntegrations: the workspace's own versions, filters, search, sorting and page tokens.</summary>
public sealed class IntegrationListTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_default_workspace_lists_its_seeded_production_versions_oldest_first()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var items = IntegrationsOf(await botpress.GetAsync($"{Integrations}?limit=100").OkJsonAsync());

        items.Select(i => $"{Str(i["name"])}@{Str(i["version"])}").Should().Equal(
            "emulator/crm-sync@0.2.0", "emulator/crm-sync@0.10.0", "emulator/crm-sync@1.0.0", "emulator/ticketing@1.0.0",
            "emulator/ticketing@1.1.0", "emulator/payments@2.3.1", "emulator/weather@0.4.0");
        items.Select(i => DateTimeOffset.Parse(Str(i["createdAt"]))).Should().BeInAscendingOrder();
        items.Should().OnlyContain(i => i["ownerWorkspace"] == null && i["meta"] == null && i["matchedOn"] == null);
    }

    [Theory]
    [InlineData("dev=true", new[] { "emulator/inventory@0.1.0", "emulator/chat-sandbox@0.0.1" })]
    [InlineData("dev=false&visibility=public", new[] { "emulator/crm-sync@1.0.0", "emulator/ticketing@1.0.0", "emulator/payments@2.3.1" })]
    [InlineData("visibility=private", new[] { "emulator/crm-sync@0.2.0", "emulator/crm-sync@0.10.0", "emulator/weather@0.4.0" })]
    [InlineData("name=emulator%2Fcrm-sync", new[] { "emulator/crm-sync@0.2.0", "emulator/crm-sync@0.10.0", "emulator/crm-sync@1.0.0" })]
    [InlineData("name=emulator%2Fcrm-sync&version=0.10.0", new[] { "emulator/crm-sync@0.10.0" })]
    [InlineData("version=latest", new[] { "emulator/crm-sync@1.0.0", "emulator/ticketing@1.1.0", "emulator/payments@2.3.1", "emulator/weather@0.4.0" })]
    [InlineData("verificationStatus=approved", new[] { "emulator/crm-sync@1.0.0", "emulator/payments@2.3.1" })]
    [InlineData("verificationStatus=rejected", new[] { "emulator/ticketing@1.1.0" })]
    [InlineData("sortBy=name&direction=desc&name=emulator%2Fticketing", new[] { "emulator/ticketing@1.1.0", "emulator/ticketing@1.0.0" })]
    public async Task Filters_select_the_seeded_versions(string query, string[] expected)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var items = IntegrationsOf(await botpress.GetAsync($"{Integrations}?limit=100&{query}").OkJsonAsync());

        items.Select(i => $"{Str(i["name"])}@{Str(i["version"])}").Should().Equal(expected);
    }

    [Fact]
    public async Task Sorting_by_name_and_direction_orders_the_page()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        foreach (var name in (string[])["b-list", "a-list", "c-list"]) await CreateAsync(botpress, name);

        string Names(JsonObject page) => string.Join(",", IntegrationsOf(page).Select(i => Str(i["name"])));
        Names(await botpress.GetAsync(Integrations).OkJsonAsync()).Should().Be("b-list,a-list,c-list");
        Names(await botpress.GetAsync($"{Integrations}?direction=desc").OkJsonAsync()).Should().Be("c-list,a-list,b-list");
        Names(await botpress.GetAsync($"{Integrations}?sortBy=name").OkJsonAsync()).Should().Be("a-list,b-list,c-list");
        Names(await botpress.GetAsync($"{Integrations}?sortBy=name&direction=desc").OkJsonAsync()).Should().Be("c-list,b-list,a-list");
    }

    [Fact]
    public async Task Interface_filters_match_implemented_interfaces_by_name_and_id()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var llm = Interfaces(fixture.Emulator).First(i => i.Name == "llm");
        var hitl = Interfaces(fixture.Emulator).First(i => i.Name == "hitl");
        var withLlm = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["interfaces"] = new JsonObject { ["main"] = new JsonObject { ["id"] = llm.Id } } });
        await CreateAsync(botpress, UniqueName());

        IntegrationsOf(await botpress.GetAsync($"{Integrations}?interfaceName=llm").OkJsonAsync()).Select(IdOf).Should().Equal(IdOf(withLlm));
        IntegrationsOf(await botpress.GetAsync($"{Integrations}?interfaceId={llm.Id}").OkJsonAsync()).Select(IdOf).Should().Equal(IdOf(withLlm));
        IntegrationsOf(await botpress.GetAsync($"{Integrations}?interfaceName=ll").OkJsonAsync()).Should().BeEmpty("interfaceName is a strict match");
        IntegrationsOf(await botpress.GetAsync($"{Integrations}?interfaceId={hitl.Id}").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Search_matches_name_title_description_actions_and_interfaces_and_says_where()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var schema = new JsonObject { ["schema"] = new JsonObject() };
        var byName = await CreateAsync(botpress, $"n-{word}");
        var byTitle = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["title"] = $"Title {word.ToUpperInvariant()}" });
        var byDescription = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["description"] = $"about {word}" });
        var byAction = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject
        {
            ["actions"] = new JsonObject { [$"do{word}"] = new JsonObject { ["input"] = schema.DeepClone(), ["output"] = schema.DeepClone() } },
        });
        await CreateAsync(botpress, UniqueName());

        var found = IntegrationsOf(await botpress.GetAsync($"{Integrations}?search={word}").OkJsonAsync()).ToDictionary(IdOf);

        found.Keys.Should().BeEquivalentTo([IdOf(byName), IdOf(byTitle), IdOf(byDescription), IdOf(byAction)]);
        found[IdOf(byName)]["matchedOn"]!["name"]!.GetValue<bool>().Should().BeTrue();
        found[IdOf(byTitle)]["matchedOn"]!["title"]!.GetValue<bool>().Should().BeTrue();
        found[IdOf(byTitle)]["matchedOn"]!["name"]!.GetValue<bool>().Should().BeFalse();
        found[IdOf(byDescription)]["matchedOn"]!["description"]!.GetValue<bool>().Should().BeTrue();
        found[IdOf(byAction)]["matchedOn"]!["actions"]!.AsArray().Select(a => Str(a)).Should().Equal($"do{word}");

        using var seeded = fixture.Emulator.CreateBotpressClient();
        var llmUsers = IntegrationsOf(await seeded.GetAsync($"{Hub}?search=llm&limit=100").OkJsonAsync());
        llmUsers.Where(i => i["matchedOn"]!["interfaces"]!.AsArray().Count > 0)
            .Should().OnlyContain(i => i["matchedOn"]!["interfaces"]!.AsArray().Select(x => Str(x)).Contains("llm"));
    }

    [Theory]
    [InlineData("visibility=unlisted", "visibility")]
    [InlineData("dev=maybe", "dev")]
    [InlineData("limit=-1", "limit")]
    [InlineData("sortBy=size", "sortBy")]
    [InlineData("version=^1.0.0", "version")]
    [InlineData("verificationStatus=ok", "verificationStatus")]
    public async Task Bad_list_queries_are_400_InvalidQuery_naming_the_parameter(string query, string parameter)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.GetAsync($"{Integrations}?{query}").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", parameter);
    }

    [Fact]
    public async Task Page_tokens_continue_the_same_list_and_refuse_forged_or_foreign_ones()
    {
        using var alice = fixture.Emulator.CreateBotpressClient();
        using var aliceOtherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(alice));
        using var bob = fixture.Emulator.CreateBotpressClient();

        var first = await alice.GetAsync($"{Integrations}?limit=2").OkJsonAsync();
        var token = Str(first["meta"]!["nextToken"]);
        var second = await alice.GetAsync(WithToken($"{Integrations}?limit=2", token)).OkJsonAsync();
        IntegrationsOf(second).Select(IdOf).Should().NotIntersectWith(IntegrationsOf(first).Select(IdOf)).And.HaveCount(2);

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        foreach (var bad in (string[])["forged", tampered, token + "x", "." + token])
            await alice.GetAsync(WithToken(Integrations, bad)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await bob.GetAsync(WithToken(Integrations, token)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await aliceOtherWorkspace.GetAsync(WithToken(Integrations, token)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await alice.GetAsync(WithToken($"{Integrations}?sortBy=name", token)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await alice.GetAsync(WithToken($"{Integrations}?dev=true", token)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await alice.GetAsync(WithToken(Hub, token)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");

        var hubToken = Str((await alice.GetAsync($"{Hub}?limit=1").OkJsonAsync())["meta"]!["nextToken"]);
        await bob.GetAsync(WithToken($"{Hub}?limit=1", hubToken)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await alice.GetAsync(WithToken($"{Hub}?limit=1", hubToken)).OkJsonAsync();
    }

    [Fact]
    public async Task The_last_page_has_no_token_and_limits_above_100_are_capped()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var all = await botpress.GetAsync($"{Integrations}?limit=1000").OkJsonAsync();
        IntegrationsOf(all).Should().HaveCount(7);
        all["meta"]!.AsObject().ContainsKey("nextToken").Should().BeFalse();
        var hub = await botpress.GetAsync($"{Hub}?limit=1000").OkJsonAsync();
        IntegrationsOf(hub).Count.Should().BeLessThanOrEqualTo(100);
        IntegrationsOf(await botpress.GetAsync(Hub).OkJsonAsync()).Should().HaveCount(20, "the default page size is 20");
    }

    [Fact]
    public async Task A_walk_survives_deleting_the_last_item_it_was_served()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add(IdOf(await CreateAsync(botpress, UniqueName())));

        var first = await botpress.GetAsync($"{Integrations}?limit=2").OkJsonAsync();
        IntegrationsOf(first).Select(IdOf).Should().Equal(ids[0], ids[1]);
        await botpress.DeleteJsonAsync($"{Integrations}/{ids[1]}").OkJsonAsync();
        var second = await botpress.GetAsync(WithToken($"{Integrations}?limit=2", Str(first["meta"]!["nextToken"]))).OkJsonAsync();

        IntegrationsOf(second).Select(IdOf).Should().Equal(ids[2], ids[3]);
    }
}
