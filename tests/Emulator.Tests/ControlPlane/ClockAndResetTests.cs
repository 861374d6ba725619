using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>The clock, reset and tenants routes, and their in-process twins. Each test starts its own emulator (reset is global).</summary>
public sealed class ClockAndResetTests
{
    [Fact]
    public async Task Clock_routes_read_freeze_advance_set_and_unfreeze()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        (await ClockAsync(http, """{"freeze":true}""")).frozen.Should().BeTrue();
        var frozenAt = DateTimeOffset.Parse((await GetClockAsync(http)).now);
        var advanced = await ClockAsync(http, """{"advance":"PT1H30M"}""");
        DateTimeOffset.Parse(advanced.now).Should().Be(frozenAt.AddMinutes(90));
        var set = await ClockAsync(http, """{"set":"2030-01-01T00:00:00Z"}""");
        set.now.Should().Be("2030-01-01T00:00:00.000Z");
        (await ClockAsync(http, """{"freeze":false}""")).frozen.Should().BeFalse();
        emulator.Clock.GetUtcNow().Should().BeOnOrAfter(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Real_goes_back_to_the_machines_time_from_a_frozen_and_moved_clock()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();
        await ClockAsync(http, """{"freeze":true}""");
        await ClockAsync(http, """{"set":"2030-01-01T00:00:00Z"}""");
        var real = await ClockAsync(http, """{"real":true}""");
        real.frozen.Should().BeFalse();
        DateTimeOffset.Parse(real.now).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));
        emulator.Clock.IsFrozen.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{}""", "exactly one of freeze, advance, set or real")]
    [InlineData("""{"freeze":true,"advance":"PT1H"}""", "exactly one of")]
    [InlineData("""{"freeze":"yes"}""", "freeze: must be true or false")]
    [InlineData("""{"advance":"1h"}""", "advance: \"1h\" is not an ISO 8601 duration")]
    [InlineData("""{"advance":"-PT1H"}""", "advance: \"-PT1H\" must be a positive duration")]
    [InlineData("""{"set":"tomorrow"}""", "set: \"tomorrow\" is not an ISO 8601 date-time")]
    [InlineData("""{"real":false}""", "real: must be true")]
    [InlineData("""{"set":""", "body: not valid JSON")]
    public async Task Bad_clock_changes_are_400_naming_the_field(string body, string message)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var response = await http.PostAsync("_emulator/clock", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>().Should().Contain(message);
    }

    [Fact]
    public async Task With_a_host_supplied_clock_the_clock_routes_refuse_with_409()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Clock = TimeProvider.System });
        using var http = emulator.CreateClient();

        (await http.GetAsync("_emulator/clock")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var clock = () => emulator.Clock;
        clock.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task Timestamps_follow_the_clock()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.Clock.Set(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        emulator.Clock.Freeze();
        using var botpress = emulator.CreateBotpressClient();

        var created = await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "clocked", version = "1.0.0" });

        (await created.Content.ReadFromJsonAsync<JsonObject>())!["integration"]!["createdAt"]!.GetValue<string>().Should().Be("2031-03-04T05:06:07.000Z");
    }

    [Fact]
    public async Task A_scheduled_gitbook_task_fires_when_the_clock_is_advanced_past_it()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();
        using var gitbook = emulator.CreateGitBookClient();
        emulator.Clock.Freeze();

        (await gitbook.PostAsJsonAsync("v1/integrations/slack/tasks", new { task = new { kind = "later" }, schedule = 3600 })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await TaskEventsAsync(gitbook)).Should().BeEmpty();

        await ClockAsync(http, """{"advance":"PT59M"}""");
        await Task.Delay(100);
        (await TaskEventsAsync(gitbook)).Should().BeEmpty();

        await ClockAsync(http, """{"advance":"PT2M"}""");
        var events = await PollAsync(() => TaskEventsAsync(gitbook));
        events.Should().ContainSingle().Which["payload"]!["task"]!["kind"]!.GetValue<string>().Should().Be("later");
    }

    [Fact]
    public async Task Reset_returns_every_tenant_to_the_seeded_template()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();
        using var botpress = emulator.CreateBotpressClient();
        var id = await CreateBotpressIntegrationAsync(botpress);

        (await http.PostAsync("_emulator/reset", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await botpress.GetAsync($"v1/admin/integrations/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await botpress.GetAsync("v1/admin/integrations/emulator%2Fcrm-sync/latest")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reset_of_one_vendor_or_one_tenant_leaves_the_others()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();
        var aliceToken = IntegrationsEmulator.NewToken("bp_");
        using var alice = emulator.CreateBotpressClient(aliceToken);
        using var bob = emulator.CreateBotpressClient();
        using var gitbook = emulator.CreateGitBookClient();
        var aliceId = await CreateBotpressIntegrationAsync(alice);
        var bobId = await CreateBotpressIntegrationAsync(bob);
        var published = await gitbook.PostAsJsonAsync("v1/integrations/kept-on-reset", new { organization = "emulator-org", title = "Kept", description = "d", script = "s", scopes = Array.Empty<string>() });
        published.EnsureSuccessStatusCode();

        (await http.PostAsJsonAsync("_emulator/reset", new { vendor = "botpress", tenant = IntegrationsEmulator.TenantKeyOf(aliceToken) })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await alice.GetAsync($"v1/admin/integrations/{aliceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await bob.GetAsync($"v1/admin/integrations/{bobId}")).StatusCode.Should().Be(HttpStatusCode.OK);

        emulator.Reset("botpress");
        (await bob.GetAsync($"v1/admin/integrations/{bobId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await gitbook.GetAsync("v1/integrations/kept-on-reset")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"vendor":"nope"}""", HttpStatusCode.BadRequest, "vendor: \"nope\" is not one of")]
    [InlineData("""{"vendor":1}""", HttpStatusCode.BadRequest, "vendor: must be a string")]
    [InlineData("""{"tenant":"t_missing"}""", HttpStatusCode.NotFound, "tenant: no tenant \"t_missing\"")]
    [InlineData("""[1]""", HttpStatusCode.BadRequest, "body: must be a JSON object")]
    public async Task Bad_resets_name_what_is_wrong(string body, HttpStatusCode status, string message)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var response = await http.PostAsync("_emulator/reset", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(status);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>().Should().Contain(message);
    }

    [Fact]
    public async Task Tenants_lists_each_vendors_tenants_with_counts_and_never_the_credential()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();
        var token = IntegrationsEmulator.NewToken("bp_");
        using var botpress = emulator.CreateBotpressClient(token);
        await CreateBotpressIntegrationAsync(botpress);

        var text = await http.GetStringAsync("_emulator/tenants");
        var tenants = JsonNode.Parse(text)!.AsObject();

        text.Should().NotContain(token);
        tenants.Select(p => p.Key).Should().BeEquivalentTo(["botpress", "gitbook", "membrane"]);
        var mine = tenants["botpress"]!.AsArray().Single(t => t!["tenant"]!.GetValue<string>() == IntegrationsEmulator.TenantKeyOf(token))!;
        mine["counts"]!["integrations"]!.GetValue<int>().Should().BeGreaterThan(30);
    }

    [Fact]
    public async Task Reset_is_fast_enough_to_call_before_every_test()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();
        using var botpress = emulator.CreateBotpressClient();
        await CreateBotpressIntegrationAsync(botpress);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) (await http.PostAsync("_emulator/reset", null)).EnsureSuccessStatusCode();

        // A generous bound: a reset drops tenants; the next request re-seeds from the cached template.
        (watch.Elapsed / 20).Should().BeLessThan(TimeSpan.FromMilliseconds(200));
    }

    private static async Task<(string now, bool frozen)> GetClockAsync(HttpClient http)
    {
        var json = await http.GetFromJsonAsync<JsonObject>("_emulator/clock");
        return (json!["now"]!.GetValue<string>(), json["frozen"]!.GetValue<bool>());
    }

    private static async Task<(string now, bool frozen)> ClockAsync(HttpClient http, string body)
    {
        var response = await http.PostAsync("_emulator/clock", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (json!["now"]!.GetValue<string>(), json["frozen"]!.GetValue<bool>());
    }

    private static async Task<List<JsonNode>> TaskEventsAsync(HttpClient gitbook)
    {
        var events = await gitbook.GetFromJsonAsync<JsonObject>("v1/integrations/slack/events?limit=100");
        return [.. events!["items"]!.AsArray().Where(e => e!["payload"]!["type"]!.GetValue<string>() == "task").Select(e => e!)];
    }

    private static async Task<List<JsonNode>> PollAsync(Func<Task<List<JsonNode>>> read)
    {
        for (var i = 0; i < 50; i++)
        {
            var items = await read();
            if (items.Count > 0) return items;
            await Task.Delay(50);
        }
        return await read();
    }

    private static async Task<string> CreateBotpressIntegrationAsync(HttpClient botpress)
    {
        var response = await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "reset-" + Guid.NewGuid().ToString("N")[..8], version = "1.0.0" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["integration"]!["id"]!.GetValue<string>();
    }
}
