using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emulator.Hosting;

namespace Emulator.Tests.Hosting;

/// <summary>The intended use of the in-process emulator, in a few lines.</summary>
public sealed class InProcessUsageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_shared_fixture_hands_out_a_ready_botpress_client()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var hub = await botpress.GetFromJsonAsync<JsonObject>("v1/admin/hub/integrations?limit=5");

        hub!["integrations"]!.AsArray().Should().HaveCount(5);
    }

    [Fact]
    public async Task Kestrel_mode_listens_on_a_free_loopback_port_for_other_processes()
    {
        await using var emulator = await IntegrationsEmulator.StartOnKestrelAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        var health = await http.GetFromJsonAsync<JsonObject>("_emulator/health");

        emulator.BaseAddress.Host.Should().Be("127.0.0.1");
        emulator.BaseAddress.Port.Should().BeGreaterThan(0);
        health!["status"]!.GetValue<string>().Should().Be("ok");
        health["vendors"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain("botpress");
    }

    [Fact]
    public async Task Writes_in_one_tenant_are_invisible_to_another()
    {
        using var alice = fixture.Emulator.CreateBotpressClient();
        using var bob = fixture.Emulator.CreateBotpressClient();

        var created = await alice.PostAsJsonAsync("v1/admin/integrations", new { name = "isolation-check", version = "1.0.0" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["integration"]!["id"]!.GetValue<string>();

        (await alice.GetAsync($"v1/admin/integrations/{id}")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await bob.GetAsync($"v1/admin/integrations/{id}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
