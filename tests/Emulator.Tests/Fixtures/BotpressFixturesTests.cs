using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.Fixtures;

public sealed class BotpressFixturesTests
{
    private static readonly string Examples = Path.Combine(RepositoryRoot(), "fixtures", "examples", "botpress");

    [Fact]
    public async Task The_example_fixture_adds_workspaces_integrations_and_bots_to_every_tenant()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = Examples });
        using var acme = emulator.CreateBotpressClient(workspaceId: "wkspace_01JACMEFIXTUREWORKSPACE00");

        var orders = await acme.GetFromJsonAsync<JsonObject>("v1/admin/integrations/acme%2Forders/latest");
        var installed = await acme.GetFromJsonAsync<JsonObject>("v1/admin/hub/integrations?installedByBotId=bot_01JACMEFIXTUREBOT00000000");

        orders!["integration"]!["version"]!.GetValue<string>().Should().Be("1.2.0");
        orders["integration"]!["verificationStatus"]!.GetValue<string>().Should().Be("approved");
        orders["integration"]!["secrets"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("ACME_API_KEY");
        installed!["integrations"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["acme/orders", "telegram"]);

        // The fixture's bot is a bot of its workspace like any other: listed, and its instances keyed by alias with the header.
        var bots = await acme.GetFromJsonAsync<JsonObject>("v1/admin/bots");
        acme.DefaultRequestHeaders.Add("x-multiple-integrations", "true");
        var bot = await acme.GetFromJsonAsync<JsonObject>("v1/admin/bots/bot_01JACMEFIXTUREBOT00000000");
        var workspace = await acme.GetFromJsonAsync<JsonObject>("v1/admin/workspaces/wkspace_01JACMEFIXTUREWORKSPACE00");
        bots!["bots"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).Should().Equal("bot_01JACMEFIXTUREBOT00000000");
        bot!["bot"]!["name"]!.GetValue<string>().Should().Be("Acme Support");
        bot["bot"]!["integrations"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["orders", "telegram"]);
        workspace!["handle"]!.GetValue<string>().Should().Be("acme");
        workspace["botCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Fixture_ids_are_the_same_on_every_start_with_the_same_seed()
    {
        var first = await OrdersIdAsync();
        var second = await OrdersIdAsync();

        first.Should().Be(second).And.StartWith("intver_");
    }

    [Theory]
    [InlineData("""{"integrations":[{"integration":{"name":"ok-name","version":"1.0"}}]}""", "integrations[0].integration: version: \"1.0\" is not a semantic version")]
    [InlineData("""{"integrations":[{"integration":{"version":"1.0.0"}}]}""", "integrations[0].integration.name: is required")]
    [InlineData("""{"bots":[{"id":"bot_01JFIXTUREBROKEN00000000000","name":"B","installed":{"x":"nope@latest"}}]}""", "bots[0].installed.x: Integration \"nope\" has no version")]
    [InlineData("""{"bots":[{"id":"bot_short","name":"B"}]}""", "bots[0].id: must be at least 28 characters")]
    [InlineData("""{"workspaces":[{"id":"wkspace_fixture_taken_handle","name":"W","handle":"emulator"}]}""", "workspaces[0].handle: handle \"emulator\" is the handle of workspace")]
    [InlineData("""{"workspace":[]}""", "workspace: is not an allowed property")]
    [InlineData("""{"integrations": [""", "is not valid JSON")]
    public async Task A_broken_fixture_is_refused_with_file_path_and_reason(string content, string expected)
    {
        var directory = Directory.CreateTempSubdirectory("fixtures-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "botpress.json"), content);
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = directory.FullName });

        var refuse = () => emulator.Services.PrepareTemplates();

        refuse.Should().Throw<InvalidDataException>().WithMessage($"*{Path.Combine(directory.FullName, "botpress.json")}*{expected}*");
        directory.Delete(recursive: true);
    }

    private static async Task<string> OrdersIdAsync()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = Examples });
        using var acme = emulator.CreateBotpressClient(workspaceId: "wkspace_01JACMEFIXTUREWORKSPACE00");
        var orders = await acme.GetFromJsonAsync<JsonObject>("v1/admin/integrations/acme%2Forders/1.2.0");
        return orders!["integration"]!["id"]!.GetValue<string>();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Emulator.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Emulator.sln not found above the test binaries.");
    }
}
