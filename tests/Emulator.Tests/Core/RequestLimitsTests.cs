using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.Botpress;
using IntegrationsApiEmulator.Tests.GitBook;

namespace IntegrationsApiEmulator.Tests.Core;

/// <summary>One emulator on Kestrel (a real socket: Kestrel's own limits and framing apply) for <see cref="RequestLimitsTests"/>.</summary>
public sealed class KestrelFixture : IAsyncLifetime
{
    public IntegrationsEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await IntegrationsEmulator.StartOnKestrelAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>
/// What a request carries besides its JSON — target, headers, body size — is refused by the emulator in the vendor's
/// envelope, not by Kestrel with an empty body; and a refusal reaches a client that sends its whole body first.
/// Raw sockets, so that nothing in a client library hides what the server does.
/// </summary>
public sealed class RequestLimitsTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    private string Token { get; } = IntegrationsEmulator.NewToken("bp_pat_");

    [Fact]
    public async Task A_target_over_the_limit_is_the_vendors_414_naming_the_limit()
    {
        var response = await SendAsync($"GET /botpress/v1/admin/hub/integrations?name={new string('a', 20_000)} HTTP/1.1", Auth);

        response.Status.Should().Be(414, response.Text);
        Envelope(response)["message"]!.ToString().Should().Contain("16384").And.Contain("MaxRequestTargetLength");
        Envelope(response)["type"].Should().NotBeNull("Botpress's envelope: {0}", response.Text);
    }

    [Fact]
    public async Task Headers_over_the_limits_are_the_vendors_431_naming_the_limit()
    {
        var big = await SendAsync("GET /gitbook/v1/user HTTP/1.1", [.. Auth, "X-Big: " + new string('b', 70_000)]);
        big.Status.Should().Be(431, big.Text);
        ((JsonObject)Envelope(big)["error"]!)["message"]!.ToString().Should().Contain("65536").And.Contain("MaxRequestHeadersBytes");

        var many = await SendAsync("GET /gitbook/v1/user HTTP/1.1", [.. Auth, .. Enumerable.Range(0, 300).Select(i => $"X-H{i}: v")]);
        many.Status.Should().Be(431, many.Text);
        ((JsonObject)Envelope(many)["error"]!)["message"]!.ToString().Should().Contain("200").And.Contain("MaxRequestHeaderCount");
    }

    [Theory]
    [InlineData("%01")]
    [InlineData("%1F")]
    [InlineData("%7F")]
    public async Task A_control_character_in_the_path_is_the_vendors_400(string escaped)
    {
        var response = await SendAsync($"GET /botpress/v1/admin/integrations/a{escaped}b HTTP/1.1", Auth);

        response.Status.Should().Be(400, response.Text);
        Envelope(response)["message"]!.ToString().Should().Contain("control character").And.Contain(escaped.TrimStart('%'));
    }

    [Fact]
    public async Task A_NUL_in_the_path_is_refused_by_Kestrel_before_the_app_runs()
    {
        // Kestrel refuses a target that decodes to NUL while parsing the request line (no option turns this off):
        // documented in README as the one refusal that is not in the vendor's envelope.
        var response = await SendAsync("GET /botpress/v1/admin/integrations/a%00b HTTP/1.1", Auth);

        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty("Kestrel answers before the app (were it the app, this would be the vendor's envelope)");
    }

    [Fact]
    public async Task Header_values_with_latin1_bytes_are_accepted_and_utf8_still_decodes()
    {
        var latin1 = await SendAsync("GET /botpress/v1/admin/hub/integrations?limit=1 HTTP/1.1", [.. Auth, "X-Note: caf\u00e9 \u00ff"], latin1Headers: true);
        latin1.Status.Should().Be(200, latin1.Text);

        var utf8 = await SendAsync("GET /botpress/v1/admin/hub/integrations?limit=1 HTTP/1.1", [.. Auth, "X-Note: caf\u00e9 \u20ac"]);
        utf8.Status.Should().Be(200, utf8.Text);
    }

    [Theory]
    [InlineData("POST /botpress/v1/admin/integrations HTTP/1.1", false, 401)]
    [InlineData("POST /botpress/v1/admin/no-such-route HTTP/1.1", true, 404)]
    [InlineData("DELETE /botpress/v1/admin/integrations/intver_x HTTP/1.1", true, 400)]
    [InlineData("POST /gitbook/v1/no-such-route HTTP/1.1", true, 404)]
    public async Task A_5_MB_body_refused_before_it_is_read_still_gets_its_answer(string requestLine, bool authorized, int status)
    {
        var body = Encoding.UTF8.GetBytes("{\"code\":\"" + new string('x', 5 * 1024 * 1024) + "\"}");

        var response = await SendAsync(requestLine, authorized ? [.. Auth, "Content-Type: application/json"] : ["Content-Type: application/json"], body);

        response.Status.Should().Be(status, response.Text);
        Envelope(response).Should().NotBeNull();
    }

    [Fact]
    public async Task A_GET_with_a_12_MB_body_gets_its_large_answer()
    {
        // The answer (a 12 MB description) is larger than the socket buffers: answering before reading the body would
        // leave the server writing and the client, still sending, not reading.
        var pat = Membrane.MembraneTestKit.NewPat();
        using var membrane = Membrane.MembraneTestKit.Membrane(fixture.Emulator, pat);
        var key = Membrane.MembraneTestKit.UniqueKey();
        (await membrane.PostAsync("integrations", JsonContent(new JsonObject { ["key"] = key, ["description"] = new string('d', 12 << 20) }))).EnsureSuccessStatusCode();
        var body = Encoding.UTF8.GetBytes("{\"x\":\"" + new string('x', 12 << 20) + "\"}");

        var response = await SendAsync($"GET /membrane/integrations/{key} HTTP/1.1", [$"Authorization: Bearer {pat}", "Content-Type: application/json"], body)
            .WaitAsync(TimeSpan.FromSeconds(30));

        response.Status.Should().Be(200, response.Text);
        JsonNode.Parse(response.Body)!["description"]!.ToString().Should().HaveLength(12 << 20);
    }

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Every_405_carries_Allow_with_the_methods_of_the_path()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient(Token, BotpressTestKit.NewWorkspaceId());
        using var gitbook = GitBookTestKit.Client(fixture.Emulator);

        using var hub = await botpress.DeleteAsync(BotpressTestKit.Hub);
        hub.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        hub.Content.Headers.Allow.Concat(hub.Headers.TryGetValues("Allow", out var a) ? a : []).Should().Contain("GET");
        await BotpressTestKit.ShouldFailAsync(hub, HttpStatusCode.MethodNotAllowed, "MethodNotFound");

        using var user = await gitbook.PostAsync("v1/user", null);
        user.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        user.Content.Headers.Allow.Should().Contain("GET");
    }

    private string[] Auth => [$"Authorization: Bearer {Token}", "x-workspace-id: wkspace_limits"];

    private static JsonObject Envelope(RawResponse response)
    {
        response.Headers.Should().Contain(h => h.StartsWith("Content-Type: application/json", StringComparison.OrdinalIgnoreCase), response.Text);
        return JsonNode.Parse(response.Body)!.AsObject();
    }

    private sealed record RawResponse(int Status, IReadOnlyList<string> Headers, string Body)
    {
        public string Text => $"{Status} {string.Join(" | ", Headers)}\n{(Body.Length > 2000 ? Body[..2000] : Body)}";
    }

    /// <summary>Writes the whole request (as most clients do) and only then reads the answer to the end of the connection.</summary>
    private async Task<RawResponse> SendAsync(string requestLine, IEnumerable<string> headers, byte[]? body = null, bool latin1Headers = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Emulator.BaseAddress.Host, fixture.Emulator.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n");
        foreach (var header in headers) head.Append(header).Append("\r\n");
        if (body is not null) head.Append($"Content-Length: {body.Length}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync((latin1Headers ? Encoding.Latin1 : Encoding.UTF8).GetBytes(head.ToString()));
        if (body is not null)
        {
            // As a slow uploader: the server has decided long before the body is all there.
            await Task.Delay(300);
            for (var at = 0; at < body.Length; at += 64 * 1024)
                await stream.WriteAsync(body.AsMemory(at, Math.Min(64 * 1024, body.Length - at)));
        }
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..split].Split("\r\n");
        var content = text[(split + 4)..];
        if (lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))) content = Dechunk(content);
        return new RawResponse(int.Parse(lines[0].Split(' ')[1]), lines[1..], content);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0) return result.ToString();
            result.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
