using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// <c>GET/DELETE /_emulator/requests</c> and the in-process journal: what an entry holds, filters, the ring bound,
/// truncation. Each test starts its own emulator, so the journal holds only its own requests.
/// </summary>
public sealed class JournalTests
{
    [Fact]
    public async Task An_entry_holds_the_request_and_the_response_the_client_got()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 2, 3, 4, 5, 6, 789, TimeSpan.Zero));
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Clock = clock });
        using var control = emulator.CreateClient();
        var token = IntegrationsEmulator.NewToken("bp_pat_");
        using var botpress = emulator.CreateBotpressClient(token);

        using var created = await botpress.PostAsJsonAsync("v1/admin/integrations?dry=1", new { name = "journaled", version = "1.0.0" });
        var responseText = await created.Content.ReadAsStringAsync();

        var entry = (await control.RequestsAsync()).Single()!.AsObject();
        entry.Select(p => p.Key).Should().Equal(
            "id", "time", "vendor", "tenant", "method", "path", "query", "status", "durationMs", "requestHeaders",
            "requestBody", "requestBodyTruncated", "responseBody", "responseBodyTruncated", "fault", "override");
        entry["id"]!.GetValue<long>().Should().Be(1);
        entry["time"].Str().Should().Be("2031-02-03T04:05:06.789Z");
        entry["vendor"].Str().Should().Be("botpress");
        entry["tenant"].Str().Should().Be(IntegrationsEmulator.TenantKeyOf(token));
        entry["method"].Str().Should().Be("POST");
        entry["path"].Str().Should().Be("/botpress/v1/admin/integrations");
        entry["query"].Str().Should().Be("?dry=1");
        entry["status"]!.GetValue<int>().Should().Be((int)created.StatusCode);
        entry["durationMs"]!.GetValue<double>().Should().BeGreaterThan(0);
        entry["requestHeaders"]!["x-workspace-id"].Str().Should().Be(BotpressWorkspace);
        entry["requestBody"].Str().Should().Be("""{"name":"journaled","version":"1.0.0"}""");
        entry["requestBodyTruncated"]!.GetValue<bool>().Should().BeFalse();
        entry["responseBody"].Str().Should().Be(responseText);
        entry["responseBodyTruncated"]!.GetValue<bool>().Should().BeFalse();
        entry["fault"].Should().BeNull();
    }

    [Fact]
    public async Task Only_vendor_requests_are_journaled_newest_first()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        using var gitbook = emulator.CreateGitBookClient();
        using var membrane = emulator.CreateMembraneClient();

        await gitbook.GetAsync("v1/integrations?limit=1");
        await control.GetAsync("_emulator/health");
        await membrane.GetAsync("integrations");
        await control.GetAsync("_emulator/tenants");
        await control.GetAsync("no-such-route");

        var requests = await control.RequestsAsync();
        requests.Select(r => r!["path"].Str()).Should().Equal("/membrane/integrations", "/gitbook/v1/integrations");
        requests.Select(r => r!["id"]!.GetValue<long>()).Should().Equal(2, 1);
    }

    [Fact]
    public async Task A_request_a_fault_or_an_override_answered_carries_the_tenant_of_its_credential()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var gitbookToken = IntegrationsEmulator.NewToken("gb_");
        var membraneToken = IntegrationsEmulator.NewToken("pat-");
        using var gitbook = emulator.CreateGitBookClient(gitbookToken);
        using var membrane = emulator.CreateMembraneClient(membraneToken);
        emulator.AddFault(new FaultRule { Vendor = "gitbook", Path = "/v1/user", Status = 503 });
        emulator.AddOverrides("""{"Request":{"Path":"/membrane/integrations/overridden","Methods":["GET"]},"Response":{"StatusCode":200,"BodyAsJson":{"id":"overridden"}}}""");
        using var anonymous = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.VendorBaseAddress("gitbook") };

        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await membrane.GetAsync("integrations/overridden")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        var entries = emulator.GetRequests();
        entries.Single(e => e.Vendor == "gitbook" && e.RequestHeaders.ContainsKey("Authorization")).Tenant.Should().Be(IntegrationsEmulator.TenantKeyOf(gitbookToken));
        entries.Single(e => e.Vendor == "membrane").Should().Match<JournalEntry>(e => e.Override != null && e.Tenant == IntegrationsEmulator.TenantKeyOf(membraneToken));
        entries.Single(e => e.Vendor == "gitbook" && !e.RequestHeaders.ContainsKey("Authorization")).Tenant.Should().BeNull("no credential, no tenant");
    }

    [Fact]
    public async Task A_request_that_failed_authentication_has_no_tenant_and_keeps_its_unread_body()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        using var anonymous = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.VendorBaseAddress("gitbook") };

        using var response = await anonymous.PostAsync("v1/integrations/x", new StringContent("""{"title":"never read"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var entry = (await control.RequestsAsync()).Single()!;
        entry["tenant"].Should().BeNull();
        entry.AsObject().ContainsKey("tenant").Should().BeTrue("a null tenant is written, not left out");
        entry["status"]!.GetValue<int>().Should().Be(401);
        entry["requestBody"].Str().Should().Be("""{"title":"never read"}""");
        entry["responseBody"].Str().Should().Contain("\"code\":401");
    }

    [Fact]
    public async Task Filters_select_by_vendor_tenant_method_path_and_status()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        var alice = IntegrationsEmulator.NewToken("bp_pat_");
        using var botpress = emulator.CreateBotpressClient(alice);
        using var otherBotpress = emulator.CreateBotpressClient();
        using var gitbook = emulator.CreateGitBookClient();

        await botpress.GetAsync("v1/admin/integrations?limit=1");                            // 1
        await botpress.GetAsync("v1/admin/integrations/intver_nope");                        // 2: 404
        await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "f", version = "1.0.0" }); // 3
        await otherBotpress.GetAsync("v1/admin/hub/integrations?limit=1");                   // 4
        await gitbook.GetAsync("v1/integrations?limit=1");                                   // 5
        await gitbook.GetAsync("v1/orgs/nope");                                              // 6: 404

        async Task<long[]> Ids(string query) => [.. (await control.RequestsAsync(query)).Select(r => r!["id"]!.GetValue<long>())];

        (await Ids("?vendor=gitbook")).Should().Equal(6, 5);
        (await Ids("?tenant=" + IntegrationsEmulator.TenantKeyOf(alice))).Should().Equal(3, 2, 1);
        (await Ids("?method=post")).Should().Equal(3);
        (await Ids("?status=404")).Should().Equal(6, 2);
        (await Ids("?path=/botpress/v1/admin/integrations*")).Should().Equal(3, 2, 1);
        (await Ids("?path=/v1/admin/*/integrations")).Should().Equal(4);          // relative to the vendor prefix
        (await Ids("?path=/v1/integrations")).Should().Equal(5);                  // no wildcard: the exact path
        (await Ids("?vendor=botpress&method=GET&status=200")).Should().Equal(4, 1);
        (await Ids("?limit=2")).Should().Equal(6, 5);
        (await Ids("?vendor=&tenant=&limit=")).Should().HaveCount(6, "empty values are no filter");
        (await Ids("?status=0")).Should().BeEmpty();

        emulator.GetRequests(new JournalQuery { Vendor = "botpress", Status = 200, Limit = 1 }).Select(e => e.Id).Should().Equal(4);
        emulator.GetRequests(new JournalQuery { Path = "/v1/admin/integrations/*" }).Single().Status.Should().Be(404);
    }

    [Theory]
    [InlineData("?status=abc", "status: \"abc\" is not a whole number")]
    [InlineData("?limit=ten", "limit: \"ten\" is not a whole number")]
    [InlineData("?limit=0", "limit: must be 1 or more, not 0")]
    [InlineData("?limit=-3", "limit: must be 1 or more, not -3")]
    [InlineData("?vendor=slack", "vendor: \"slack\" is not one of botpress, gitbook, membrane")]
    [InlineData("?statuz=200", "statuz: not a filter of the journal")]
    [InlineData("?method=GET&method=POST", "method: give it at most once")]
    public async Task Bad_filters_are_400_naming_the_parameter(string query, string message)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        (await control.GetAsync("_emulator/requests" + query).ControlErrorAsync(HttpStatusCode.BadRequest)).Should().Contain(message);
    }

    [Fact]
    public async Task The_in_process_query_rejects_bad_filters_like_the_route()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();

        emulator.Invoking(e => e.GetRequests(new JournalQuery { Limit = 0 })).Should().Throw<ApiException>().Which.StatusCode.Should().Be(400);
        emulator.Invoking(e => e.GetRequests(new JournalQuery { Vendor = "x" })).Should().Throw<ApiException>()
            .Which.Message.Should().Contain("vendor");
    }

    [Fact]
    public async Task Delete_clears_the_journal_and_later_requests_are_recorded_again()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        using var membrane = emulator.CreateMembraneClient();
        await membrane.GetAsync("integrations");
        await membrane.GetAsync("integrations");

        using (var deleted = await control.DeleteAsync("_emulator/requests"))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        (await control.RequestsAsync()).Should().BeEmpty();

        await membrane.GetAsync("connectors");
        (await control.RequestsAsync()).Select(r => r!["id"]!.GetValue<long>()).Should().Equal(3);

        emulator.ClearRequests();
        emulator.GetRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task The_journal_is_a_ring_of_JournalSize_entries()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { JournalSize = 5 });
        using var control = emulator.CreateClient();
        using var gitbook = emulator.CreateGitBookClient();

        for (var i = 1; i <= 12; i++) await gitbook.GetAsync($"v1/integrations?limit={i}");

        var page = await control.GetFromJsonAsync<JsonObject>("_emulator/requests?limit=100");
        page!["capacity"]!.GetValue<int>().Should().Be(5);
        page["requests"]!.AsArray().Select(r => r!["query"].Str()).Should().Equal("?limit=12", "?limit=11", "?limit=10", "?limit=9", "?limit=8");
        emulator.GetRequests().Select(e => e.Id).Should().Equal(12, 11, 10, 9, 8);
    }

    [Fact]
    public async Task JournalSize_0_turns_the_journal_off()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { JournalSize = 0 });
        using var control = emulator.CreateClient();
        using var botpress = emulator.CreateBotpressClient();

        (await botpress.GetAsync("v1/admin/integrations")).StatusCode.Should().Be(HttpStatusCode.OK);

        var page = await control.GetFromJsonAsync<JsonObject>("_emulator/requests");
        page!["capacity"]!.GetValue<int>().Should().Be(0);
        page["requests"]!.AsArray().Should().BeEmpty();
        emulator.GetRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task A_negative_JournalSize_stops_the_start()
    {
        var start = () => IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { JournalSize = -1 });

        (await start.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("JournalSize");
    }

    [Fact]
    public async Task Bodies_past_16_KiB_are_cut_and_flagged()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var botpress = emulator.CreateBotpressClient();
        var description = new string('d', 20_000) + "é";

        using var created = await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "big", version = "1.0.0", description });
        var hub = await botpress.GetStringAsync("v1/admin/hub/integrations?limit=100");

        var entries = emulator.GetRequests();
        var post = entries.Single(e => e.Method == "POST");
        post.RequestBodyTruncated.Should().BeTrue();
        post.RequestBody.Should().HaveLength(JournalBuffer.BodyLimit).And.StartWith("""{"name":"big","version":"1.0.0","description":"ddd""");
        var list = entries.Single(e => e.Method == "GET");
        Encoding.UTF8.GetByteCount(hub).Should().BeGreaterThan(JournalBuffer.BodyLimit, "the test needs a long response");
        list.ResponseBodyTruncated.Should().BeTrue();
        hub.Should().StartWith(list.ResponseBody);
        Encoding.UTF8.GetByteCount(list.ResponseBody!).Should().BeInRange(JournalBuffer.BodyLimit - 3, JournalBuffer.BodyLimit);
        list.ResponseBody.Should().NotContain("\uFFFD", "a character cut in half is dropped, not garbled");
    }

    [Fact]
    public async Task Error_envelopes_of_unknown_routes_and_methods_are_journaled_with_their_status()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var membrane = emulator.CreateMembraneClient();

        await membrane.GetAsync("no-such-thing");
        await membrane.DeleteAsync("integrations");

        emulator.GetRequests().Select(e => (e.Path, e.Status)).Should().Equal(
            ("/membrane/integrations", 405), ("/membrane/no-such-thing", 404));
        emulator.GetRequests()[0].ResponseBody.Should().Contain("\"type\":\"bad_request\"");
    }

    [Fact]
    public async Task Kestrel_requests_are_journaled_with_their_bodies()
    {
        await using var emulator = await IntegrationsEmulator.StartOnKestrelAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "membrane/integrations")
        {
            Content = new StringContent("""{"key":"kestrel-journal","name":"K","connectorKey":"hubspot"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", IntegrationsEmulator.NewToken("pat-"));
        request.Headers.Add("membrane-api-version", "2025-10-21");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var entry = emulator.GetRequests().Single();
        entry.Status.Should().Be((int)response.StatusCode);
        entry.RequestBody.Should().Be("""{"key":"kestrel-journal","name":"K","connectorKey":"hubspot"}""");
        entry.ResponseBody.Should().Be(body);
        entry.RequestHeaders["Authorization"].Should().Be(JournalRedaction.Mask);
    }

    private const string BotpressWorkspace = BotpressDefaults.WorkspaceId;
}
