using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>Botpress state through a snapshot: integrations (created, updated), integration API keys, shareable ids.</summary>
public sealed class StateBotpressTests
{
    [Fact]
    public async Task Botpress_writes_survive_export_import_export_byte_for_byte_and_serve_from_a_fresh_emulator()
    {
        await using var emulator = await StartFrozenAsync();
        using var botpress = emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var id = IdOf(await CreateAsync(botpress, name));
        await CreateAsync(botpress, name, "1.1.0");
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["title"] = "Changed title" }).OkJsonAsync();
        var key = await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = id, ["note"] = "state" }).OkJsonAsync();
        using var home = emulator.CreateBotpressClient(TokenOf(botpress));
        var bot = "v1/admin/bots/" + BotpressDefaults.BotId;
        var installed = IdOf(IntegrationsOf(await home.GetAsync($"{Hub}?installedByBotId={BotpressDefaults.BotId}").OkJsonAsync())[0]);
        var shareable = Str((await home.PostJsonAsync($"{bot}/integrations/{installed}/shareable-id", new JsonObject()).OkJsonAsync())["shareableId"]);

        var snapshot = await RoundTripAsync(emulator);

        var tenant = TenantOf(snapshot, "botpress", TokenOf(botpress));
        tenant["integrations"]!.AsArray().Single(i => Str(i!["id"]) == id)!["title"]!.GetValue<string>().Should().Be("Changed title");
        tenant["integrationApiKeys"]!.AsObject().Select(k => Str(k.Value!["value"])).Should().Contain(Str(key["value"]));
        AliasesOf(snapshot, "botpress")[Str(key["value"])]!.GetValue<string>().Should().Be(IntegrationsEmulator.TenantKeyOf(TokenOf(botpress)));

        await using var fresh = await StartFrozenAsync();
        await ImportAsync(fresh, snapshot);
        ShouldBeSameBytes(await GetStateAsync(fresh), snapshot);

        using var again = fresh.CreateBotpressClient(TokenOf(botpress), WorkspaceOf(botpress));
        Str((await GetIntegrationAsync(again, id))["title"]).Should().Be("Changed title");
        IntegrationsOf(await again.GetAsync($"{Integrations}?name={name}").OkJsonAsync()).Should().HaveCount(2);
        using var asKey = fresh.CreateBotpressClient(Str(key["value"]), WorkspaceOf(botpress));
        IdOf(await GetIntegrationAsync(asKey, id)).Should().Be(id, "the minted key is an alias of its tenant after the import");
        using var homeAgain = fresh.CreateBotpressClient(TokenOf(botpress));
        Str((await homeAgain.GetAsync($"{bot}/integrations/{installed}/shareable-id").OkJsonAsync())["shareableId"]).Should().Be(shareable);

        // New writes continue from the imported sequence: a new version sorts after the imported ones.
        await CreateAsync(again, name, "2.0.0");
        IntegrationsOf(await again.GetAsync($"{Integrations}?name={name}").OkJsonAsync()).Should().HaveCount(3);
    }
}
