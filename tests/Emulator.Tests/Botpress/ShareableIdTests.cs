using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress;
using Microsoft.Extensions.Time.Testing;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>createIntegrationShareableId, getIntegrationShareableId, deleteIntegrationShareableId, unlinkSandboxedConversations.</summary>
public sealed class ShareableIdTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Bot = "v1/admin/bots/" + BotpressDefaults.BotId;

    /// <summary>What the default bot has installed, found as a client would: the hub's installedByBotId filter.</summary>
    private static async Task<List<JsonObject>> InstalledAsync(HttpClient botpress) =>
        IntegrationsOf(await botpress.GetAsync($"{Hub}?installedByBotId={BotpressDefaults.BotId}").OkJsonAsync());

    [Fact]
    public async Task Create_get_and_delete_a_shareable_id_of_an_installed_integration()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var id = IdOf((await InstalledAsync(botpress))[0]);
        var url = $"{Bot}/integrations/{id}/shareable-id";

        var created = Str((await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync())["shareableId"]);
        var again = Str((await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync())["shareableId"]);
        var read = await botpress.GetAsync(url).OkJsonAsync();

        created.Should().NotBeNullOrEmpty();
        again.Should().Be(created, "a live shareable id is returned again, not replaced");
        Str(read["shareableId"]).Should().Be(created);
        read["isExpired"]!.GetValue<bool>().Should().BeFalse();

        (await botpress.DeleteJsonAsync(url).OkJsonAsync()).Should().BeEmpty();
        await botpress.GetAsync(url).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        await botpress.DeleteJsonAsync(url).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
    }

    [Fact]
    public async Task An_instance_alias_finds_the_installed_integration_whatever_the_path_id()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var installed = (await InstalledAsync(botpress)).First(i => Str(i["name"]) == "emulator/crm-sync");
        var alias = Uri.EscapeDataString(Str(installed["name"]));

        var viaAlias = Str((await botpress.PostJsonAsync($"{Bot}/integrations/ignored/shareable-id?integrationInstanceAlias={alias}", new JsonObject()).OkJsonAsync())["shareableId"]);

        Str((await botpress.GetAsync($"{Bot}/integrations/{IdOf(installed)}/shareable-id").OkJsonAsync())["shareableId"]).Should().Be(viaAlias);
        await botpress.GetAsync($"{Bot}/integrations/ignored/shareable-id?integrationInstanceAlias=nope")
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "nope");
    }

    [Fact]
    public async Task Integrations_not_installed_on_the_bot_are_409_RelationConflict()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var installed = (await InstalledAsync(botpress)).Select(IdOf).ToHashSet();
        var notInstalled = IdOf(IntegrationsOf(await botpress.GetAsync($"{Hub}?limit=100").OkJsonAsync()).First(i => !installed.Contains(IdOf(i))));
        var own = IdOf(await CreateAsync(botpress, UniqueName()));

        foreach (var id in (string[])[notInstalled, own])
        {
            var url = $"{Bot}/integrations/{id}/shareable-id";
            await botpress.PostJsonAsync(url, new JsonObject()).ShouldFailAsync(HttpStatusCode.Conflict, "RelationConflict", id, BotpressDefaults.BotId);
            await botpress.GetAsync(url).ShouldFailAsync(HttpStatusCode.Conflict, "RelationConflict", id);
            await botpress.DeleteJsonAsync(url).ShouldFailAsync(HttpStatusCode.Conflict, "RelationConflict", id);
            await botpress.DeleteJsonAsync($"{Bot}/integrations/{id}/sandboxed-conversations").ShouldFailAsync(HttpStatusCode.Conflict, "RelationConflict", id);
        }
    }

    [Fact]
    public async Task Unknown_bots_integrations_and_other_workspaces_bots_are_404()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(botpress));
        var id = IdOf((await InstalledAsync(botpress))[0]);

        await botpress.PostJsonAsync($"v1/admin/bots/bot_missing/integrations/{id}/shareable-id", new JsonObject())
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "bot_missing");
        await botpress.GetAsync($"{Bot}/integrations/intver_missing/shareable-id").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await otherWorkspace.PostJsonAsync($"{Bot}/integrations/{id}/shareable-id", new JsonObject())
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", BotpressDefaults.BotId);
        await botpress.DeleteJsonAsync($"v1/admin/bots/bot_missing/integrations/{id}/sandboxed-conversations")
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "bot_missing");
    }

    [Fact]
    public async Task Create_takes_an_empty_body_only()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var url = $"{Bot}/integrations/{IdOf((await InstalledAsync(botpress))[0])}/shareable-id";

        await botpress.PostJsonAsync(url, new JsonObject { ["ttl"] = 5 }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "ttl");
        await botpress.GetAsync(url).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound");
        (await botpress.PostAsync(url, null).OkJsonAsync())["shareableId"].Should().NotBeNull("clients may send no body at all");
    }

    [Fact]
    public async Task Unlinking_sandboxed_conversations_clears_them_for_that_integration()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var bot = StateOf(fixture.Emulator, botpress).Bots[BotpressDefaults.BotId];
        var sandboxed = bot.SandboxedConversations.Keys.Should().ContainSingle().Subject;

        (await botpress.DeleteJsonAsync($"{Bot}/integrations/{sandboxed}/sandboxed-conversations").OkJsonAsync()).Should().BeEmpty();

        bot.SandboxedConversations.Should().BeEmpty();
        (await botpress.DeleteJsonAsync($"{Bot}/integrations/{sandboxed}/sandboxed-conversations").OkJsonAsync()).Should().BeEmpty("unlinking is idempotent");
    }

    [Fact]
    public async Task A_shareable_id_expires_after_24_hours_and_create_then_issues_a_new_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Clock = clock });
        using var botpress = emulator.CreateBotpressClient();
        var url = $"{Bot}/integrations/{IdOf((await InstalledAsync(botpress))[0])}/shareable-id";
        var first = Str((await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync())["shareableId"]);

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        (await botpress.GetAsync(url).OkJsonAsync())["isExpired"]!.GetValue<bool>().Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await botpress.GetAsync(url).OkJsonAsync();
        expired["isExpired"]!.GetValue<bool>().Should().BeTrue();
        Str(expired["shareableId"]).Should().Be(first);

        var renewed = Str((await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync())["shareableId"]);
        var read = await botpress.GetAsync(url).OkJsonAsync();
        Str(read["shareableId"]).Should().Be(renewed);
        read["isExpired"]!.GetValue<bool>().Should().BeFalse();
    }
}
