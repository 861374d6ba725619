using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>POST/GET/DELETE /_emulator/faults</c> and their in-process twins: installing, listing, removing, validation.</summary>
public sealed class FaultEndpointTests
{
    [Fact]
    public async Task Post_installs_a_rule_201_with_its_id_and_get_lists_it_with_hits()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        using var response = await control.PostFaultAsync(
            """{"vendor":"gitbook","method":"get","path":"/v1/integrations*","status":503,"delayMs":1,"abort":false,"probability":1.0,"times":3}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/_emulator/faults/fault_1");
        var rule = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        rule.ToJsonString().Should().Be(
            """{"id":"fault_1","vendor":"gitbook","method":"GET","path":"/v1/integrations*","status":503,"delayMs":1,"abort":false,"probability":1,"times":3,"remaining":3,"hits":0}""");

        using var gitbook = emulator.CreateGitBookClient();
        (await gitbook.GetAsync("v1/integrations")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        var list = await control.GetFromJsonAsync<JsonObject>("_emulator/faults");
        var listed = list!["faults"]!.AsArray().Single()!;
        listed["hits"]!.GetValue<long>().Should().Be(1);
        listed["remaining"]!.GetValue<int>().Should().Be(2);
        (await control.GetFromJsonAsync<JsonObject>("_emulator/faults/fault_1"))!["hits"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_rule_without_selectors_lists_only_what_is_set()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        var rule = await control.AddFaultAsync("""{"delayMs":5}""");

        rule.ToJsonString().Should().Be("""{"id":"fault_1","delayMs":5,"abort":false,"probability":1,"hits":0}""");
    }

    [Fact]
    public async Task Delete_by_id_removes_one_rule_and_404s_an_unknown_id()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        await control.AddFaultAsync("""{"vendor":"botpress","status":500}""");
        await control.AddFaultAsync("""{"vendor":"membrane","status":502}""");

        (await control.DeleteAsync("_emulator/faults/fault_1")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var left = await control.GetFromJsonAsync<JsonObject>("_emulator/faults");
        left!["faults"]!.AsArray().Select(f => f!["id"].Str()).Should().Equal("fault_2");
        (await control.DeleteAsync("_emulator/faults/fault_1").ControlErrorAsync(HttpStatusCode.NotFound)).Should().Contain("fault_1");
        (await control.GetAsync("_emulator/faults/nope").ControlErrorAsync(HttpStatusCode.NotFound)).Should().Contain("no fault rule \"nope\"");
        using var botpress = emulator.CreateBotpressClient();
        (await botpress.GetAsync("v1/admin/integrations")).StatusCode.Should().Be(HttpStatusCode.OK, "the botpress rule is gone");
    }

    [Fact]
    public async Task Delete_all_removes_every_rule_and_ids_keep_counting()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        await control.AddFaultAsync("""{"status":500}""");
        await control.AddFaultAsync("""{"abort":true}""");

        (await control.DeleteAsync("_emulator/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await control.GetFromJsonAsync<JsonObject>("_emulator/faults"))!["faults"]!.AsArray().Should().BeEmpty();
        using var membrane = emulator.CreateMembraneClient();
        (await membrane.GetAsync("integrations")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await control.AddFaultAsync("""{"status":500}"""))["id"].Str().Should().Be("fault_3");
    }

    [Theory]
    [InlineData("""{"vendor":"slack","status":500}""", "vendor: \"slack\" is not one of botpress, gitbook, membrane")]
    [InlineData("""{"vendor":7,"status":500}""", "vendor: must be a string")]
    [InlineData("""{"method":"GE T","status":500}""", "method: \"GE T\" is not an HTTP method")]
    [InlineData("""{"path":"v1/integrations","status":500}""", "path: \"v1/integrations\" must start with / or *")]
    [InlineData("""{"status":200}""", "status: must be an error status from 400 to 599, not 200")]
    [InlineData("""{"status":600}""", "status: must be an error status from 400 to 599, not 600")]
    [InlineData("""{"status":"503"}""", "status: must be a whole number")]
    [InlineData("""{"status":503.5}""", "status: must be a whole number")]
    [InlineData("""{"delayMs":-1}""", "delayMs: must be from 0 to 600000")]
    [InlineData("""{"delayMs":600001}""", "delayMs: must be from 0 to 600000")]
    [InlineData("""{"status":500,"probability":1.5}""", "probability: must be from 0 to 1, not 1.5")]
    [InlineData("""{"status":500,"probability":-0.1}""", "probability: must be from 0 to 1, not -0.1")]
    [InlineData("""{"status":500,"probability":"half"}""", "probability: must be a number from 0 to 1")]
    [InlineData("""{"status":500,"times":-1}""", "times: must be 0 or more")]
    [InlineData("""{"abort":"yes"}""", "abort: must be true or false")]
    [InlineData("""{"vendor":"gitbook"}""", "at least one effect is required")]
    [InlineData("""{"abort":false,"delayMs":0}""", "at least one effect is required")]
    [InlineData("""{"abort":true,"status":503}""", "abort: closes the connection without an answer, so it cannot be combined with status")]
    [InlineData("""{"statusCode":503}""", "statusCode: not a field of a fault rule")]
    [InlineData("""[1]""", "body: must be a JSON object")]
    [InlineData("""{"status":""", "body: not valid JSON")]
    [InlineData("", "body: a fault rule is required")]
    public async Task Bad_rules_are_400_naming_the_field(string body, string message)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        (await control.PostFaultAsync(body).ControlErrorAsync(HttpStatusCode.BadRequest)).Should().Contain(message);
        emulator.GetFaults().Should().BeEmpty();
    }

    [Fact]
    public async Task The_in_process_api_adds_lists_removes_and_clears_typed_rules()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();

        var added = emulator.AddFault(new FaultRule { Vendor = "Botpress", Method = "post", Path = "/v1/admin/integrations", Status = 409, Times = 1 });
        var second = emulator.AddFault(new FaultRule { DelayMs = 10 });

        added.Should().Be(new FaultRuleState("fault_1", new FaultRule { Vendor = "botpress", Method = "POST", Path = "/v1/admin/integrations", Status = 409, Times = 1 }, 0, 1));
        using var botpress = emulator.CreateBotpressClient();
        (await botpress.PostAsJsonAsync("v1/admin/integrations", new { name = "typed", version = "1.0.0" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        emulator.GetFaults().Select(f => (f.Id, f.Hits, f.Remaining)).Should().Equal(("fault_1", 1L, (int?)0), ("fault_2", 0L, (int?)null));
        emulator.RemoveFault("fault_1").Should().BeTrue();
        emulator.RemoveFault("fault_1").Should().BeFalse();
        emulator.GetFaults().Single().Should().Be(second);
        emulator.ClearFaults();
        emulator.GetFaults().Should().BeEmpty();
        emulator.Invoking(e => e.AddFault(new FaultRule { Status = 302 })).Should().Throw<ApiException>().Which.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_journal_and_fault_routes()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        var document = JsonNode.Parse(await control.GetStringAsync("_emulator/openapi.json"))!;

        var paths = document["paths"]!;
        paths["/_emulator/requests"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"].Str())
            .Should().BeEquivalentTo(["vendor", "tenant", "method", "path", "status", "limit", "after", "before"]);
        paths["/_emulator/requests"]!["delete"].Should().NotBeNull();
        paths["/_emulator/faults"]!["post"]!["responses"]!["201"].Should().NotBeNull();
        paths["/_emulator/faults/{id}"]!["delete"]!["responses"]!["404"].Should().NotBeNull();
        document["components"]!["schemas"]!["FaultRule"].Should().NotBeNull();
        document["components"]!["schemas"]!["JournalEntry"].Should().NotBeNull();
    }

    [Fact]
    public async Task Control_plane_routes_are_never_faulted()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        await control.AddFaultAsync("""{"status":503}""");
        await control.AddFaultAsync("""{"path":"*","abort":true}""");

        (await control.GetAsync("_emulator/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await control.GetAsync("_emulator/faults")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await control.GetAsync("_emulator/requests")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
