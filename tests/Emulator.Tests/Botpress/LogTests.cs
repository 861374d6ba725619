using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>getIntegrationLogs: time window, filters, top-level page token.</summary>
public sealed class LogTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Epoch = "2000-01-01T00:00:00Z";

    private static async Task<List<JsonObject>> LogsAsync(HttpClient botpress, string id, string query = "")
    {
        var page = await botpress.GetAsync($"{Integrations}/{id}/logs?timeStart={Uri.EscapeDataString(Epoch)}{query}").OkJsonAsync();
        return [.. page["logs"]!.AsArray().Select(l => l!.AsObject())];
    }

    private static async Task<string> SeededIdAsync(HttpClient botpress) =>
        IdOf((await botpress.GetAsync($"{Integrations}/emulator%2Fcrm-sync/0.2.0").OkJsonAsync())["integration"]!.AsObject());

    [Fact]
    public async Task Creating_updating_and_verifying_write_lines_oldest_first()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var id = IdOf(await CreateAsync(botpress, name, "1.0.0", new JsonObject { ["visibility"] = "unlisted" }));
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["title"] = "T" }).OkJsonAsync();
        await botpress.PostJsonAsync($"{Integrations}/request-verification", new JsonObject { ["integrationId"] = id }).OkJsonAsync();

        var page = await botpress.GetAsync($"{Integrations}/{id}/logs?timeStart={Uri.EscapeDataString(Epoch)}").OkJsonAsync();

        page.ContainsKey("meta").Should().BeFalse("the logs token is top-level");
        page.ContainsKey("nextToken").Should().BeFalse("one page holds everything");
        var messages = page["logs"]!.AsArray().Select(l => Str(l!["message"])).ToList();
        messages.Should().Equal($"Integration {name}@1.0.0 created", $"Integration {name}@1.0.0 updated", "Verification requested");
        page["logs"]!.AsArray().Select(l => DateTimeOffset.Parse(Str(l!["timestamp"]))).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task The_time_window_and_filters_select_lines()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var id = await SeededIdAsync(botpress);
        var all = await LogsAsync(botpress, id);
        all.Count.Should().BeGreaterThan(3);

        var cut = Str(all[2]["timestamp"]);
        (await LogsAsync(botpress, id, $"&timeEnd={Uri.EscapeDataString(cut)}")).Should().HaveCount(3);
        var fromCut = await botpress.GetAsync($"{Integrations}/{id}/logs?timeStart={Uri.EscapeDataString(cut)}").OkJsonAsync();
        fromCut["logs"]!.AsArray().Should().HaveCount(all.Count - 2);
        var future = await botpress.GetAsync($"{Integrations}/{id}/logs?timeStart=2999-01-01T00:00:00Z").OkJsonAsync();
        future["logs"]!.AsArray().Should().BeEmpty();

        var level = Str(all[^1]["level"]);
        (await LogsAsync(botpress, id, $"&level={level.ToUpperInvariant()}")).Should().NotBeEmpty().And.OnlyContain(l => Str(l["level"]) == level);
        (await LogsAsync(botpress, id, "&messageContains=CREATED")).Select(l => Str(l["message"])).Should().Equal("Integration emulator/crm-sync@0.2.0 created");
        if (all.FirstOrDefault(l => l["userId"] is not null) is { } withUser)
            (await LogsAsync(botpress, id, $"&userId={Str(withUser["userId"])}")).Should().OnlyContain(l => Str(l["userId"]) == Str(withUser["userId"]));
        if (all.FirstOrDefault(l => l["conversationId"] is not null) is { } withConversation)
            (await LogsAsync(botpress, id, $"&conversationId={Str(withConversation["conversationId"])}"))
                .Should().OnlyContain(l => Str(l["conversationId"]) == Str(withConversation["conversationId"]));
        (await LogsAsync(botpress, id, "&userId=user_nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task More_than_a_page_of_lines_continues_with_a_top_level_token()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = IdOf(await CreateAsync(botpress, UniqueName()));
        for (var i = 0; i < 104; i++)
            await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["description"] = $"rev {i}" }).OkJsonAsync();
        var url = $"{Integrations}/{id}/logs?timeStart={Uri.EscapeDataString(Epoch)}";

        var first = await botpress.GetAsync(url).OkJsonAsync();
        first["logs"]!.AsArray().Should().HaveCount(100);
        var token = Str(first["nextToken"]);
        var second = await botpress.GetAsync(WithToken(url, token)).OkJsonAsync();

        second["logs"]!.AsArray().Should().HaveCount(5);
        second.ContainsKey("nextToken").Should().BeFalse();
        await botpress.GetAsync(WithToken(url, "forged")).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await botpress.GetAsync(WithToken(url + "&level=info", token)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        using var otherTenant = fixture.Emulator.CreateBotpressClient(workspaceId: WorkspaceOf(botpress));
        var foreignId = IdOf(await CreateAsync(otherTenant, UniqueName()));
        await otherTenant.GetAsync(WithToken($"{Integrations}/{foreignId}/logs?timeStart={Uri.EscapeDataString(Epoch)}", token))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
    }

    [Fact]
    public async Task Bad_log_queries_and_unknown_integrations()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(botpress));
        var id = await SeededIdAsync(botpress);

        await botpress.GetAsync($"{Integrations}/{id}/logs").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "timeStart");
        await botpress.GetAsync($"{Integrations}/{id}/logs?timeStart=yesterday").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "timeStart", "yesterday");
        await botpress.GetAsync($"{Integrations}/{id}/logs?timeStart={Epoch}&timeEnd=soon").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "timeEnd");
        await botpress.GetAsync($"{Integrations}/intver_missing/logs?timeStart={Epoch}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await otherWorkspace.GetAsync($"{Integrations}/{id}/logs?timeStart={Epoch}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
    }
}
