using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.Reliability;

/// <summary>
/// Every control-plane error is one envelope, <c>{"error":{"code":&lt;status&gt;,"message":...}}</c>, with the right
/// status; a JSON body is read whatever content type it came with (curl -d sends application/x-www-form-urlencoded).
/// </summary>
public sealed class ControlPlaneEnvelopeTests
{
    private static async Task<JsonObject> ShouldFailAsync(HttpResponseMessage response, HttpStatusCode status, params string[] mentions)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        var error = JsonNode.Parse(text)!["error"].Should().BeOfType<JsonObject>().Subject;
        error["code"]!.GetValue<int>().Should().Be((int)status);
        var message = error["message"]!.GetValue<string>();
        foreach (var mention in mentions) message.Should().Contain(mention);
        return error;
    }

    [Fact]
    public async Task An_unknown_control_route_is_a_404_in_the_envelope()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        await ShouldFailAsync(await http.GetAsync("_emulator/nope"), HttpStatusCode.NotFound, "GET", "/_emulator/nope");
        await ShouldFailAsync(await http.PostAsync("_emulator/faults/x/y", null), HttpStatusCode.NotFound, "/_emulator/faults/x/y");
        await ShouldFailAsync(await http.GetAsync("not-a-vendor/anything"), HttpStatusCode.NotFound, "/not-a-vendor/anything");
    }

    [Fact]
    public async Task A_wrong_method_on_a_control_route_is_a_405_with_Allow_in_the_envelope()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var response = await http.DeleteAsync("_emulator/reset");
        await ShouldFailAsync(response, HttpStatusCode.MethodNotAllowed, "DELETE", "/_emulator/reset", "POST");
        response.Content.Headers.Allow.Should().Contain("POST");

        response = await http.PutAsync("_emulator/faults", null);
        await ShouldFailAsync(response, HttpStatusCode.MethodNotAllowed, "PUT");
        response.Content.Headers.Allow.Should().Contain(["GET", "POST", "DELETE"]);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task A_JSON_body_is_read_whatever_its_content_type(string? contentType)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        (await http.SendAsync(Post("_emulator/reset", """{"vendor":"gitbook"}""", contentType))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ShouldFailAsync(await http.SendAsync(Post("_emulator/reset", """{"vendor":"nope"}""", contentType)), HttpStatusCode.BadRequest, "nope");
        var clock = await http.SendAsync(Post("_emulator/clock", """{"freeze":true}""", contentType));
        clock.StatusCode.Should().Be(HttpStatusCode.OK, await clock.Content.ReadAsStringAsync());
        var fault = await http.SendAsync(Post("_emulator/faults", """{"vendor":"gitbook","status":503}""", contentType));
        fault.StatusCode.Should().Be(HttpStatusCode.Created, await fault.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_body_that_is_not_JSON_is_a_400_saying_what_to_send()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        await ShouldFailAsync(await http.SendAsync(Post("_emulator/reset", "vendor=gitbook", "application/x-www-form-urlencoded")),
            HttpStatusCode.BadRequest, "JSON");
    }

    [Fact]
    public async Task A_missing_or_wrong_admin_token_is_a_401_in_the_envelope()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "s3cret" });
        using var http = emulator.CreateClient();

        await ShouldFailAsync(await http.GetAsync("_emulator/tenants"), HttpStatusCode.Unauthorized, "admin token");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cre");
        await ShouldFailAsync(await http.GetAsync("_emulator/clock"), HttpStatusCode.Unauthorized, "admin token");
    }

    private static HttpRequestMessage Post(string url, string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }
}
