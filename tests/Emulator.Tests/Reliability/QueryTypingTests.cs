using System.Net;
using IntegrationsApiEmulator.Tests.Botpress;
using IntegrationsApiEmulator.Tests.Membrane;
using GitBookKit = IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.Reliability;

/// <summary>
/// Every query parameter is read by its schema type before a handler sees it (Core/VendorQuery): arrays are the
/// repeated parameter with items read by the item schema, booleans are true/false (zod coercion on Membrane),
/// numbers are finite and of sane size, and a refusal names the parameter in the vendor's envelope.
/// </summary>
public sealed class QueryTypingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Home = GitBookKit.Home;

    [Fact]
    public async Task GitBook_sites_filter_by_one_or_several_types_given_as_repeated_parameters()
    {
        using var gitbook = GitBookKit.Client(fixture.Emulator);
        var all = Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites?limit=100").OkJsonAsync());
        var types = all.Select(s => Str(s["type"])).Distinct().ToList();
        types.Should().NotBeEmpty();

        foreach (var type in types)
        {
            var sites = Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites?type={type}").OkJsonAsync());
            sites.Should().NotBeEmpty().And.OnlyContain(s => Str(s["type"]) == type);
        }
        var either = Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites?limit=100&type=ultimate&" + string.Join('&', types.Select(t => "type=" + t))).OkJsonAsync());
        either.Should().HaveCount(all.Count);
        var other = new[] { "basic", "premium", "ultimate", "sponsored", "legacy-basic", "legacy-premium" }.First(t => !types.Contains(t));
        Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites?type={other}").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task GitBook_refuses_an_array_item_outside_its_item_schema_naming_the_item()
    {
        using var gitbook = GitBookKit.Client(fixture.Emulator);

        await GitBookKit.ShouldFailAsync(gitbook.GetAsync($"v1/orgs/{Home}/sites?type=basic&type=gold"), HttpStatusCode.BadRequest, "type");
    }

    [Theory]
    [InlineData("published=0")]
    [InlineData("published=1")]
    [InlineData("published=yes")]
    [InlineData("published=TRUE")]
    public async Task GitBook_booleans_are_true_or_false_only(string query)
    {
        using var gitbook = GitBookKit.Client(fixture.Emulator);

        await GitBookKit.ShouldFailAsync(gitbook.GetAsync($"v1/orgs/{Home}/sites?{query}"), HttpStatusCode.BadRequest, "published", "true or false");
        await GitBookKit.ShouldFailAsync(gitbook.GetAsync($"v1/integrations?{query.Replace("published", "blocks")}"), HttpStatusCode.BadRequest, "blocks");
        (await gitbook.GetAsync($"v1/orgs/{Home}/sites?published=false").OkJsonAsync()).Should().NotBeNull();
        (await gitbook.GetAsync("v1/integrations?blocks=true").OkJsonAsync()).Should().NotBeNull();
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("99999999999999999999999999")]
    [InlineData("-1e300")]
    [InlineData("0x10")]
    public async Task Absurd_numbers_are_refused_naming_the_parameter(string value)
    {
        using var gitbook = GitBookKit.Client(fixture.Emulator);
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        using var membrane = fixture.Emulator.Membrane();
        var escaped = Uri.EscapeDataString(value);

        await GitBookKit.ShouldFailAsync(gitbook.GetAsync($"v1/orgs/{Home}/sites?limit={escaped}"), HttpStatusCode.BadRequest, "limit");
        await BotpressTestKit.ShouldFailAsync(botpress.GetAsync($"v1/admin/integrations?limit={escaped}"), HttpStatusCode.BadRequest, "InvalidQuery", "limit");
        await MembraneTestKit.ShouldFailAsync(membrane.GetAsync($"integrations?limit={escaped}"), HttpStatusCode.BadRequest, "bad_request", null, "limit");
    }

    [Fact]
    public async Task A_parameter_that_is_not_an_array_is_given_once()
    {
        using var gitbook = GitBookKit.Client(fixture.Emulator);

        await GitBookKit.ShouldFailAsync(gitbook.GetAsync($"v1/orgs/{Home}/sites?limit=1&limit=2"), HttpStatusCode.BadRequest, "limit", "2 times");
    }

    [Theory]
    [InlineData("dev=0")]
    [InlineData("dev=1")]
    public async Task Botpress_booleans_are_true_or_false_only(string query)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        await BotpressTestKit.ShouldFailAsync(botpress.GetAsync($"v1/admin/integrations?{query}"), HttpStatusCode.BadRequest, "InvalidQuery", "dev");
        await BotpressTestKit.ShouldFailAsync(botpress.GetAsync($"v1/admin/bots?{query}"), HttpStatusCode.BadRequest, "InvalidQuery", "dev");
        (await botpress.GetAsync("v1/admin/integrations?dev=false").OkJsonAsync()).Should().NotBeNull();
        (await botpress.GetAsync("v1/admin/bots?dev=true").OkJsonAsync()).Should().NotBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("false")]
    [InlineData("true")]
    public async Task Membrane_booleans_keep_zod_coercion(string value)
    {
        using var membrane = fixture.Emulator.Membrane();

        (await membrane.GetAsync($"integrations?includeArchived={value}").OkJsonAsync()).Should().NotBeNull();
    }
}
