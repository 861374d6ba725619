using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.FourthVendor.Tickets;

namespace IntegrationsApiEmulator.Tests.FourthVendor;

/// <summary>
/// A fourth vendor (Tickets/, one folder) registered through <see cref="EmulatorOptions.AddedVendors"/> and nothing else
/// gets every piece of the shared machinery: tenancy, schema validation in its own envelope, the journal with its
/// credential shapes masked, faults, overrides, snapshots, reset, fixtures, the route list and the dashboard counts.
/// </summary>
public sealed class FourthVendorTests
{
    private static Task<IntegrationsEmulator> StartAsync() =>
        IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AddedVendors = [options => new TicketsModule(options)] });

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Tenants_are_isolated_and_start_from_the_seeded_template()
    {
        await using var emulator = await StartAsync();
        using var alice = emulator.CreateVendorClient("tickets");
        using var bob = emulator.CreateVendorClient("tickets");

        var (status, created) = await SendAsync(alice, HttpMethod.Post, "v1/tickets", new { title = "Printer on fire" });
        status.Should().Be(HttpStatusCode.Created);
        created["id"]!.GetValue<string>().Should().Be("tkt_000004");

        (await SendAsync(alice, HttpMethod.Get, "v1/tickets/tkt_000004")).Body["title"]!.GetValue<string>().Should().Be("Printer on fire");
        (await SendAsync(bob, HttpMethod.Get, "v1/tickets")).Body["items"]!.AsArray().Should().HaveCount(3);
        var (missing, error) = await SendAsync(bob, HttpMethod.Get, "v1/tickets/tkt_000004");
        missing.Should().Be(HttpStatusCode.NotFound);
        error["error"]!["code"]!.GetValue<string>().Should().Be("not_found");
    }

    [Fact]
    public async Task Requests_are_validated_against_its_schemas_in_its_own_envelope_and_lists_page()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.CreateVendorClient("tickets");

        var (status, error) = await SendAsync(client, HttpMethod.Post, "v1/tickets", new { title = "x", status = "lost" });
        status.Should().Be(HttpStatusCode.BadRequest);
        error["error"]!["detail"]!.GetValue<string>().Should().Contain("status").And.Contain("must be one of open, pending, closed");
        (await SendAsync(client, HttpMethod.Get, "v1/tickets?limit=0")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await SendAsync(client, HttpMethod.Delete, "v1/tickets")).Body["error"]!["code"]!.GetValue<string>().Should().Be("method_not_allowed");
        (await SendAsync(client, HttpMethod.Get, "v1/nothing")).Body["error"]!["detail"]!.GetValue<string>().Should().Be("No route matches GET /tickets/v1/nothing");

        var first = (await SendAsync(client, HttpMethod.Get, "v1/tickets?limit=2")).Body;
        var second = (await SendAsync(client, HttpMethod.Get, $"v1/tickets?limit=2&page={first["next"]}")).Body;
        second["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Should().Equal("tkt_000003");
        emulator.Routes().Where(r => r.Vendor == "tickets").Select(r => r.Name).Should().BeEquivalentTo("tickets.listTickets", "tickets.createTicket", "tickets.getTicket");
    }

    [Fact]
    public async Task The_journal_records_it_with_its_credentials_masked_and_faults_and_overrides_apply()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.CreateVendorClient("tickets");
        await SendAsync(client, HttpMethod.Post, "v1/tickets", new { title = "tk_live_123" });

        var entry = emulator.GetRequests(new JournalQuery { Vendor = "tickets" }).Should().ContainSingle().Subject;
        entry.Tenant.Should().StartWith("t_");
        entry.RequestBody.Should().Be("""{"title":"[REDACTED]"}""");
        entry.RequestHeaders["Authorization"].Should().Be(JournalRedaction.Mask);

        emulator.AddFault(new FaultRule { Vendor = "tickets", Status = 503, Times = 1 });
        var (faulted, fault) = await SendAsync(client, HttpMethod.Get, "v1/tickets");
        faulted.Should().Be(HttpStatusCode.ServiceUnavailable);
        fault["error"]!["status"]!.GetValue<int>().Should().Be(503);

        emulator.AddOverrides("""{"Request":{"Path":"/tickets/v1/tickets/tkt_000001","Methods":["GET"]},"Response":{"StatusCode":418,"BodyAsJson":{"teapot":true}}}""");
        (await SendAsync(client, HttpMethod.Get, "v1/tickets/tkt_000001")).Status.Should().Be((HttpStatusCode)418);
    }

    [Fact]
    public async Task Snapshots_reset_fixtures_and_the_dashboard_cover_it()
    {
        await using var emulator = await StartAsync();
        var token = "tk_" + Guid.NewGuid().ToString("N");
        using var client = emulator.CreateVendorClient("tickets", token);
        await SendAsync(client, HttpMethod.Post, "v1/tickets", new { title = "Kept in the snapshot", status = "pending" });
        var snapshot = emulator.ExportState();
        snapshot["vendors"]!["tickets"]!["tenants"]![IntegrationsEmulator.TenantKeyOf(token)]!["tickets"]!.AsArray().Should().HaveCount(4);

        emulator.Reset("tickets");
        (await SendAsync(client, HttpMethod.Get, "v1/tickets")).Body["items"]!.AsArray().Should().HaveCount(3);
        emulator.ImportState(snapshot);
        (await SendAsync(client, HttpMethod.Get, "v1/tickets/tkt_000004")).Body["status"]!.GetValue<string>().Should().Be("pending");

        emulator.LoadFixtures("""{"tickets":{"tickets":[{"title":"From a fixture"}]}}""", IntegrationsEmulator.TenantKeyOf(token));
        using var control = emulator.CreateClient();
        var tenants = await control.GetFromJsonAsync<JsonObject>("_emulator/tenants");
        tenants!["tickets"]!.AsArray().Should().ContainSingle().Which!["counts"]!["tickets"]!.GetValue<int>().Should().Be(5);
        (await control.GetStringAsync($"_emulator/tenants/tickets/{IntegrationsEmulator.TenantKeyOf(token)}/collections/tickets?limit=10"))
            .Should().Contain("From a fixture");
    }
}
