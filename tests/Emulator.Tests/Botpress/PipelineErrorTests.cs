using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>What the pipeline refuses before a handler acts: credentials, headers, bodies, routes, methods, sizes.</summary>
public sealed class PipelineErrorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer two tokens")]
    [InlineData("bp_pat_without_scheme")]
    public async Task A_missing_or_malformed_bearer_is_401_Unauthorized_on_every_kind_of_route(string? authorization)
    {
        using var http = fixture.Emulator.CreateClient();
        foreach (var (method, url) in ((HttpMethod, string)[])[
            (HttpMethod.Get, $"botpress/{Hub}"), (HttpMethod.Get, $"botpress/{Integrations}"), (HttpMethod.Post, $"botpress/{Integrations}"),
            (HttpMethod.Delete, $"botpress/{Iaks}/iak_x")])
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add("x-workspace-id", "wkspace_x");
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (method != HttpMethod.Get) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

            await http.SendAsync(request).ShouldFailAsync(HttpStatusCode.Unauthorized, "Unauthorized", "Authorization");
        }
    }

    /// <summary>All 21 operations: method, path, and whether the route is workspace-scoped (all but the hub's three).</summary>
    public static TheoryData<string, string, bool> EveryOperation() => new()
    {
        { "GET", Hub, false },
        { "GET", $"{Hub}/intver_x", false },
        { "GET", $"{Hub}/slack/latest", false },
        { "POST", Integrations, true },
        { "GET", Integrations, true },
        { "POST", $"{Integrations}/validate", true },
        { "GET", $"{Integrations}/intver_x", true },
        { "PUT", $"{Integrations}/intver_x", true },
        { "PUT", $"{Integrations}/intver_x/validate", true },
        { "DELETE", $"{Integrations}/intver_x", true },
        { "GET", $"{Integrations}/intver_x/logs?timeStart=2000-01-01T00:00:00Z", true },
        { "GET", $"{Integrations}/slack/latest", true },
        { "POST", $"{Integrations}/request-verification", true },
        { "GET", $"{Iaks}?integrationId=intver_x", true },
        { "POST", Iaks, true },
        { "DELETE", $"{Iaks}/iak_x", true },
        { "POST", "v1/admin/bots/bot_x/integrations/intver_x/shareable-id", true },
        { "GET", "v1/admin/bots/bot_x/integrations/intver_x/shareable-id", true },
        { "DELETE", "v1/admin/bots/bot_x/integrations/intver_x/shareable-id", true },
        { "DELETE", "v1/admin/bots/bot_x/integrations/intver_x/sandboxed-conversations", true },
        { "POST", $"{Integrations}/intver_x/signing-secrets/rotate", true },
    };

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Every_operation_wants_a_bearer_and_every_workspace_operation_an_x_workspace_id(string method, string url, bool workspaceScoped)
    {
        using var anonymous = fixture.Emulator.CreateBotpressClient(workspaceId: BotpressDefaults.WorkspaceId);
        anonymous.DefaultRequestHeaders.Authorization = null;
        using var noWorkspace = fixture.Emulator.CreateBotpressClient(workspaceId: null);
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        await anonymous.SendAsync(Request()).ShouldFailAsync(HttpStatusCode.Unauthorized, "Unauthorized", "Authorization");
        using var response = await noWorkspace.SendAsync(Request());
        if (workspaceScoped) await response.ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "x-workspace-id");
        else if (!response.IsSuccessStatusCode) (await ErrorOf(response)).Message.Should().NotContain("x-workspace-id", "hub routes take no workspace");
    }

    [Fact]
    public async Task Workspace_routes_need_a_well_formed_x_workspace_id()
    {
        using var none = fixture.Emulator.CreateBotpressClient(workspaceId: null);
        using var bad = fixture.Emulator.CreateBotpressClient(workspaceId: "not a workspace!");

        await none.GetAsync(Integrations).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "x-workspace-id");
        await none.PostJsonAsync(Integrations, Body(UniqueName())).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "x-workspace-id");
        await none.GetAsync($"{Iaks}?integrationId=x").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "x-workspace-id");
        await bad.GetAsync(Integrations).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "x-workspace-id");
        (await none.GetAsync(Hub).OkJsonAsync())["integrations"].Should().NotBeNull("hub routes take no workspace");
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{} {}")]
    [InlineData("{\"name\":\"x\"}x")]
    [InlineData("{'name':'single-quoted','version':'1.0.0'}")]
    [InlineData("{\"name\":\"trailing-comma\",\"version\":\"1.0.0\",}")]
    [InlineData("{\"name\":\"commented\" /* note */,\"version\":\"1.0.0\"}")]
    public async Task Malformed_json_is_400_InvalidPayload(string body)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        await botpress.SendRawAsync(HttpMethod.Post, Integrations, body).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "JSON");
        IntegrationsOf(await botpress.GetAsync(Integrations).OkJsonAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_json_is_415_UnsupportedMediaType(string? contentType)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        await botpress.SendRawAsync(HttpMethod.Post, Integrations, $"{{\"name\":\"{UniqueName()}\",\"version\":\"1.0.0\"}}", contentType)
            .ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", "Content-Type");
        IntegrationsOf(await botpress.GetAsync(Integrations).OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Json_with_a_charset_or_a_json_suffix_is_accepted()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        (await botpress.SendRawAsync(HttpMethod.Post, Integrations, $"{{\"name\":\"{UniqueName()}\",\"version\":\"1.0.0\"}}", "application/json; charset=utf-8").OkJsonAsync())
            ["integration"].Should().NotBeNull();
        (await botpress.SendRawAsync(HttpMethod.Post, Integrations, $"{{\"name\":\"{UniqueName()}\",\"version\":\"1.0.0\"}}", "application/vnd.api+json").OkJsonAsync())
            ["integration"].Should().NotBeNull();
    }

    [Fact]
    public async Task Bodiless_operations_accept_no_body_or_an_empty_object_only()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var first = IdOf(await CreateAsync(botpress, UniqueName()));
        var second = IdOf(await CreateAsync(botpress, UniqueName()));

        await botpress.SendRawAsync(HttpMethod.Delete, $"{Integrations}/{first}", "{\"force\":true}").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "body");
        (await botpress.DeleteAsync($"{Integrations}/{first}").OkJsonAsync()).Should().BeEmpty();
        (await botpress.DeleteJsonAsync($"{Integrations}/{second}").OkJsonAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET", "botpress/v1/admin/nothing-here")]
    [InlineData("GET", "botpress/v1/admin/integrations/a/b/c")]
    [InlineData("POST", "botpress/v2/admin/integrations")]
    [InlineData("GET", "botpress/v1/admin/bots/bot_x/integrations")]
    public async Task Unknown_routes_are_404_ResourceNotFound(string method, string url)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        botpress.BaseAddress = fixture.Emulator.BaseAddress;

        await botpress.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "/" + url);
    }

    [Theory]
    [InlineData("PATCH", "v1/admin/integrations/intver_x")]
    [InlineData("POST", "v1/admin/hub/integrations")]
    [InlineData("DELETE", "v1/admin/hub/integrations/intver_x")]
    [InlineData("PUT", "v1/admin/integrations")]
    [InlineData("POST", "v1/admin/integrations/intver_x/logs")]
    [InlineData("PUT", "v1/admin/bots/bot_x/integrations/intver_x/shareable-id")]
    public async Task A_wrong_method_is_405_MethodNotFound(string method, string url)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
            .ShouldFailAsync(HttpStatusCode.MethodNotAllowed, "MethodNotFound", method);
    }

    [Fact]
    public async Task Literal_segments_win_over_ids_in_routes()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.GetAsync(Iaks).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "integrationId");
        await botpress.GetAsync($"{Integrations}/intver_x/logs").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "timeStart");
        await botpress.PostJsonAsync($"{Integrations}/validate", new JsonObject()).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "name");
    }

    [Fact]
    public async Task An_oversized_body_is_413_PayloadTooLarge_with_or_without_a_content_length()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { MaxRequestBodyBytes = 1024 });
        using var botpress = emulator.CreateClientInNewWorkspace();
        var big = Body(UniqueName(), "1.0.0", new JsonObject { ["code"] = new string('x', 4096) }).ToJsonString();

        await botpress.SendRawAsync(HttpMethod.Post, Integrations, big).ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge", "1024");
        var chunked = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await botpress.PostAsync(Integrations, chunked).ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge", "1024");

        IntegrationsOf(await botpress.GetAsync(Integrations).OkJsonAsync()).Should().BeEmpty();
        (await botpress.PostJsonAsync(Integrations, Body(UniqueName())).OkJsonAsync())["integration"].Should().NotBeNull("small bodies still pass");
    }

    [Fact]
    public async Task Errors_never_leak_as_500_for_odd_but_well_formed_input()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        foreach (var json in (string[])["null", "42", "\"text\"", "{\"name\":null,\"version\":null}", "{\"name\":[],\"version\":{}}"])
        {
            using var response = await botpress.SendRawAsync(HttpMethod.Post, Integrations, json);
            await response.ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload");
        }
        await botpress.GetAsync($"{Integrations}?limit=99999999999999999999999").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "limit");
    }

    /// <summary>A stream that hides its length, so the request goes out without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
