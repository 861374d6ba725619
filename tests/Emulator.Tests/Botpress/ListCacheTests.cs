using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>
/// List items are rendered once and kept on their version until the tenant's next write: what a write changes around an
/// item (its name's icon, its owner's handle, its install count) shows on the next page, and reads write nothing.
/// </summary>
public sealed class ListCacheTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Reads_leave_the_tenant_unwritten_and_a_new_workspace_id_is_written_once()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        await botpress.GetAsync(Integrations).OkJsonAsync();
        var state = StateOf(fixture.Emulator, botpress);
        var version = state.Read(s => s.Version);

        await botpress.GetAsync(Integrations).OkJsonAsync();
        await botpress.GetAsync($"{Hub}?limit=5").OkJsonAsync();
        await botpress.GetAsync("v1/admin/bots").OkJsonAsync();
        await botpress.GetAsync($"v1/admin/workspaces/{WorkspaceOf(botpress)}").OkJsonAsync();

        state.Read(s => s.Version).Should().Be(version, "the workspace of x-workspace-id is created on its first request only");
    }

    [Fact]
    public async Task A_new_icon_shows_on_the_listed_items_of_every_version_of_the_name()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        await CreateAsync(botpress, name, "1.0.0", new JsonObject { ["icon"] = Svg("#111111") });
        var first = Str(IntegrationsOf(await botpress.GetAsync(Integrations).OkJsonAsync()).Single()["iconUrl"]);

        await CreateAsync(botpress, name, "2.0.0", new JsonObject { ["icon"] = Svg("#222222") });

        var listed = IntegrationsOf(await botpress.GetAsync(Integrations).OkJsonAsync());
        listed.Select(i => Str(i["iconUrl"])).Should().HaveCount(2).And.OnlyContain(url => url != first && url == Str(listed[1]["iconUrl"]));
    }

    [Fact]
    public async Task Hub_items_show_their_owner_handle_and_install_count_as_they_change()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var url = $"{Hub}?name=emulator%2Fcrm-sync";
        var before = IntegrationsOf(await botpress.GetAsync(url).OkJsonAsync()).Single();
        Str(before["ownerWorkspace"]!["handle"]).Should().Be("emulator");

        var handle = "cache-" + Guid.NewGuid().ToString("N")[..8];
        await botpress.PutJsonAsync($"v1/admin/workspaces/{BotpressDefaults.WorkspaceId}", new JsonObject { ["handle"] = handle }).OkJsonAsync();
        var bot = Str((await botpress.PostJsonAsync("v1/admin/bots", new JsonObject { ["name"] = "cache" }).OkJsonAsync())["bot"]!["id"]);
        await botpress.PutJsonAsync($"v1/admin/bots/{bot}", new JsonObject
        {
            ["integrations"] = new JsonObject { ["crm"] = new JsonObject { ["integrationId"] = IdOf(before) } },
        }).OkJsonAsync();

        var after = IntegrationsOf(await botpress.GetAsync(url).OkJsonAsync()).Single();
        Str(after["ownerWorkspace"]!["handle"]).Should().Be(handle);
        after["meta"]!["installs"]!.GetValue<long>().Should().Be(before["meta"]!["installs"]!.GetValue<long>() + 1);
    }

    private static string Svg(string color) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"{color}\"/></svg>"));
}
