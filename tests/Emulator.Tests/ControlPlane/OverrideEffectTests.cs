using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// What an installed override does to vendor requests: it answers matching ones (status, headers, body, delay)
/// before the vendor route for each vendor, lets everything else through to the real state, follows WireMock's
/// choice between mappings, and is journaled. Each test starts its own emulator (overrides are global).
/// </summary>
public sealed class OverrideEffectTests
{
    [Fact]
    public async Task A_botpress_override_answers_instead_of_the_route_which_never_runs()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""
            {"Request":{"Path":"/botpress/v1/admin/integrations","Methods":["POST"]},
             "Response":{"StatusCode":201,"Headers":{"x-request-id":"req_override"},"BodyAsJson":{"integration":{"id":"not-a-valid-integration"}}}}
            """);
        using var botpress = emulator.CreateBotpressClient();

        using var created = await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "never-created", version = "1.0.0" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.GetValues("x-request-id").Should().Equal("req_override");
        created.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "a JSON body is sent as JSON");
        (await created.Content.ReadAsStringAsync()).Should().Be("""{"integration":{"id":"not-a-valid-integration"}}""");
        var list = await (await botpress.GetAsync("v1/admin/integrations")).Content.ReadFromJsonAsync<JsonObject>();
        list!["integrations"]!.AsArray().Should().NotContain(i => i!["name"]!.GetValue<string>() == "never-created", "the vendor route never ran");
    }

    [Fact]
    public async Task A_gitbook_override_sends_a_malformed_payload_as_written_and_other_paths_pass_through()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""{"Request":{"Path":"/gitbook/v1/user","Methods":["GET"]},"Response":{"StatusCode":200,"Headers":{"Content-Type":"application/json"},"Body":"{\"id\": truncated"}}""");
        using var gitbook = emulator.CreateGitBookClient();

        using var user = await gitbook.GetAsync("v1/user");
        using var orgs = await gitbook.GetAsync("v1/orgs");

        user.StatusCode.Should().Be(HttpStatusCode.OK);
        (await user.Content.ReadAsStringAsync()).Should().Be("{\"id\": truncated");
        orgs.StatusCode.Should().Be(HttpStatusCode.OK);
        (await orgs.Content.ReadFromJsonAsync<JsonObject>())!["items"].Should().NotBeNull("the vendor answered");
    }

    [Fact]
    public async Task A_membrane_override_answers_a_teapot_with_an_odd_header_and_no_body()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""{"Request":{"Path":"/membrane/integrations","Methods":["GET"]},"Response":{"StatusCode":"418","Headers":{"X-Odd":["one","two"]}}}""");
        using var membrane = emulator.CreateMembraneClient();

        using var response = await membrane.GetAsync("integrations");

        response.StatusCode.Should().Be((HttpStatusCode)418);
        response.Headers.GetValues("X-Odd").Should().Equal("one", "two");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        (await membrane.PostAsJsonAsync("integrations", new { key = "passes-" + Guid.NewGuid().ToString("N")[..8], name = "Passes" }))
            .StatusCode.Should().Be(HttpStatusCode.OK, "POST is not overridden");
    }

    [Fact]
    public async Task Query_header_and_body_matchers_decide_and_a_request_they_refuse_reaches_the_vendor_with_its_body()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""
            {"Request":{"Path":"/botpress/v1/admin/integrations","Methods":["POST"],
                        "Params":[{"Name":"dry","Matchers":[{"Name":"ExactMatcher","Pattern":"1"}]}],
                        "Headers":[{"Name":"x-workspace-id","Matchers":[{"Name":"WildcardMatcher","Pattern":"wkspace_*"}]}],
                        "Body":{"Matcher":{"Name":"JsonPartialMatcher","Pattern":{"name":"conflicting"}}}},
             "Response":{"StatusCode":409,"BodyAsJson":{"id":"err_override","code":409,"type":"AlreadyExists","message":"from the override"}}}
            """);
        using var botpress = emulator.CreateBotpressClient();

        using var matched = await botpress.PostAsJsonAsync("v1/admin/integrations?dry=1", new { name = "conflicting", version = "1.0.0" });
        using var otherBody = await botpress.PostAsJsonAsync("v1/admin/integrations?dry=1", new { name = "refused-body", version = "1.0.0" });
        using var otherQuery = await botpress.PostAsJsonAsync("v1/admin/integrations?dry=0", new { name = "conflicting", version = "1.0.0" });

        matched.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await matched.Content.ReadAsStringAsync()).Should().Contain("from the override");
        otherBody.StatusCode.Should().Be(HttpStatusCode.OK, await otherBody.Content.ReadAsStringAsync());
        (await otherBody.Content.ReadFromJsonAsync<JsonObject>())!["integration"]!["name"]!.GetValue<string>().Should().Be("refused-body", "the vendor read the body the override had read");
        otherQuery.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_lower_priority_wins_then_the_mapping_with_more_matchers_then_the_newest()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var gitbook = emulator.CreateGitBookClient();
        async Task<int> StatusAsync() => (int)(await gitbook.GetAsync("v1/user")).StatusCode;

        emulator.AddOverrides(OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 501, priority: 5));
        emulator.AddOverrides("""{"Priority":5,"Request":{"Path":"/gitbook/v1/*"},"Response":{"StatusCode":502}}""");
        (await StatusAsync()).Should().Be(501, "path and method beat path alone at the same priority");

        emulator.AddOverrides(OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 503, priority: 5));
        (await StatusAsync()).Should().Be(503, "between equally specific mappings the newest wins");

        emulator.AddOverrides("""{"Priority":1,"Request":{"Path":"/gitbook/*"},"Response":{"StatusCode":504}}""");
        (await StatusAsync()).Should().Be(504, "priority 1 comes before priority 5");
    }

    [Fact]
    public async Task An_override_is_journaled_with_its_guid_and_what_the_client_got()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var guid = emulator.AddOverrides(OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418)).Single().Guid;
        using var gitbook = emulator.CreateGitBookClient();

        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be((HttpStatusCode)418);
        (await gitbook.GetAsync("v1/orgs")).StatusCode.Should().Be(HttpStatusCode.OK);

        var entries = emulator.GetRequests();
        entries.Select(e => (e.Path, e.Status, e.Override)).Should().Equal(
            ("/gitbook/v1/orgs", 200, null), ("/gitbook/v1/user", 418, guid.ToString()));
        entries[1].ResponseBody.Should().Be("""{"overridden":true}""");
    }

    [Fact]
    public async Task A_delay_holds_the_answer()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""{"Request":{"Path":"/gitbook/v1/user"},"Response":{"StatusCode":200,"Delay":300,"Body":"late"}}""");
        using var gitbook = emulator.CreateGitBookClient();

        var watch = Stopwatch.StartNew();
        using var response = await gitbook.GetAsync("v1/user");

        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(280));
        (await response.Content.ReadAsStringAsync()).Should().Be("late");
        response.Content.Headers.ContentType.Should().BeNull("a text body gets no content type unless the mapping gives one, as in WireMock");
    }

    [Fact]
    public async Task Bytes_bodies_and_wildcard_paths_are_served_and_204_has_no_body()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""
            [{"Request":{"Path":"/gitbook/v1/orgs/*/spaces"},"Response":{"StatusCode":200,"Headers":{"Content-Type":"application/octet-stream"},"BodyAsBytes":"AAEC/w=="}},
             {"Request":{"Path":"/botpress/v1/admin/integrations/*","Methods":["DELETE"]},"Response":{"StatusCode":204,"Body":"ignored"}}]
            """);
        using var gitbook = emulator.CreateGitBookClient();
        using var botpress = emulator.CreateBotpressClient();

        (await gitbook.GetByteArrayAsync("v1/orgs/any-org/spaces")).Should().Equal(0, 1, 2, 255);
        using var deleted = await botpress.DeleteAsync("v1/admin/integrations/intver_whatever");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await deleted.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Faults_come_first_and_the_control_plane_is_never_overridden()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.AddOverrides("""{"Request":{"Path":"/*"},"Response":{"StatusCode":418}}""");
        emulator.AddFault(new FaultRule { Vendor = "gitbook", Path = "/v1/user", Status = 503, Times = 1 });
        using var gitbook = emulator.CreateGitBookClient();
        using var control = emulator.CreateClient();

        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the fault stands in front of the API");
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be((HttpStatusCode)418);
        (await control.GetAsync("_emulator/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await control.GetAsync("_emulator/overrides")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await control.GetAsync("elsewhere")).StatusCode.Should().Be(HttpStatusCode.NotFound, "only vendor paths are overridden");
    }

    [Fact]
    public async Task A_typed_override_can_answer_from_the_request()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var installed = emulator.AddOverride(
            WireMock.RequestBuilders.Request.Create().WithPath("/membrane/integrations/*").UsingPost(),
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(422).WithBody(request => "refused " + request.Path + " " + request.Body),
            priority: 2, title: "echo");
        using var membrane = emulator.CreateMembraneClient();

        using var response = await membrane.PostAsync("integrations/hubspot/archive", new StringContent("{\"why\":1}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Be("refused /membrane/integrations/hubspot/archive {\"why\":1}");
        emulator.GetOverrides().Single().Should().Match<OverrideState>(o => o.Guid == installed.Guid && o.Title == "echo" && o.Priority == 2 && o.Hits == 1);
    }
}
