using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress.Tunnel;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>One emulator on Kestrel for the tunnel tests: WebSockets need a socket.</summary>
public sealed class KestrelEmulatorFixture : IAsyncLifetime
{
    public IntegrationsEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await IntegrationsEmulator.StartOnKestrelAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>The dev tunnel the emulator serves for <c>bp dev</c> (protocol of <c>@bpinternal/tunnel</c>).</summary>
public sealed class DevTunnelTests(KestrelEmulatorFixture fixture) : IClassFixture<KestrelEmulatorFixture>
{
    private IntegrationsEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task Http_to_the_tunnel_url_goes_down_the_websocket_and_the_tails_answer_comes_back()
    {
        await using var tail = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        using var http = Emulator.CreateClient();

        var call = http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{tail.Id}/hooks/github?delivery=7")
        {
            Content = new StringContent("""{"action":"opened"}""", Encoding.UTF8, "application/json"),
            Headers = { { "x-github-event", "issues" } },
        });
        var request = (await tail.ReceiveAsync())!;

        ((string?)request["type"]).Should().Be("request");
        ((string?)request["method"]).Should().Be("POST");
        ((string?)request["path"]).Should().Be("/hooks/github");
        ((string?)request["query"]).Should().Be("delivery=7");
        ((string?)request["body"]).Should().Be("""{"action":"opened"}""");
        ((string?)request["headers"]!["x-github-event"]).Should().Be("issues");
        request["headers"]!.AsObject().Should().NotContainKey("content-length", "hop-by-hop and length headers are the tail's to set");

        await tail.SendAsync("""{"type":"hello"}""");
        await tail.RespondAsync(request, 201, "created", new JsonObject { ["x-answered-by"] = "tail", ["set-cookie"] = new JsonArray("a=1", "b=2") });
        using var response = await call;

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Content.ReadAsStringAsync()).Should().Be("created");
        response.Headers.GetValues("x-answered-by").Should().Equal("tail");
        response.Headers.GetValues("set-cookie").Should().Equal("a=1", "b=2");
    }

    [Fact]
    public async Task A_tunnel_that_is_not_connected_answers_404_and_a_second_tail_on_a_connected_id_is_refused_with_4001()
    {
        using var http = Emulator.CreateClient();
        using var missing = await http.GetAsync(Guid.NewGuid().ToString());
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("not connected");

        await using var first = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        await using var second = await TunnelTail.ConnectAsync(Emulator.BaseAddress, first.Id);
        (await second.ReceiveAsync()).Should().BeNull();
        second.CloseStatus.Should().Be((WebSocketCloseStatus)4001);
        first.State.Should().Be(WebSocketState.Open);
    }

    [Fact]
    public async Task A_tail_that_sends_garbage_is_closed_with_4002_and_the_request_in_flight_gets_502()
    {
        await using var tail = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        using var http = Emulator.CreateClient();

        var call = http.GetAsync(tail.Id);
        await tail.ReceiveAsync();
        await tail.SendAsync("""{"type":"response","status":"soon"}""");
        using var response = await call;

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await tail.ReceiveAsync()).Should().BeNull();
        tail.CloseStatus.Should().Be((WebSocketCloseStatus)4002);
        await WaitUntilAsync(() => Emulator.Services.GetRequiredService<DevTunnels>().Find(tail.Id) is null);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_reaches_the_tail()
    {
        await using var small = await IntegrationsEmulator.StartOnKestrelAsync(EmulatorOptions.Default with { MaxRequestBodyBytes = 256 });
        await using var tail = await TunnelTail.ConnectAsync(small.BaseAddress);
        using var http = small.CreateClient();

        using var response = await http.PostAsync(tail.Id, new StringContent(new string('x', 1000)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        tail.State.Should().Be(WebSocketState.Open);

        // A webhook URL likewise, in the Botpress envelope.
        using var botpress = small.CreateBotpressClient();
        var integration = await CreateAsync(botpress, UniqueName("big"));
        var bot = (await botpress.PostJsonAsync("v1/admin/bots", new JsonObject()).OkJsonAsync())["bot"]!;
        var installed = await botpress.PutJsonAsync($"v1/admin/bots/{bot["id"]}", new JsonObject
        {
            ["integrations"] = new JsonObject { [(string)integration["id"]!] = new JsonObject() },
        }).OkJsonAsync();
        var webhookUrl = (string)installed["bot"]!["integrations"]![(string)integration["id"]!]!["webhookUrl"]!;
        await http.PostAsync(webhookUrl, new StringContent(new string('x', 1000)))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge", "256");
    }

    [Fact]
    public async Task The_dispatcher_reaches_an_integration_through_its_tunnel_url_or_over_plain_http()
    {
        var dispatcher = Emulator.Services.GetRequiredService<IntegrationDispatcher>();
        var headers = IntegrationDispatcher.OperationHeaders("webhook_received", "bot_1", "intver_1", "wh_1", new JsonObject { ["apiKey"] = "k" }, null);
        var call = new IntegrationRequest("POST", "/", null, headers, """{"req":{}}""");

        await using var tail = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        var viaTunnel = dispatcher.SendAsync(tail.HttpUrl(Emulator.BaseAddress), call, CancellationToken.None);
        var request = (await tail.ReceiveAsync())!;
        ((string?)request["headers"]!["x-bp-operation"]).Should().Be("webhook_received");
        ((string?)request["headers"]!["x-bot-user-id"]).Should().Be("user_1");
        Encoding.UTF8.GetString(Convert.FromBase64String((string)request["headers"]!["x-bp-configuration"]!)).Should().Be("""{"apiKey":"k"}""");
        await tail.RespondAsync(request, 200, """{"ok":true}""");
        (await viaTunnel).Body.Should().Be("""{"ok":true}""");

        using var server = WireMockServer.Start(new WireMockServerSettings { MaxRequestLogCount = 10, StartAdminInterface = false });
        server.Given(Request.Create().WithPath("/integration").UsingPost().WithHeader("x-bp-operation", "webhook_received"))
            .RespondWith(Response.Create().WithStatusCode(202).WithBody("plain"));
        var overHttp = await dispatcher.SendAsync(server.Url + "/integration", call, CancellationToken.None);
        overHttp.Status.Should().Be(202);
        overHttp.Body.Should().Be("plain");

        var unreachable = () => dispatcher.SendAsync("", call, CancellationToken.None);
        await unreachable.Should().ThrowAsync<IntegrationUnreachableException>().WithMessage("*no url*");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        condition().Should().BeTrue();
    }
}
