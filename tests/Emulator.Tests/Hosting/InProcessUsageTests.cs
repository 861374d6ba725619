using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationsApiEmulator.Tests.Hosting;

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
    public void Options_validate_responses_unless_turned_off_also_when_other_options_are_set()
    {
        EmulatorOptions.Default.ValidateResponses.Should().BeTrue();
        (EmulatorOptions.Default with { Seed = 7 }).ValidateResponses.Should().BeTrue();
        (EmulatorOptions.Default with { ValidateResponses = false }).ValidateResponses.Should().BeFalse();
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

    [Fact]
    public async Task An_override_gives_one_test_the_odd_answer_it_needs()
    {
        // A path no other test requests keeps the shared emulator's other tests unaffected.
        var id = "intver_" + Guid.NewGuid().ToString("N");
        var installed = fixture.Emulator.AddOverride(
            Request.Create().WithPath($"/botpress/v1/admin/integrations/{id}").UsingGet(),
            Response.Create().WithStatusCode(503).WithHeader("Retry-After", "1")
                .WithBodyAsJson(new { id = "err_20240501000000x00000001", code = 503, type = "Internal", message = "try again later" }));
        try
        {
            using var botpress = fixture.Emulator.CreateBotpressClient();

            using var response = await botpress.GetAsync($"v1/admin/integrations/{id}");

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        }
        finally
        {
            fixture.Emulator.RemoveOverride(installed.Guid);
        }
    }

    [Fact]
    public async Task The_control_plane_in_process_fixtures_faults_journal_clock_state_and_reset()
    {
        // Reset and fixtures for every tenant are global: a test that uses them starts its own emulator.
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.LoadFixtures("""{"botpress":{"integrations":[{"integration":{"name":"in-process-weather","version":"1.0.0"}}]}}""");
        emulator.AddFault(new FaultRule { Vendor = "gitbook", Path = "/v1/user", Status = 503, Times = 1 });
        emulator.Clock.Freeze();
        using var botpress = emulator.CreateBotpressClient();
        using var gitbook = emulator.CreateGitBookClient();

        (await botpress.GetAsync("v1/admin/integrations/in-process-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        emulator.GetRequests(new JournalQuery { Vendor = "gitbook", Status = 503 }).Should().ContainSingle();
        var before = emulator.Clock.GetUtcNow();
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        emulator.Clock.GetUtcNow().Should().Be(before.AddHours(1));
        var snapshot = emulator.ExportState();

        emulator.Reset();

        (await botpress.GetAsync("v1/admin/integrations/in-process-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        emulator.ImportState(snapshot);
        (await botpress.GetAsync("v1/admin/integrations/in-process-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
