using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>What the pipeline refuses before a handler acts, in Membrane's envelope: bodies, content types, routes, methods.</summary>
public sealed class PipelineTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>Every route that takes a JSON body.</summary>
    public static TheoryData<string, string> BodyRoutes() => new()
    {
        { "POST", "integrations" },
        { "PUT", "integrations/hubspot" },
        { "PATCH", "integrations/hubspot" },
        { "POST", "connection-options" },
        { "POST", "integrations/hubspot/actions" },
        { "PUT", "integrations/hubspot/flows/sync-contacts" },
        { "PATCH", "integrations/hubspot/data-sources/contacts" },
        { "POST", "integrations/hubspot/field-mappings" },
    };

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Malformed_json_is_400_bad_request(string method, string url)
    {
        using var membrane = fixture.Emulator.Membrane();

        foreach (var body in new[] { "{", "{\"name\": }", "{'name': 'x'}", "{\"name\":\"a\",}", "{\"name\":\"a\",\"name\":\"b\"}" })
            await membrane.SendRawAsync(new HttpMethod(method), url, body).ShouldBeBadRequestAsync();
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task A_json_body_that_is_not_an_object_is_400(string method, string url)
    {
        using var membrane = fixture.Emulator.Membrane();

        foreach (var body in new[] { "[]", "\"x\"", "42", "null" })
            await membrane.SendRawAsync(new HttpMethod(method), url, body).ShouldBeBadRequestAsync();
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task A_body_that_is_not_json_is_415(string method, string url)
    {
        using var membrane = fixture.Emulator.Membrane();

        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
            await membrane.SendRawAsync(new HttpMethod(method), url, "{}", contentType)
                .ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "bad_request", null, contentType);
        await membrane.SendRawAsync(new HttpMethod(method), url, "{}", contentType: null)
            .ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "bad_request", null);
    }

    [Fact]
    public async Task Json_with_a_charset_or_a_plus_json_type_is_accepted()
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.SendRawAsync(HttpMethod.Post, Integrations, "{}", "application/json; charset=utf-8").OkJsonAsync();
        await membrane.SendRawAsync(HttpMethod.Post, Integrations, "{}", "application/vnd.api+json").OkJsonAsync();
    }

    [Theory]
    [InlineData("GET", "nope")]
    [InlineData("GET", "integrations/hubspot/nope")]
    [InlineData("GET", "integrations/hubspot/actions/create-contact/nope")]
    [InlineData("POST", "integrations/hubspot/archive")]
    [InlineData("GET", "connectors")]
    [InlineData("GET", "integration?id=x")]
    public async Task An_unknown_route_is_404_not_found(string method, string url)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)).ShouldBeNotFoundAsync(method);
    }

    [Theory]
    [InlineData("DELETE", "integrations")]
    [InlineData("PATCH", "integrations")]
    [InlineData("POST", "integrations/hubspot")]
    [InlineData("GET", "integrations/hubspot/restore")]
    [InlineData("GET", "integrations/hubspot/setup")]
    [InlineData("POST", "integrations/hubspot/connector-spec")]
    [InlineData("DELETE", "integrations/hubspot/operations")]
    [InlineData("GET", "connection-options")]
    [InlineData("DELETE", "integrations/hubspot/actions")]
    [InlineData("POST", "integrations/hubspot/flows/sync-contacts")]
    [InlineData("GET", "integrations/hubspot/data-sources/contacts/reset")]
    public async Task A_wrong_method_is_405(string method, string url)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))
            .ShouldFailAsync(HttpStatusCode.MethodNotAllowed, "bad_request", null, method);
    }

    [Fact]
    public async Task A_body_field_of_the_wrong_type_is_400_with_the_violations_in_data()
    {
        using var membrane = fixture.Emulator.Membrane();

        using var response = await membrane.SendRawAsync(HttpMethod.Post, Integrations, """{"name": 5, "meta": []}""");
        var text = await response.Content.ReadAsStringAsync();
        var error = await ErrorOf(response);

        error.Status.Should().Be(HttpStatusCode.BadRequest);
        error.Message.Should().Contain("name").And.Contain("meta");
        var paths = JsonNode.Parse(text)!["data"]!["errors"]!.AsArray().Select(e => Str(e!["path"]));
        paths.Should().Contain(["name", "meta"]);
    }

    [Fact]
    public async Task Errors_are_json_even_on_the_vendor_prefix_alone()
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.GetAsync("").ShouldBeNotFoundAsync();
    }
}
