using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using WireMock.Admin.Mappings;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>POST/GET/DELETE /_emulator/overrides</c>: installing, listing, replacing, removing, validation, the admin token.</summary>
public sealed class OverrideEndpointTests
{
    [Fact]
    public async Task Post_one_mapping_is_201_with_its_guid_and_get_lists_it_with_its_hits()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        using var response = await control.PostOverridesAsync(OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var added = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["overrides"]!.AsArray().Single()!;
        var guid = Guid.Parse(added["guid"].Str());
        response.Headers.Location!.ToString().Should().Be($"/_emulator/overrides/{guid}");
        added["priority"]!.GetValue<int>().Should().Be(0);
        added["hits"]!.GetValue<long>().Should().Be(0);
        added["mapping"]!.ToJsonString().Should().Be(
            """{"Guid":"GUID","Request":{"Path":"/gitbook/v1/user","Methods":["GET"]},"Response":{"StatusCode":418,"BodyAsJson":{"overridden":true}}}""".Replace("GUID", guid.ToString()));

        using var gitbook = emulator.CreateGitBookClient();
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be((HttpStatusCode)418);

        (await control.OverridesAsync()).Single()!["hits"]!.GetValue<long>().Should().Be(1);
        var one = JsonNode.Parse(await control.GetStringAsync($"_emulator/overrides/{guid}"))!;
        one["guid"].Str().Should().Be(guid.ToString());
        one["hits"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Post_an_array_installs_every_mapping_keeping_given_guids_and_titles()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        var added = await control.AddOverridesAsync("""
            [
              {"Guid":"7a1f7f8e-0000-4000-8000-000000000001","Title":"teapot","Priority":5,"Request":{"Path":"/botpress/v1/admin/hub/integrations"},"Response":{"StatusCode":418}},
              {"Request":{"Path":"/membrane/integrations"},"Response":{"StatusCode":503}}
            ]
            """);

        added.Select(a => a!["title"]?.GetValue<string>()).Should().Equal("teapot", null);
        added[0]!["guid"].Str().Should().Be("7a1f7f8e-0000-4000-8000-000000000001");
        added[0]!["priority"]!.GetValue<int>().Should().Be(5);
        Guid.Parse(added[1]!["guid"].Str()).Should().NotBeEmpty();
        (await control.OverridesAsync()).Select(o => o!["guid"].Str()).Should().Equal(
            [added[1]!["guid"].Str(), "7a1f7f8e-0000-4000-8000-000000000001"], "lower priority first");
    }

    [Fact]
    public async Task Posting_the_guid_of_an_installed_mapping_replaces_it()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        const string guid = "7a1f7f8e-0000-4000-8000-000000000002";
        await control.AddOverridesAsync($$$"""{"Guid":"{{{guid}}}","Request":{"Path":"/gitbook/v1/user"},"Response":{"StatusCode":418}}""");

        await control.AddOverridesAsync($$$"""{"Guid":"{{{guid}}}","Request":{"Path":"/gitbook/v1/user"},"Response":{"StatusCode":451}}""");

        (await control.OverridesAsync()).Should().ContainSingle();
        using var gitbook = emulator.CreateGitBookClient();
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be((HttpStatusCode)451);
    }

    [Fact]
    public async Task Delete_by_guid_removes_one_and_404s_an_unknown_guid_and_400s_a_non_guid()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        var added = await control.AddOverridesAsync($"[{OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418)},{OverrideTestKit.Mapping("GET", "/membrane/integrations", 418)}]");
        var first = added[0]!["guid"].Str();

        (await control.DeleteAsync($"_emulator/overrides/{first}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await control.OverridesAsync()).Select(o => o!["guid"].Str()).Should().Equal(added[1]!["guid"].Str());
        (await control.DeleteAsync($"_emulator/overrides/{first}").ControlErrorAsync(HttpStatusCode.NotFound)).Should().Contain($"no override \"{first}\"");
        (await control.GetAsync($"_emulator/overrides/{first}").ControlErrorAsync(HttpStatusCode.NotFound)).Should().Contain(first);
        (await control.GetAsync("_emulator/overrides/nope").ControlErrorAsync(HttpStatusCode.BadRequest)).Should().Contain("guid: \"nope\" is not a GUID");
        (await control.DeleteAsync("_emulator/overrides/nope").ControlErrorAsync(HttpStatusCode.BadRequest)).Should().Contain("not a GUID");
        using var gitbook = emulator.CreateGitBookClient();
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.OK, "the gitbook override is gone");
    }

    [Fact]
    public async Task Delete_all_removes_every_override_and_the_vendors_answer_again()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        await control.AddOverridesAsync("""{"Request":{"Path":"/*"},"Response":{"StatusCode":500}}""");

        (await control.DeleteAsync("_emulator/overrides")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await control.OverridesAsync()).Should().BeEmpty();
        using var botpress = emulator.CreateBotpressClient();
        (await botpress.GetAsync("v1/admin/integrations")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("", "body: a WireMock mapping or an array of them is required")]
    [InlineData("""{"Request":""", "body: not valid JSON")]
    [InlineData("""{"Request":{},"Response":{}} {}""", "body: not valid JSON")]
    [InlineData("42", "body: must be a WireMock mapping (an object) or an array of them")]
    [InlineData("[]", "body: an empty array")]
    [InlineData("[1]", "[0]: must be a WireMock mapping (an object)")]
    [InlineData("""{"Response":{"StatusCode":418}}""", "Request: required")]
    [InlineData("""{"Request":{"Path":"/gitbook/v1/user"}}""", "Response: required")]
    [InlineData("""{"Request":"GET /gitbook/v1/user","Response":{}}""", "Request: must be an object")]
    [InlineData("""{"Scenario":"s","Request":{"Path":"/gitbook/x"},"Response":{}}""", "Scenario: not supported by the emulator's overrides")]
    [InlineData("""{"Probability":0.5,"Request":{"Path":"/gitbook/x"},"Response":{}}""", "Probability: not supported")]
    [InlineData("""{"Webhook":{"Request":{"Url":"http://x","Method":"POST"}},"Request":{"Path":"/gitbook/x"},"Response":{}}""", "Webhook: not supported")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"ProxyUrl":"https://api.gitbook.com"}}""", "Response.ProxyUrl: not supported")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"UseTransformer":true,"Body":"{{request.path}}"}}""", "Response.UseTransformer: not supported")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"Fault":{"Type":"EMPTY_RESPONSE"}}}""", "Response.Fault: not supported")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"BodyAsFile":"/etc/passwd"}}""", "Response.BodyAsFile: not supported")]
    [InlineData("""{"Request":{"Path":"/gitbook/x","WebSocket":{}},"Response":{}}""", "Request.WebSocket: not supported")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"StatusCode":999}}""", "Response.StatusCode: must be a status from 100 to 599, not 999")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"StatusCode":"teapot"}}""", "Response.StatusCode: must be a status from 100 to 599")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"Delay":-1}}""", "Response.Delay: must be from 0 to 600000 milliseconds, not -1")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"Delay":"slow"}}""", "Response.Delay: must be from 0 to 600000 milliseconds")]
    [InlineData("""{"Request":{"Path":"/gitbook/x"},"Response":{"Body":"a","BodyAsJson":{}}}""", "Response.BodyAsJson: one body per response")]
    [InlineData("""{"Priority":"high","Request":{"Path":"/gitbook/x"},"Response":{}}""", "not a WireMock mapping")]
    [InlineData("""{"Guid":"nope","Request":{"Path":"/gitbook/x"},"Response":{}}""", "not a WireMock mapping")]
    [InlineData("""{"Request":{"Path":"/v1/integrations"},"Response":{}}""", "Request.Path: \"/v1/integrations\" can never match a vendor request: overrides match the full request path, vendor prefix included (/botpress/..., /gitbook/..., /membrane/...)")]
    [InlineData("""{"Request":{"Path":{"Matchers":[{"Name":"NopeMatcher","Pattern":"x"}]}},"Response":{}}""", "WireMock refused the mapping: Matcher 'NopeMatcher' is not supported")]
    [InlineData("""{"Request":{"Path":{"Matchers":[{"Name":"RegexMatcher","Pattern":"(unclosed"}]}},"Response":{}}""", "WireMock refused the mapping")]
    [InlineData("""[{"Request":{"Path":"/gitbook/a"},"Response":{}},{"Request":{"Path":"/gitbook/b"},"Response":{"ProxyUrl":"http://x"}}]""", "[1].Response.ProxyUrl: not supported")]
    [InlineData("""[{"Guid":"7a1f7f8e-0000-4000-8000-000000000003","Request":{"Path":"/gitbook/a"},"Response":{}},{"Guid":"7a1f7f8e-0000-4000-8000-000000000003","Request":{"Path":"/gitbook/b"},"Response":{}}]""", "[1].Guid: 7a1f7f8e-0000-4000-8000-000000000003 is given to two mappings")]
    public async Task Bad_mappings_are_400_naming_the_field_and_install_nothing(string body, string message)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        (await control.PostOverridesAsync(body).ControlErrorAsync(HttpStatusCode.BadRequest)).Should().Contain(message);
        emulator.GetOverrides().Should().BeEmpty();
    }

    [Fact]
    public async Task The_in_process_api_adds_json_and_models_lists_removes_and_clears()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();

        var fromJson = emulator.AddOverrides($"[{OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418)},{OverrideTestKit.Mapping("GET", "/gitbook/v1/orgs", 418)}]");
        var model = new MappingModel
        {
            Title = "model",
            Priority = 3,
            Request = new RequestModel { Path = "/membrane/integrations", Methods = ["GET"] },
            Response = new ResponseModel { StatusCode = 500, BodyAsJson = new { type = "internal", message = "typed" } },
        };
        var fromModel = emulator.AddOverride(model);

        fromJson.Should().HaveCount(2);
        fromModel.Should().Match<OverrideState>(o => o.Title == "model" && o.Priority == 3 && o.Hits == 0 && o.Mapping.Guid == o.Guid);
        model.Guid.Should().BeNull("the caller's model is not changed");
        using var membrane = emulator.CreateMembraneClient();
        using var failed = await membrane.GetAsync("integrations");
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await failed.Content.ReadAsStringAsync()).Should().Be("""{"type":"internal","message":"typed"}""");
        emulator.GetOverrides().Select(o => o.Guid).Should().Equal([fromJson[1].Guid, fromJson[0].Guid, fromModel.Guid], "the newest first, priority 3 last");
        emulator.RemoveOverride(fromJson[0].Guid).Should().BeTrue();
        emulator.RemoveOverride(fromJson[0].Guid).Should().BeFalse();
        emulator.GetOverrides().Should().HaveCount(2);
        emulator.ClearOverrides();
        emulator.GetOverrides().Should().BeEmpty();
        emulator.Invoking(e => e.AddOverrides("""{"Request":{"Path":"/gitbook/x"},"Response":{"ProxyUrl":"http://x"}}"""))
            .Should().Throw<ApiException>().Which.Message.Should().Contain("Response.ProxyUrl: not supported");
        emulator.Invoking(e => e.AddOverride(new MappingModel { Request = new RequestModel { Path = "/v1/user" }, Response = new ResponseModel() }))
            .Should().Throw<ApiException>().Which.StatusCode.Should().Be(400);
        emulator.Invoking(e => e.AddOverride(WireMock.RequestBuilders.Request.Create().WithPath("/elsewhere"), WireMock.ResponseBuilders.Response.Create()))
            .Should().Throw<ApiException>().Which.Message.Should().Contain("can never match a vendor request");
    }

    [Fact]
    public async Task With_an_admin_token_the_override_routes_require_it()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "s3cret" });
        using var control = emulator.CreateClient();
        var mapping = OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418);

        (await control.PostOverridesAsync(mapping)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await control.GetAsync("_emulator/overrides")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await control.DeleteAsync("_emulator/overrides")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        emulator.GetOverrides().Should().BeEmpty();

        control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        var guid = (await control.AddOverridesAsync(mapping)).Single()!["guid"].Str();
        (await control.GetAsync($"_emulator/overrides/{guid}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await control.DeleteAsync($"_emulator/overrides/{guid}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Reset_leaves_the_overrides_installed_as_it_leaves_the_faults()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        await control.AddOverridesAsync(OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418));

        (await control.PostAsync("_emulator/reset", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await control.OverridesAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Assigned_guids_are_drawn_from_the_seed()
    {
        var mappings = $"[{OverrideTestKit.Mapping("GET", "/gitbook/v1/user", 418)},{OverrideTestKit.Mapping("GET", "/gitbook/v1/orgs", 418)}]";
        await using var first = await IntegrationsEmulator.StartAsync();
        await using var second = await IntegrationsEmulator.StartAsync();
        await using var otherSeed = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = 7 });

        var guids = first.AddOverrides(mappings).Select(o => o.Guid).ToList();

        second.AddOverrides(mappings).Select(o => o.Guid).Should().Equal(guids);
        otherSeed.AddOverrides(mappings).Select(o => o.Guid).Should().NotIntersectWith(guids);
        guids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_openapi_document_describes_the_override_routes()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        var paths = JsonNode.Parse(await control.GetStringAsync("_emulator/openapi.json"))!["paths"]!;

        paths["/_emulator/overrides"]!["post"]!["responses"]!["201"].Should().NotBeNull();
        paths["/_emulator/overrides"]!["post"]!["responses"]!["400"].Should().NotBeNull();
        paths["/_emulator/overrides"]!["get"].Should().NotBeNull();
        paths["/_emulator/overrides"]!["delete"].Should().NotBeNull();
        paths["/_emulator/overrides/{guid}"]!["get"]!["responses"]!["404"].Should().NotBeNull();
        paths["/_emulator/overrides/{guid}"]!["delete"]!["responses"]!["404"].Should().NotBeNull();
    }
}
