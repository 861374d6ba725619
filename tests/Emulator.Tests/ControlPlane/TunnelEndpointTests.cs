using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// <c>POST/GET/DELETE /_emulator/tunnels</c> (the tunnel edge the stand-in cloudflared registers with) and their
/// in-process twins: registering, listing, removing, validation, conflicts, the admin token, the OpenAPI document.
/// What a registered host does to deliveries is in <c>GitBook/DispatchTests</c>.
/// </summary>
public sealed class TunnelEndpointTests
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient control, string json) =>
        control.PostAsync("_emulator/tunnels", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> ErrorOf(HttpResponseMessage response, HttpStatusCode status, string mention)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        var error = JsonNode.Parse(text)!["error"]!.AsObject();
        error["code"]!.GetValue<int>().Should().Be((int)status);
        error["message"]!.GetValue<string>().Should().Contain(mention);
        return error;
    }

    [Fact]
    public async Task Post_registers_201_then_get_lists_and_finds_it_and_delete_removes_it()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        using var created = await PostAsync(control, """{"url":"https://Calm-River-Tiny-Fox.trycloudflare.com","origin":"http://localhost:8787"}""");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/_emulator/tunnels/calm-river-tiny-fox.trycloudflare.com");
        var route = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        route["url"]!.GetValue<string>().Should().Be("https://calm-river-tiny-fox.trycloudflare.com");
        route["host"]!.GetValue<string>().Should().Be("calm-river-tiny-fox.trycloudflare.com");
        route["origin"]!.GetValue<string>().Should().Be("http://localhost:8787");
        DateTimeOffset.Parse(route["createdAt"]!.GetValue<string>()).Should().BeCloseTo(emulator.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));

        var list = (await control.GetFromJsonAsync<JsonObject>("_emulator/tunnels"))!["tunnels"]!.AsArray();
        list.Should().ContainSingle().Which!.ToJsonString().Should().Be(route.ToJsonString());
        (await control.GetFromJsonAsync<JsonObject>("_emulator/tunnels/CALM-river-tiny-fox.trycloudflare.com"))!.ToJsonString().Should().Be(route.ToJsonString());

        (await control.DeleteAsync("_emulator/tunnels/calm-river-tiny-fox.trycloudflare.com")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ErrorOf(await control.GetAsync("_emulator/tunnels/calm-river-tiny-fox.trycloudflare.com"), HttpStatusCode.NotFound, "calm-river-tiny-fox");
        await ErrorOf(await control.DeleteAsync("_emulator/tunnels/calm-river-tiny-fox.trycloudflare.com"), HttpStatusCode.NotFound, "no tunnel");
        emulator.GetTunnels().Should().BeEmpty();
    }

    [Fact]
    public async Task A_registered_host_is_409_until_it_is_removed()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        (await PostAsync(control, """{"url":"https://a-b.trycloudflare.com","origin":"http://localhost:1"}""")).StatusCode.Should().Be(HttpStatusCode.Created);

        await ErrorOf(await PostAsync(control, """{"url":"https://A-B.trycloudflare.com","origin":"http://localhost:2"}"""), HttpStatusCode.Conflict, "http://localhost:1");

        emulator.RemoveTunnel("a-b.trycloudflare.com").Should().BeTrue();
        (await PostAsync(control, """{"url":"https://a-b.trycloudflare.com","origin":"http://localhost:2"}""")).StatusCode.Should().Be(HttpStatusCode.Created);
        emulator.GetTunnels().Single().Origin.Should().Be("http://localhost:2");
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("[]", "body")]
    [InlineData("{\"origin\":\"http://localhost:1\"}", "url")]
    [InlineData("{\"url\":\"https://x.trycloudflare.com\"}", "origin")]
    [InlineData("{\"url\":\"not a url\",\"origin\":\"http://localhost:1\"}", "url")]
    [InlineData("{\"url\":\"ftp://x.trycloudflare.com\",\"origin\":\"http://localhost:1\"}", "url")]
    [InlineData("{\"url\":\"https://x.trycloudflare.com/path\",\"origin\":\"http://localhost:1\"}", "url")]
    [InlineData("{\"url\":\"https://x.trycloudflare.com\",\"origin\":\"localhost:1\"}", "origin")]
    [InlineData("{\"url\":\"https://x.trycloudflare.com\",\"origin\":\"http://localhost:1/?q=1\"}", "origin")]
    [InlineData("{\"url\":5,\"origin\":\"http://localhost:1\"}", "url")]
    [InlineData("{\"url\":\"https://x.trycloudflare.com\",\"origin\":\"http://localhost:1\",\"ttl\":1}", "ttl")]
    public async Task A_bad_registration_is_400_naming_the_field(string body, string field)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        await ErrorOf(await PostAsync(control, body), HttpStatusCode.BadRequest, field);

        emulator.GetTunnels().Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_all_clears_and_a_reset_keeps_the_tunnels()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();
        emulator.AddTunnel("https://one.trycloudflare.com", "http://localhost:1");
        emulator.AddTunnel("https://two.trycloudflare.com", "http://127.0.0.1:2/base");

        emulator.Reset();
        emulator.GetTunnels().Select(t => t.Host).Should().Equal("one.trycloudflare.com", "two.trycloudflare.com");
        emulator.GetTunnels()[1].Origin.Should().Be("http://127.0.0.1:2/base");

        (await control.DeleteAsync("_emulator/tunnels")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await control.GetFromJsonAsync<JsonObject>("_emulator/tunnels"))!["tunnels"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public void Resolve_keeps_path_and_query_on_the_origin_and_leaves_other_hosts_alone()
    {
        var registry = new TunnelRegistry(TimeProvider.System);
        registry.Add(new Uri("https://calm.trycloudflare.com"), new Uri("http://localhost:8787/base/"), out _);

        var (target, route, closed) = registry.Resolve(new Uri("https://CALM.trycloudflare.com/v1/x?y=1"));
        target.ToString().Should().Be("http://localhost:8787/base/v1/x?y=1");
        route!.Host.Should().Be("calm.trycloudflare.com");
        closed.Should().BeNull();

        var (other, none, never) = registry.Resolve(new Uri("https://else.trycloudflare.com/v1"));
        other.ToString().Should().Be("https://else.trycloudflare.com/v1");
        none.Should().BeNull();
        never.Should().BeNull("a host that was never a tunnel here is called as it is");
    }

    [Fact]
    public void A_removed_tunnel_is_closed_until_its_host_registers_again()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = new TunnelRegistry(clock);
        registry.Add(new Uri("https://calm.trycloudflare.com"), new Uri("http://localhost:1"), out _);
        clock.Advance(TimeSpan.FromMinutes(5));

        registry.Remove("calm.trycloudflare.com").Should().BeTrue();

        var closed = registry.Resolve(new Uri("https://calm.trycloudflare.com/x"));
        closed.Route.Should().BeNull();
        closed.ClosedAt.Should().Be(clock.GetUtcNow());
        closed.Target.ToString().Should().Be("https://calm.trycloudflare.com/x");
        registry.Add(new Uri("https://calm.trycloudflare.com"), new Uri("http://localhost:2"), out _);
        registry.Resolve(new Uri("https://calm.trycloudflare.com/x")).ClosedAt.Should().BeNull();
    }

    [Fact]
    public async Task The_routes_need_the_admin_token_when_one_is_set_and_are_in_the_openapi_document()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "s3cret" });
        using var control = emulator.CreateClient();

        (await PostAsync(control, """{"url":"https://a.trycloudflare.com","origin":"http://localhost:1"}""")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await control.GetAsync("_emulator/tunnels")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        (await PostAsync(control, """{"url":"https://a.trycloudflare.com","origin":"http://localhost:1"}""")).StatusCode.Should().Be(HttpStatusCode.Created);

        var document = JsonNode.Parse(await control.GetStringAsync("_emulator/openapi.json"))!;
        var paths = document["paths"]!.AsObject();
        paths["/_emulator/tunnels"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "post", "delete"]);
        paths["/_emulator/tunnels/{host}"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "delete"]);
        document["components"]!["schemas"]!["TunnelRegistration"].Should().NotBeNull();
    }
}
