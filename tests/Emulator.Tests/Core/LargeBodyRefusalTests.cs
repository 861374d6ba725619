using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.Botpress;
using NJsonSchema;
using Xunit.Abstractions;

namespace IntegrationsApiEmulator.Tests.Core;

/// <summary>
/// Refusing a large body costs about what reading it costs: a large document is refused at its first error
/// (<see cref="SchemaPrecheck"/>) without converting and validating all of it, and documents beyond the emulator's
/// global caps (values, array length) are refused before schema validation.
/// </summary>
public sealed class LargeBodyRefusalTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    /// <summary><c>{"title":[1,1,…],"description":[1,…],"url":1}</c>: three fields at fault, the first a huge array.</summary>
    private static byte[] HugeBody(int items)
    {
        var body = new StringBuilder("{\"title\":[");
        for (var i = 0; i < items; i++) body.Append(i == 0 ? "1" : ",1");
        body.Append("],\"description\":[1,2],\"url\":1}");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    [Fact]
    public async Task A_multi_MB_body_whose_title_is_a_huge_array_is_refused_at_its_first_error_only()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var created = await BotpressTestKit.CreateAsync(botpress, BotpressTestKit.UniqueName());
        var bytes = HugeBody(1_300_000);

        for (var round = 0; round < 3; round++)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var clock = Stopwatch.StartNew();
            var error = await BotpressTestKit.ShouldFailAsync(
                botpress.PutAsync($"{BotpressTestKit.Integrations}/{created["id"]}/validate", content), HttpStatusCode.BadRequest, "InvalidPayload", "title");
            output.WriteLine($"{bytes.Length} bytes refused in {clock.Elapsed.TotalMilliseconds:F0} ms: {error.Message}");
            // Full validation would list description and url too: the walk stopped at the first error.
            error.Message.Should().Be("Invalid request body: title: must be a string");
        }
    }

    [Fact]
    public async Task A_small_body_still_gets_every_violation()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var created = await BotpressTestKit.CreateAsync(botpress, BotpressTestKit.UniqueName());
        var content = new ByteArrayContent(HugeBody(3));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await BotpressTestKit.ShouldFailAsync(botpress.PutAsync($"{BotpressTestKit.Integrations}/{created["id"]}/validate", content),
            HttpStatusCode.BadRequest, "InvalidPayload", "title", "description", "url");
    }

    [Fact]
    public async Task Arrays_and_documents_over_the_global_caps_are_400_naming_the_cap()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { MaxJsonArrayItems = 20_000, MaxJsonValues = 50_000 });
        using var botpress = emulator.CreateClientInNewWorkspace();
        var name = BotpressTestKit.UniqueName();

        // Free-form JSON (a configuration schema) that no schema bounds.
        var longArray = $"{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"configuration\":{{\"schema\":{{\"x\":[{string.Join(',', Enumerable.Repeat("0", 30_000))}]}}}}}}";
        await BotpressTestKit.ShouldFailAsync(botpress.SendRawAsync(HttpMethod.Post, BotpressTestKit.Integrations, longArray),
            HttpStatusCode.BadRequest, "InvalidPayload", "configuration.schema.x", "30000", "20000", "MaxJsonArrayItems");
        var manyValues = $"{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"configuration\":{{\"schema\":{{{string.Join(',', Enumerable.Range(0, 60_000).Select(i => $"\"k{i}\":{i}"))}}}}}}}";
        await BotpressTestKit.ShouldFailAsync(botpress.SendRawAsync(HttpMethod.Post, BotpressTestKit.Integrations, manyValues),
            HttpStatusCode.BadRequest, "InvalidPayload", "50000", "MaxJsonValues");
    }

    [Fact]
    public async Task The_precheck_stops_at_the_first_violation_and_refuses_nothing_validation_accepts()
    {
        var schema = await JsonSchema.FromJsonAsync("""
            {"type":"object","additionalProperties":false,"required":["name"],"properties":{
              "name":{"type":"string","maxLength":3},
              "tags":{"type":"array","maxItems":2,"items":{"type":"string","maxLength":2}},
              "free":{}}}
            """);
        SchemaViolation? First(string json) => SchemaPrecheck.FirstViolation(schema, Encoding.UTF8.GetBytes(json));

        First("""{"name":"abcd","tags":[1,2,3],"other":1}""").Should().Be(new SchemaViolation("name", "must be at most 3 characters"));
        First("""{"name":"ab","tags":["a","bcd"]}""").Should().Be(new SchemaViolation("tags[1]", "must be at most 2 characters"));
        First("""{"name":"ab","tags":["a","b","c"]}""").Should().Be(new SchemaViolation("tags", "must have at most 2 items"));
        First("""{"name":"ab","other":1}""").Should().Be(new SchemaViolation("other", "is not an allowed property"));
        First("""{"tags":[]}""").Should().Be(new SchemaViolation("name", "is required"));
        First("""{"name":"😀😀😀","free":{"any":[1,"x",null]}}""").Should().BeNull("three code points fit maxLength 3");
        First("""{"name":"\u00e9\u00e9\u00e9","free":[{"deep":[[["x"]]]}]}""").Should().BeNull("three escaped characters fit maxLength 3");
        First("""{"name":"\u00e9\u00e9\u00e9\u00e9"}""").Should().Be(new SchemaViolation("name", "must be at most 3 characters"));
        First("""{"name":"ab","tags":[1,2,3]}""").Should().Be(new SchemaViolation("tags", "must have at most 2 items"), "the count is checked before the items");
        First("""{"name":"ab","free":{"x":[1]},"tags":["a",{"k":1}]}""").Should().Be(new SchemaViolation("tags[1]", "must be a string"));
        First("""["name"]""").Should().Be(new SchemaViolation("", "must be an object"));
    }
}
