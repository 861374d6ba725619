using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>listIntegrations (public marketplace, filters, pages) and listOrganizationIntegrations (visibility).</summary>
public sealed class IntegrationListTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] SeededPublic =
        ["auth0", "figma", "github-files", "google-analytics", "intercom", "jira", "linear", "mermaid", "segment", "slack"];

    [Fact]
    public async Task The_marketplace_lists_public_integrations_only_in_name_order()
    {
        using var gitbook = Client(fixture.Emulator);
        await PublishAsync(gitbook, UniqueName("aaa"), visibility: "private");
        await PublishAsync(gitbook, UniqueName("aab"), visibility: "unlisted");
        var visible = UniqueName("aac");
        await PublishAsync(gitbook, visible, visibility: "public");

        var page = await gitbook.GetAsync("v1/integrations?limit=1000").OkJsonAsync();

        var names = Names(Items(page));
        names.Should().Equal([.. SeededPublic.Append(visible).Order(StringComparer.Ordinal)]);
        page["count"]!.GetValue<int>().Should().Be(11);
        page.ContainsKey("next").Should().BeFalse();
        Items(page).Should().OnlyContain(i => Str(i["visibility"]) == "public");
    }

    [Fact]
    public async Task Without_limit_a_page_holds_20_and_count_is_the_total()
    {
        using var gitbook = Client(fixture.Emulator);
        for (var i = 0; i < 12; i++) await PublishAsync(gitbook, UniqueName($"p{i:D2}"));

        var first = await gitbook.GetAsync("v1/integrations").OkJsonAsync();

        Items(first).Should().HaveCount(20);
        first["count"]!.GetValue<int>().Should().Be(22);
        Str(first["next"]!["page"]).Should().NotBeNullOrEmpty();
        var second = await gitbook.GetAsync(WithPage("v1/integrations", Str(first["next"]!["page"]))).OkJsonAsync();
        Items(second).Should().HaveCount(2);
        second.ContainsKey("next").Should().BeFalse();
    }

    public static TheoryData<string, string[]> Filters() => new()
    {
        { "category=analytics", ["google-analytics", "segment"] },
        { "category=visitor-auth", ["auth0"] },
        { "search=figma", ["figma"] },
        { "search=ISSUES", ["jira", "linear"] },
        { "blockDomain=figma.com", ["figma"] },
        { "blockDomain=github.com", ["github-files"] },
        { "blockDomain=atlassian.net", ["jira"] },
        { "blocks=true", ["figma", "github-files", "jira", "mermaid"] },
        { "contentSources=true", ["linear"] },
        { "scope=site:script:cookies", ["google-analytics", "intercom"] },
        { "target=organization", ["jira", "slack"] },
        { "target=all", ["jira", "slack"] },
        { "target=site", ["auth0", "google-analytics", "intercom", "jira", "segment", "slack"] },
        { "owner=emulator-org", [] },
        { "category=content&blocks=true", ["figma", "github-files", "mermaid"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_narrow_the_public_list(string query, string[] expected)
    {
        using var gitbook = Client(fixture.Emulator);

        var page = await gitbook.GetAsync($"v1/integrations?limit=100&{query}").OkJsonAsync();

        Names(Items(page)).Should().Equal(expected);
        page["count"]!.GetValue<int>().Should().Be(expected.Length);
    }

    [Fact]
    public async Task Negative_blocks_and_contentSources_filters_keep_those_without()
    {
        using var gitbook = Client(fixture.Emulator);

        var withoutBlocks = Names(Items(await gitbook.GetAsync("v1/integrations?limit=100&blocks=false").OkJsonAsync()));
        var withoutSources = Names(Items(await gitbook.GetAsync("v1/integrations?limit=100&contentSources=false").OkJsonAsync()));

        withoutBlocks.Should().Equal("auth0", "google-analytics", "intercom", "linear", "segment", "slack");
        withoutSources.Should().Equal(SeededPublic.Where(n => n != "linear"));
    }

    [Fact]
    public async Task The_owner_filter_finds_a_freshly_published_public_integration_of_another_organization()
    {
        using var gitbook = Client(fixture.Emulator);
        var other = await OtherOrganizationAsync(gitbook);
        var name = UniqueName();
        await PublishAsync(gitbook, name, organization: other, extra: new JsonObject
        {
            ["scopes"] = new JsonArray("openapi:read"),
            ["categories"] = new JsonArray("other"),
        });

        Names(Items(await gitbook.GetAsync($"v1/integrations?owner={other}").OkJsonAsync())).Should().Equal(name);
        Names(Items(await gitbook.GetAsync("v1/integrations?scope=openapi:read").OkJsonAsync())).Should().Equal(name);
        Names(Items(await gitbook.GetAsync("v1/integrations?category=other").OkJsonAsync())).Should().Equal(name);
        Names(Items(await gitbook.GetAsync($"v1/integrations?search={name.ToUpperInvariant()}").OkJsonAsync())).Should().Equal(name);
        Names(Items(await gitbook.GetAsync($"v1/integrations?owner={Marketplace}&limit=100").OkJsonAsync())).Should().Equal(SeededPublic);
    }

    [Theory]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("category=games", "category")]
    [InlineData("target=everywhere", "target")]
    [InlineData("scope=all:things", "scope")]
    [InlineData("blockDomain=bad%20domain", "blockDomain")]
    [InlineData("page=forged", "page")]
    [InlineData("page=eyJ4Ijoy.fQ", "page")]
    public async Task Bad_query_parameters_are_400_naming_them(string query, string parameter)
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.GetAsync($"v1/integrations?{query}").ShouldFailAsync(HttpStatusCode.BadRequest, parameter);
        await gitbook.GetAsync($"v1/orgs/{Home}/integrations?{query}").ShouldFailAsync(HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Limit_1000_is_accepted_and_limit_0_returns_no_items_with_the_count()
    {
        using var gitbook = Client(fixture.Emulator);

        Items(await gitbook.GetAsync("v1/integrations?limit=1000").OkJsonAsync()).Should().HaveCount(10);
        var empty = await gitbook.GetAsync("v1/integrations?limit=0").OkJsonAsync();
        Items(empty).Should().BeEmpty();
        empty["count"]!.GetValue<int>().Should().Be(10);
    }

    [Fact]
    public async Task A_page_token_is_bound_to_its_list_filters_and_tenant()
    {
        using var gitbook = Client(fixture.Emulator);
        using var otherTenant = Client(fixture.Emulator);
        var page = Str((await gitbook.GetAsync("v1/integrations?limit=2").OkJsonAsync())["next"]!["page"]);

        (await gitbook.GetAsync(WithPage("v1/integrations?limit=2", page)).OkJsonAsync())["items"]!.AsArray().Should().HaveCount(2);
        await gitbook.GetAsync(WithPage("v1/integrations?limit=2&category=content", page)).ShouldFailAsync(HttpStatusCode.BadRequest, "page");
        await gitbook.GetAsync(WithPage($"v1/orgs/{Home}/integrations?limit=2", page)).ShouldFailAsync(HttpStatusCode.BadRequest, "page");
        await otherTenant.GetAsync(WithPage("v1/integrations?limit=2", page)).ShouldFailAsync(HttpStatusCode.BadRequest, "page");
        var tampered = page[..^2] + (page[^2] == 'A' ? "B" : "A") + page[^1];
        await gitbook.GetAsync(WithPage("v1/integrations?limit=2", tampered)).ShouldFailAsync(HttpStatusCode.BadRequest, "page");
    }

    [Theory]
    [InlineData(1, "", 20)]
    [InlineData(2, "", 20)]
    [InlineData(3, "", 20)]
    [InlineData(2, "&scope=space:content:read", 16)]
    public async Task A_page_walk_under_concurrent_publishes_sees_every_existing_integration_exactly_once(int limit, string filter, int existing)
    {
        using var gitbook = Client(fixture.Emulator);
        for (var i = 0; i < 10; i++) await PublishAsync(gitbook, UniqueName($"w{i}"));
        var before = Names(await ListAllAsync(gitbook, $"v1/integrations?limit=1000{filter}"));
        before.Should().HaveCount(existing);

        var publishedDuringWalk = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            using var other = Client(fixture.Emulator, TokenOf(gitbook));
            for (var i = 0; i < 30 && !stop.IsCancellationRequested; i++)
            {
                // Names spread over the whole alphabet, so some land before and some after the walk's position.
                var name = $"{(char)('a' + (i * 7 % 26))}{i}-{Guid.NewGuid().ToString("N")[..6]}";
                await PublishAsync(other, name);
                publishedDuringWalk.Add(name);
                await Task.Yield();
            }
        });

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await gitbook.GetAsync(WithPage($"v1/integrations?limit={limit}{filter}", token)).OkJsonAsync();
            var items = Names(Items(page));
            items.Count.Should().BeLessThanOrEqualTo(limit);
            seen.AddRange(items);
            token = (string?)page["next"]?["page"];
            (++pages).Should().BeLessThan(200, "the walk must end");
        }
        while (token is not null);
        await stop.CancelAsync();
        await writer;

        seen.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var name in before) seen.Count(s => s == name).Should().Be(1, $"{name} existed before the walk");
        seen.Except(before).Should().BeSubsetOf(publishedDuringWalk);
    }

    [Fact]
    public async Task An_organization_list_adds_its_own_private_and_unlisted_integrations_only()
    {
        using var gitbook = Client(fixture.Emulator);
        var other = await OtherOrganizationAsync(gitbook);
        var mine = UniqueName("mine");
        var theirs = UniqueName("theirs");
        await PublishAsync(gitbook, mine, visibility: "private");
        await PublishAsync(gitbook, theirs, organization: other, visibility: "unlisted");

        var home = Names(await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations?limit=2"));
        var others = Names(await ListAllAsync(gitbook, $"v1/orgs/{other}/integrations?limit=3"));
        var marketplace = Names(await ListAllAsync(gitbook, "v1/integrations?limit=1000"));

        home.Should().Contain(["emulator-private-tool", "emulator-beta-widget", mine]).And.NotContain(theirs)
            .And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        home.Except(marketplace).Should().BeEquivalentTo(["emulator-private-tool", "emulator-beta-widget", mine]);
        others.Should().Contain(theirs).And.NotContain(["emulator-private-tool", "emulator-beta-widget", mine]);
        others.Except(marketplace).Should().Equal(theirs);
        marketplace.Should().NotContain([mine, theirs, "emulator-private-tool", "emulator-beta-widget"]);

        var filtered = Items(await gitbook.GetAsync($"v1/orgs/{Home}/integrations?owner={Home}").OkJsonAsync());
        Names(filtered).Should().BeEquivalentTo(["emulator-private-tool", "emulator-beta-widget", mine]);
        await gitbook.GetAsync("v1/orgs/no-such-org/integrations").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
    }

    [Fact]
    public async Task Private_and_unlisted_integrations_read_by_name_in_their_tenant()
    {
        using var gitbook = Client(fixture.Emulator);

        Str((await gitbook.GetAsync("v1/integrations/emulator-private-tool").OkJsonAsync())["visibility"]).Should().Be("private");
        Str((await gitbook.GetAsync("v1/integrations/emulator-beta-widget").OkJsonAsync())["visibility"]).Should().Be("unlisted");
        await gitbook.GetAsync("v1/integrations/no-such-integration").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-integration");
    }
}
