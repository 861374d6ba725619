using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using BotpressKit = IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;
using GitBookKit = IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;
using MembraneKit = IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// What an installed fault does to vendor requests: a status in each vendor's envelope, a delay, an abort, seeded
/// probabilities, a count that runs out, and the selectors. Each test starts its own emulator (rules are global).
/// </summary>
public sealed class FaultEffectTests
{
    [Fact]
    public async Task A_botpress_fault_status_comes_in_the_botpress_envelope()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Vendor = "botpress", Status = 503 });
        emulator.AddFault(new FaultRule { Vendor = "botpress", Method = "POST", Status = 429 });
        using var botpress = emulator.CreateBotpressClient();

        await BotpressKit.ShouldFailAsync(botpress.GetAsync("v1/admin/integrations"), HttpStatusCode.ServiceUnavailable, "Internal", "fault_1", "GET /botpress/v1/admin/integrations");
        emulator.RemoveFault("fault_1");
        await BotpressKit.ShouldFailAsync(botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "x", version = "1.0.0" }), (HttpStatusCode)429, "RateLimited", "fault_2");
    }

    [Fact]
    public async Task A_gitbook_fault_status_comes_in_the_gitbook_envelope()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Vendor = "gitbook", Path = "/v1/integrations*", Status = 503 });
        using var gitbook = emulator.CreateGitBookClient();

        await GitBookKit.ShouldFailAsync(gitbook.GetAsync("v1/integrations?limit=2"), HttpStatusCode.ServiceUnavailable, "fault_1");
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.OK, "the path does not match");
    }

    [Fact]
    public async Task A_membrane_fault_status_comes_in_the_membrane_envelope()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Vendor = "membrane", Method = "GET", Path = "/integrations", Status = 503, Times = 1 });
        emulator.AddFault(new FaultRule { Vendor = "membrane", Status = 404, Times = 1 });
        using var membrane = emulator.CreateMembraneClient();

        await MembraneKit.ShouldFailAsync(membrane.GetAsync("integrations"), HttpStatusCode.ServiceUnavailable, "internal", null, "fault_1");
        await MembraneKit.ShouldFailAsync(membrane.GetAsync("integrations"), HttpStatusCode.NotFound, "bad_request", "not_found", "fault_2");
        (await membrane.GetAsync("integrations")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_delay_waits_then_lets_the_request_through_and_is_journaled()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Vendor = "gitbook", DelayMs = 300 });
        using var gitbook = emulator.CreateGitBookClient();

        var watch = Stopwatch.StartNew();
        using var response = await gitbook.GetAsync("v1/user");

        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(280));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entry = emulator.GetRequests().Single();
        entry.Fault.Should().Be("fault_1");
        entry.Status.Should().Be(200);
        entry.DurationMs.Should().BeGreaterThan(280);
    }

    [Fact]
    public async Task A_delay_then_a_status()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { DelayMs = 200, Status = 502 });
        using var membrane = emulator.CreateMembraneClient();

        var watch = Stopwatch.StartNew();
        await MembraneKit.ShouldFailAsync(membrane.GetAsync("integrations"), HttpStatusCode.BadGateway, "internal", null);

        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(180));
    }

    [Theory]
    [InlineData("botpress")]
    [InlineData("gitbook")]
    [InlineData("membrane")]
    public async Task Abort_closes_the_connection_and_the_client_gets_an_HttpRequestException(string vendor)
    {
        await using var emulator = await IntegrationsEmulator.StartOnKestrelAsync();
        emulator.AddFault(new FaultRule { Vendor = vendor, Abort = true, Times = 1 });
        using var client = vendor switch
        {
            "botpress" => emulator.CreateBotpressClient(),
            "gitbook" => emulator.CreateGitBookClient(),
            _ => emulator.CreateMembraneClient(),
        };
        var path = vendor switch { "botpress" => "v1/admin/integrations", "gitbook" => "v1/integrations", _ => "integrations" };

        await client.Invoking(c => c.GetAsync(path)).Should().ThrowAsync<HttpRequestException>();

        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, "times: 1 is used up");
        var aborted = emulator.GetRequests(new JournalQuery { Status = 0 }).Single();
        aborted.Fault.Should().Be("fault_1");
        aborted.ResponseBody.Should().BeNull();
    }

    [Fact]
    public async Task Abort_on_TestServer_fails_the_call_with_TestServer_s_own_exception()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Abort = true });
        using var gitbook = emulator.CreateGitBookClient();

        // No socket to close: TestServer's handler reports an aborted request as an OperationCanceledException.
        (await gitbook.Invoking(c => c.GetAsync("v1/user")).Should().ThrowAsync<OperationCanceledException>())
            .Which.Message.Should().Contain("aborted");
        emulator.GetRequests().Single().Status.Should().Be(0);
    }

    [Fact]
    public async Task Probabilities_draw_from_the_seed_so_two_emulators_hit_the_same_requests()
    {
        async Task<string> PatternAsync(int seed)
        {
            await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = seed });
            emulator.AddFault(new FaultRule { Vendor = "gitbook", Status = 503, Probability = 0.5 });
            using var gitbook = emulator.CreateGitBookClient();
            var pattern = "";
            for (var i = 0; i < 40; i++)
            {
                using var response = await gitbook.GetAsync("v1/user");
                pattern += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 'x' : '.';
            }
            emulator.GetFaults().Single().Hits.Should().Be(pattern.Count(c => c == 'x'));
            return pattern;
        }

        var first = await PatternAsync(EmulatorOptions.DefaultSeed);
        var second = await PatternAsync(EmulatorOptions.DefaultSeed);
        var otherSeed = await PatternAsync(EmulatorOptions.DefaultSeed + 1);

        second.Should().Be(first);
        first.Should().Contain("x").And.Contain(".");
        first.Count(c => c == 'x').Should().BeInRange(8, 32);
        otherSeed.Should().NotBe(first);
    }

    [Fact]
    public async Task Times_counts_down_and_the_rule_stops_matching_at_zero()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        await control.AddFaultAsync("""{"vendor":"botpress","status":500,"times":2}""");
        using var botpress = emulator.CreateBotpressClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await botpress.GetAsync("v1/admin/integrations")).StatusCode);

        statuses.Should().Equal(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK);
        var rule = (await control.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("_emulator/faults/fault_1"))!;
        rule["hits"]!.GetValue<long>().Should().Be(2);
        rule["remaining"]!.GetValue<int>().Should().Be(0);
        emulator.GetRequests().Select(e => e.Fault).Should().Equal(null, null, "fault_1", "fault_1");
    }

    [Fact]
    public async Task Selectors_match_vendor_method_and_path_glob()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Vendor = "botpress", Method = "GET", Path = "/v1/admin/integrations/*", Status = 418 });
        using var botpress = emulator.CreateBotpressClient();
        using var gitbook = emulator.CreateGitBookClient();

        (await botpress.GetAsync("v1/admin/integrations")).StatusCode.Should().Be(HttpStatusCode.OK, "the glob wants something after the slash");
        (await botpress.GetAsync("v1/admin/integrations/intver_x")).StatusCode.Should().Be((HttpStatusCode)418);
        (await botpress.GetAsync("v1/admin/integrations/name/emulator%2Fcrm-sync/1.0.0")).StatusCode.Should().Be((HttpStatusCode)418, "* crosses /");
        (await botpress.DeleteAsync("v1/admin/integrations/intver_x")).StatusCode.Should().NotBe((HttpStatusCode)418, "another method");
        (await gitbook.GetAsync("v1/admin/integrations/x")).StatusCode.Should().NotBe((HttpStatusCode)418, "another vendor");
    }

    [Fact]
    public async Task The_first_rule_that_fires_wins_and_a_rule_that_does_not_fire_lets_the_next_one_try()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddFault(new FaultRule { Status = 500, Probability = 0 });
        emulator.AddFault(new FaultRule { Status = 502, Times = 1 });
        emulator.AddFault(new FaultRule { Status = 504 });
        using var gitbook = emulator.CreateGitBookClient();

        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        emulator.GetFaults().Select(f => f.Hits).Should().Equal(0, 1, 1);
    }
}
