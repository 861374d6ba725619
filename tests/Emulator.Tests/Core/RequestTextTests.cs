using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Tests.Botpress;
using IntegrationsApiEmulator.Tests.GitBook;
using IntegrationsApiEmulator.Tests.Membrane;

namespace IntegrationsApiEmulator.Tests.Core;

/// <summary>
/// Request text the emulator cannot decode — invalid UTF-8, escaped lone surrogates — is the vendor's 400 naming the
/// problem and where it is, on every vendor and every place request text is read (body, lz-string render request, JWT).
/// </summary>
public sealed class RequestTextTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>Bodies whose text is broken: (label, raw bytes, what the message names).</summary>
    public static TheoryData<string, string> BrokenBodies() => new()
    {
        // \xC3\x28 is an invalid 2-byte sequence; \xED\xA0\x80 is a UTF-8-encoded surrogate (invalid UTF-8); \xFF never occurs.
        { "invalid UTF-8 in a value", "7b227469746c65223a2261c3287a227d" },
        { "an encoded surrogate", "7b227469746c65223a22eda080227d" },
        { "invalid UTF-8 in a key", "7b22ff223a2261227d" },
        { "escaped lone high surrogate", Hex("{\"title\":\"a\\ud800b\"}") },
        { "escaped lone low surrogate", Hex("{\"title\":\"\\udc00\"}") },
        { "escaped lone surrogate in a key", Hex("{\"\\ud800\":1}") },
        { "nested in an array", Hex("{\"tags\":{\"a\":[\"ok\",\"\\ud83d\"]}}") },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task Broken_text_in_a_json_body_is_Botpress_400_InvalidPayload(string label, string hex)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        var error = await BotpressTestKit.ShouldFailAsync(Send(botpress, HttpMethod.Post, BotpressTestKit.Integrations, hex), HttpStatusCode.BadRequest, "InvalidPayload");
        error.Message.Should().MatchRegex("UTF-8|surrogate", label);
    }

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task Broken_text_in_a_json_body_is_GitBook_400(string label, string hex)
    {
        using var gitbook = GitBookTestKit.Client(fixture.Emulator);

        var error = await GitBookTestKit.ShouldFailAsync(Send(gitbook, HttpMethod.Put, "v1/integrations/some-integration/dev", hex), HttpStatusCode.BadRequest);
        error.Message.Should().MatchRegex("UTF-8|surrogate", label);
    }

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task Broken_text_in_a_json_body_is_Membrane_400_bad_request(string label, string hex)
    {
        using var membrane = fixture.Emulator.Membrane();

        var error = await Send(membrane, HttpMethod.Post, "integrations", hex).ShouldBeBadRequestAsync();
        error.Message.Should().MatchRegex("UTF-8|surrogate", label);
    }

    [Fact]
    public async Task The_message_names_the_json_path_of_the_broken_string()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        await BotpressTestKit.ShouldFailAsync(Send(botpress, HttpMethod.Post, BotpressTestKit.Integrations, Hex("{\"tags\":{\"a\":[\"ok\",\"\\ud83d\"]}}")),
            HttpStatusCode.BadRequest, "InvalidPayload", "tags.a[1]", "surrogate");
        await BotpressTestKit.ShouldFailAsync(Send(botpress, HttpMethod.Post, BotpressTestKit.Integrations, "7b227469746c65223a2261c3287a227d"),
            HttpStatusCode.BadRequest, "InvalidPayload", "title", "UTF-8");
    }

    [Fact]
    public async Task A_valid_surrogate_pair_and_non_ascii_text_still_pass()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = BotpressTestKit.UniqueName();

        var response = await Send(botpress, HttpMethod.Post, BotpressTestKit.Integrations,
            Hex($"{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"title\":\"caf\u00e9 \\ud83d\\ude00 \ud83d\ude00\"}}"));
        var body = await response.OkJsonAsync();
        ((string)body["integration"]!["title"]!).Should().Be("café 😀 😀");
    }

    [Fact]
    public void The_strict_reader_refuses_broken_text_as_JsonTextException_and_reads_good_text()
    {
        var act = () => StrictJson.Parse(Encoding.UTF8.GetBytes("{\"a\":{\"b\":[\"\\ud800\"]}}"));
        act.Should().Throw<JsonTextException>().Which.Message.Should().Contain("a.b[0]").And.Contain("surrogate");
        StrictJson.Parse("{\"a\":\"\\ud83d\\ude00\"}"u8.ToArray())!["a"]!.GetValue<string>().Should().Be("😀");
        var lone = () => StrictJson.Parse("{\"a\":\"\ud800\"}");
        lone.Should().Throw<JsonTextException>().Which.Message.Should().Contain("UTF-16");
    }

    [Fact]
    public async Task A_GitBook_render_request_that_decompresses_to_broken_text_is_400()
    {
        using var gitbook = GitBookTestKit.Client(fixture.Emulator);

        foreach (var json in (string[])["{\"componentId\":\"\ud800\"}", "{\"componentId\":\"\\ud800\"}"])
        {
            var compressed = TestLzString.CompressToEncodedUriComponent(json);
            var error = await GitBookTestKit.ShouldFailAsync(
                gitbook.GetAsync($"v1/integrations/some-integration/render?request={Uri.EscapeDataString(compressed)}"), HttpStatusCode.BadRequest, "request");
            error.Message.Should().MatchRegex("UTF-16|surrogate");
        }
    }

    [Fact]
    public async Task A_Membrane_jwt_whose_payload_holds_broken_text_is_401_not_500()
    {
        using var membrane = fixture.Emulator.Anonymous();
        static string Part(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (var payload in (string[])["{\"id\":\"\\ud800\",\"iss\":\"w\"}", "{\"id\":1e400}"])
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "integrations");
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Part("{\"alg\":\"none\"}")}.{Part(payload)}.c2ln");
            await MembraneTestKit.ShouldFailAsync(membrane.SendAsync(request), HttpStatusCode.Unauthorized, "bad_request", "not_authenticated");
        }
    }

    [Fact]
    public async Task A_number_out_of_range_is_400_not_500()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        await BotpressTestKit.ShouldFailAsync(Send(botpress, HttpMethod.Post, BotpressTestKit.Integrations, Hex("{\"name\":\"x\",\"version\":\"1.0.0\",\"title\":1e400}")),
            HttpStatusCode.BadRequest, "InvalidPayload", "title", "out of range");
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string hex)
    {
        var content = new ByteArrayContent(Convert.FromHexString(hex));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));
}
