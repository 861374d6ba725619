using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// renderIntegrationUIWithPost / renderIntegrationUIWithGet: rendered by the development tunnel (WireMock);
/// 412 without development mode, 502 when the tunnel fails or answers something that is not a ContentKitRenderOutput.
/// </summary>
public sealed class RenderTests(EmulatorFixture fixture, Tunnel tunnel) : IClassFixture<EmulatorFixture>, IClassFixture<Tunnel>
{
    private const string Element = "{\"type\":\"element\",\"element\":{\"type\":\"block\",\"children\":[]},\"state\":{\"step\":1},\"props\":{\"p\":\"v\"}}";

    private static JsonObject RenderRequest() => new()
    {
        ["componentId"] = "configure",
        ["props"] = new JsonObject { ["installationId"] = "abc" },
        ["context"] = new JsonObject { ["type"] = "configuration_account", ["theme"] = "light", ["organizationId"] = Home },
    };

    private sealed record Dev(HttpClient Client, string Name, string Url) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private async Task<Dev> InDevelopmentAsync(int status = 200, string? answer = Element)
    {
        var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route(status, answer);
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        return new Dev(gitbook, name, url);
    }

    [Fact]
    public async Task Render_POST_returns_what_the_tunnel_renders_and_records_a_ui_render_event()
    {
        using var dev = await InDevelopmentAsync();
        var (gitbook, name, url) = (dev.Client, dev.Name, dev.Url);

        using var response = await gitbook.PostJsonAsync($"v1/integrations/{name}/render", RenderRequest());

        var body = await response.OkJsonAsync();
        body.ToJsonString().Should().Be(JsonNode.Parse(Element)!.ToJsonString());
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var sent = tunnel.Bodies(url).Should().ContainSingle().Subject;
        Str(sent["type"]).Should().Be("ui_render");
        Str(sent["componentId"]).Should().Be("configure");
        Str(sent["props"]!["installationId"]).Should().Be("abc");
        Str(sent["context"]!["organizationId"]).Should().Be(Home);
        var recorded = (await EventsAsync(gitbook, name)).Single();
        Str(recorded["payload"]!["type"]).Should().Be("ui_render");
        Str(recorded["payload"]!["eventId"]).Should().Be(Str(sent["eventId"]));
        Str(recorded["status"]).Should().Be("success");
    }

    [Fact]
    public async Task Render_GET_takes_the_lz_string_compressed_request()
    {
        using var dev = await InDevelopmentAsync(answer: "{\"type\":\"complete\",\"returnValue\":{\"done\":true}}");
        var (gitbook, name, url) = (dev.Client, dev.Name, dev.Url);
        var compressed = TestLzString.CompressToEncodedUriComponent(RenderRequest().ToJsonString());

        using var response = await gitbook.GetAsync($"v1/integrations/{name}/render?request={Uri.EscapeDataString(compressed)}");

        var body = await response.OkJsonAsync();
        Str(body["type"]).Should().Be("complete");
        body["returnValue"]!["done"]!.GetValue<bool>().Should().BeTrue();
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var sent = tunnel.Bodies(url).Should().ContainSingle().Subject;
        Str(sent["type"]).Should().Be("ui_render");
        Str(sent["componentId"]).Should().Be("configure");
        Str(sent["context"]!["type"]).Should().Be("configuration_account");
    }

    [Fact]
    public async Task Render_GET_accepts_a_value_made_by_the_npm_lz_string_package()
    {
        // node: require('lz-string').compressToEncodedURIComponent(JSON.stringify({componentId:'configure',props:{},
        //   context:{type:'configuration_account',theme:'light',organizationId:'emulator-org'}}))
        const string FromNode = "N4Igxg9gtgDhB2BTeAXAkgExALnAgZgJYDmArgE6IgA0IM5EMAzjsAL62SqIAeKrIFAE8YVXFyJlyAQxSEEAfWlhIpVDUEALRFDEgANiU39aEcsWnxCAL1nz4mHCB2l9sswFozxEGzZA";
        using var dev = await InDevelopmentAsync();
        var (gitbook, name, url) = (dev.Client, dev.Name, dev.Url);

        await gitbook.GetAsync($"v1/integrations/{name}/render?request={FromNode}").OkJsonAsync();

        var sent = tunnel.Bodies(url).Should().ContainSingle().Subject;
        Str(sent["context"]!["organizationId"]).Should().Be(Home);
        sent["props"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Render_without_development_mode_is_412()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var compressed = TestLzString.CompressToEncodedUriComponent(RenderRequest().ToJsonString());

        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", RenderRequest()).ShouldFailAsync(HttpStatusCode.PreconditionFailed, "development mode");
        await gitbook.GetAsync($"v1/integrations/{name}/render?request={compressed}").ShouldFailAsync(HttpStatusCode.PreconditionFailed, "development mode");

        (await EventsAsync(gitbook, name)).Should().BeEmpty();
    }

    [Fact]
    public async Task Render_after_development_mode_was_disabled_is_412()
    {
        using var dev = await InDevelopmentAsync();
        var (gitbook, name, url) = (dev.Client, dev.Name, dev.Url);
        await gitbook.DeleteAsync($"v1/integrations/{name}/dev").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", RenderRequest()).ShouldFailAsync(HttpStatusCode.PreconditionFailed);

        tunnel.Received(url).Should().BeEmpty();
    }

    [Theory]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("{\"type\":\"element\",\"element\":{\"type\":\"block\",\"children\":[]}}")]
    [InlineData("{\"type\":\"complete\",\"returnValue\":\"not an object\"}")]
    public async Task A_tunnel_answer_that_is_not_a_ContentKitRenderOutput_is_502_and_fails_the_event(string answer)
    {
        using var dev = await InDevelopmentAsync(answer: answer);
        var (gitbook, name) = (dev.Client, dev.Name);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", RenderRequest()).ShouldFailAsync(HttpStatusCode.BadGateway, "ContentKitRenderOutput");

        var recorded = (await EventsAsync(gitbook, name)).Single();
        Str(recorded["status"]).Should().Be("failed");
        var trace = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(recorded["id"])}").OkJsonAsync();
        Str(trace["trace"]!["logs"]!.AsArray().Last()!["message"]).Should().Contain("ContentKitRenderOutput");
    }

    [Theory]
    [InlineData(500, "{\"error\":\"boom\"}")]
    [InlineData(200, null)]
    [InlineData(200, "[1,2]")]
    public async Task A_failing_tunnel_is_502(int status, string? answer)
    {
        using var dev = await InDevelopmentAsync(status, answer);
        var (gitbook, name) = (dev.Client, dev.Name);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", RenderRequest()).ShouldFailAsync(HttpStatusCode.BadGateway, "tunnel");

        Str((await EventsAsync(gitbook, name)).Single()["status"]).Should().Be("failed");
    }

    [Fact]
    public async Task An_unreachable_tunnel_is_502()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = Tunnel.Unreachable() }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", RenderRequest()).ShouldFailAsync(HttpStatusCode.BadGateway, "tunnel");
    }

    [Theory]
    [InlineData("componentId")]
    [InlineData("props")]
    [InlineData("context")]
    public async Task Render_POST_validates_its_body(string field)
    {
        using var dev = await InDevelopmentAsync();
        var (gitbook, name, url) = (dev.Client, dev.Name, dev.Url);
        var body = RenderRequest();
        body.Remove(field);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", body).ShouldFailAsync(HttpStatusCode.BadRequest, field);

        tunnel.Received(url).Should().BeEmpty();
    }

    [Fact]
    public async Task Render_GET_validates_its_request()
    {
        using var dev = await InDevelopmentAsync();
        var (gitbook, name, url) = (dev.Client, dev.Name, dev.Url);
        var withoutContext = RenderRequest();
        withoutContext.Remove("context");

        await gitbook.GetAsync($"v1/integrations/{name}/render").ShouldFailAsync(HttpStatusCode.BadRequest, "request");
        await gitbook.GetAsync($"v1/integrations/{name}/render?request=!!!").ShouldFailAsync(HttpStatusCode.BadRequest, "request");
        await gitbook.GetAsync($"v1/integrations/{name}/render?request={TestLzString.CompressToEncodedUriComponent("not json")}").ShouldFailAsync(HttpStatusCode.BadRequest, "request");
        await gitbook.GetAsync($"v1/integrations/{name}/render?request={TestLzString.CompressToEncodedUriComponent("[1]")}").ShouldFailAsync(HttpStatusCode.BadRequest, "request");
        await gitbook.GetAsync($"v1/integrations/{name}/render?request={TestLzString.CompressToEncodedUriComponent(withoutContext.ToJsonString())}")
            .ShouldFailAsync(HttpStatusCode.BadRequest, "request", "context");

        tunnel.Received(url).Should().BeEmpty();
    }

    [Fact]
    public async Task Render_of_an_unknown_integration_is_404()
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.PostJsonAsync($"v1/integrations/{UniqueName()}/render", RenderRequest()).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/render?request={TestLzString.CompressToEncodedUriComponent(RenderRequest().ToJsonString())}")
            .ShouldFailAsync(HttpStatusCode.NotFound);
    }
}
