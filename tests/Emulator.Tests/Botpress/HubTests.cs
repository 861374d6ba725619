using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>listPublicIntegrations, getPublicIntegrationById, getPublicIntegration.</summary>
public sealed class HubTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_hub_lists_public_non_dev_versions_by_popularity_with_owner_and_meta()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient(workspaceId: null);

        var page = await botpress.GetAsync($"{Hub}?limit=100").OkJsonAsync();

        var items = IntegrationsOf(page);
        items.Should().NotBeEmpty();
        items.Should().OnlyContain(i => Str(i["visibility"]) == "public" && i["public"]!.GetValue<bool>());
        items.Should().OnlyContain(i => i["ownerWorkspace"]!["id"] != null && i["ownerWorkspace"]!["name"] != null);
        var popularity = items.Select(i => i["meta"]!["installs"]!.GetValue<long>() * 10 + i["meta"]!["views"]!.GetValue<long>()).ToList();
        popularity.Should().BeInDescendingOrder();
        items.Select(i => Str(i["name"])).Should().Contain("emulator/crm-sync").And.NotContain("emulator/inventory", "dev integrations are not on the hub");
    }

    [Fact]
    public async Task A_public_version_created_in_a_workspace_appears_on_that_tenants_hub_only()
    {
        using var alice = fixture.Emulator.CreateClientInNewWorkspace();
        using var bob = fixture.Emulator.CreateBotpressClient();
        var name = UniqueName();
        var created = await CreateAsync(alice, name, "1.0.0", new JsonObject { ["visibility"] = "public" });
        await CreateAsync(alice, name, "1.1.0", new JsonObject { ["visibility"] = "unlisted" });
        await CreateAsync(alice, name, "1.2.0");

        var hub = IntegrationsOf(await alice.GetAsync($"{Hub}?name={name}").OkJsonAsync());
        hub.Select(IdOf).Should().Equal(IdOf(created));
        Str(hub[0]["ownerWorkspace"]!["id"]).Should().Be(WorkspaceOf(alice));
        hub[0]["meta"]!["installs"]!.GetValue<long>().Should().Be(0);

        IntegrationsOf(await bob.GetAsync($"{Hub}?name={name}").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Hub_gets_find_public_and_unlisted_versions_but_not_private_or_dev_ones()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var isPublic = await CreateAsync(botpress, name, "1.0.0", new JsonObject { ["visibility"] = "public" });
        var unlisted = await CreateAsync(botpress, name, "1.1.0", new JsonObject { ["visibility"] = "unlisted" });
        var isPrivate = await CreateAsync(botpress, name, "2.0.0");
        var dev = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["dev"] = true });

        var byId = (await botpress.GetAsync($"{Hub}/{IdOf(isPublic)}").OkJsonAsync())["integration"]!;
        Str(byId["name"]).Should().Be(name);
        Str(byId["ownerWorkspace"]!["id"]).Should().Be(WorkspaceOf(botpress));
        byId["meta"]!["views"].Should().NotBeNull();
        Str((await botpress.GetAsync($"{Hub}/{IdOf(unlisted)}").OkJsonAsync())["integration"]!["visibility"]).Should().Be("unlisted");

        await botpress.GetAsync($"{Hub}/{IdOf(isPrivate)}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", IdOf(isPrivate));
        await botpress.GetAsync($"{Hub}/{IdOf(dev)}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", IdOf(dev));
        // latest on the hub ignores the private 2.0.0: the highest publicly readable version is the unlisted 1.1.0.
        var latest = (await botpress.GetAsync($"{Hub}/{name}/latest").OkJsonAsync())["integration"]!;
        IdOf(latest.AsObject()).Should().Be(IdOf(unlisted));
        await botpress.GetAsync($"{Hub}/{name}/2.0.0").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", name);
    }

    [Fact]
    public async Task Hub_routes_need_no_workspace_header()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient(workspaceId: null);

        var latest = (await botpress.GetAsync($"{Hub}/emulator%2Fcrm-sync/latest").OkJsonAsync())["integration"]!;

        Str(latest["version"]).Should().Be("1.0.0");
        Str(latest["ownerWorkspace"]!["id"]).Should().Be(BotpressDefaults.WorkspaceId);
        Str(latest["ownerWorkspace"]!["handle"]).Should().Be("emulator");
    }

    [Fact]
    public async Task InstalledByBotId_lists_what_the_default_bot_has_installed()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var installed = IntegrationsOf(await botpress.GetAsync($"{Hub}?installedByBotId={BotpressDefaults.BotId}").OkJsonAsync());

        installed.Should().HaveCount(4);
        var names = installed.Select(i => Str(i["name"])).ToList();
        names.Should().Contain("emulator/crm-sync");
        foreach (var bare in (string[])["telegram", "slack", "webchat"])
            names.Should().ContainSingle(n => n == bare || n.EndsWith("/" + bare));
    }

    [Fact]
    public async Task Hub_filters_by_verification_status_and_latest_version()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var approved = IntegrationsOf(await botpress.GetAsync($"{Hub}?verificationStatus=approved&limit=100").OkJsonAsync());
        approved.Should().NotBeEmpty().And.OnlyContain(i => Str(i["verificationStatus"]) == "approved");
        var latest = await ListAllAsync(botpress, $"{Hub}?version=latest&limit=100");
        latest.Select(i => Str(i["name"])).Should().OnlyHaveUniqueItems();
        var ticketing = IntegrationsOf(await botpress.GetAsync($"{Hub}?name=emulator%2Fticketing&version=latest").OkJsonAsync());
        ticketing.Select(i => Str(i["version"])).Should().Equal("1.0.0"); // 1.1.0 is unlisted, so not on the hub
    }

    [Theory]
    [InlineData("popularity", "desc")]
    [InlineData("popularity", "asc")]
    [InlineData("installCount", "desc")]
    [InlineData("name", "asc")]
    [InlineData("name", "desc")]
    [InlineData("createdAt", "asc")]
    [InlineData("createdAt", "desc")]
    [InlineData("updatedAt", "desc")]
    public async Task Walking_the_hub_in_small_pages_gives_the_single_page_order(string sortBy, string direction)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var query = $"sortBy={sortBy}&direction={direction}";

        var whole = IntegrationsOf(await botpress.GetAsync($"{Hub}?limit=100&{query}").OkJsonAsync()).Select(IdOf).ToList();
        var walked = (await ListAllAsync(botpress, $"{Hub}?limit=3&{query}")).Select(IdOf).ToList();

        whole.Count.Should().BeGreaterThan(20);
        walked.Should().Equal(whole);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("verificationStatus=great", "verificationStatus")]
    [InlineData("sortBy=stars", "sortBy")]
    [InlineData("direction=up", "direction")]
    [InlineData("version=1.0", "version")]
    [InlineData("nextToken=forged", "nextToken")]
    public async Task Bad_hub_queries_are_400_InvalidQuery_naming_the_parameter(string query, string parameter)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.GetAsync($"{Hub}?{query}").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", parameter);
    }

    [Fact]
    public async Task Hub_errors_for_unknown_bots_ids_names_and_bad_versions()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.GetAsync($"{Hub}?installedByBotId=bot_nope").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "bot_nope");
        await botpress.GetAsync($"{Hub}/intver_01JNOSUCHINTEGRATION00000000").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_01JNOSUCHINTEGRATION00000000");
        await botpress.GetAsync($"{Hub}/no-such-integration/latest").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "no-such-integration");
        await botpress.GetAsync($"{Hub}/emulator%2Fcrm-sync/not-a-version").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "version", "not-a-version");
    }
}
