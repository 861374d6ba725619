using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>Tenants share the template's stored definitions (they are never changed in place): an update stays in its tenant.</summary>
public sealed class TenantCopyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Updating_a_seeded_integration_changes_it_in_one_tenant_only()
    {
        using var mine = fixture.Emulator.CreateBotpressClient();
        using var other = fixture.Emulator.CreateBotpressClient();
        var seeded = await mine.GetAsync($"{Integrations}/emulator%2Fweather/0.4.0").OkJsonAsync();
        var id = seeded["integration"]!["id"]!.GetValue<string>();
        var actions = new JsonObject { ["forecast"] = new JsonObject { ["title"] = "Forecast", ["input"] = Schema(), ["output"] = Schema() } };

        await mine.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["actions"] = actions, ["layers"] = new JsonArray("mine") }).OkJsonAsync();

        var changed = (await mine.GetAsync($"{Integrations}/{id}").OkJsonAsync())["integration"]!;
        var untouched = (await other.GetAsync($"{Integrations}/{id}").OkJsonAsync())["integration"]!;
        changed["actions"]!.AsObject().ContainsKey("forecast").Should().BeTrue();
        untouched["actions"]!.ToJsonString().Should().Be(seeded["integration"]!["actions"]!.ToJsonString());
        using var later = fixture.Emulator.CreateBotpressClient();
        (await later.GetAsync($"{Integrations}/{id}").OkJsonAsync())["integration"]!["actions"]!.AsObject().ContainsKey("forecast").Should().BeFalse();
    }

    private static JsonObject Schema() => new() { ["schema"] = new JsonObject { ["type"] = "object" } };
}
