using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>GET /integrations (<c>integrations.find</c> / <c>findAll</c>): limit, cursor, filters, archived rows.</summary>
public sealed class IntegrationListTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_fresh_tenant_lists_the_seeded_live_integrations_in_creation_order_in_one_page()
    {
        using var membrane = fixture.Emulator.Membrane();

        var page = await membrane.GetAsync(Integrations).OkJsonAsync();

        Keys(page).Should().Equal(SeededLiveKeys);
        page.ContainsKey("cursor").Should().BeFalse("a single page is the last page");
        foreach (var item in Items(page))
        {
            item["archivedAt"].Should().BeNull();
            item["isDeactivated"]!.GetValue<bool>().Should().BeFalse();
            Str(item["logoUri"]).Should().StartWith("https://");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    public async Task A_limit_outside_1_to_1000_or_not_a_whole_number_is_400_naming_limit(string limit)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.GetAsync($"{Integrations}?limit={limit}").ShouldBeBadRequestAsync("limit");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public async Task Limits_1_to_1000_are_accepted_and_bound_the_page(int limit)
    {
        using var membrane = fixture.Emulator.Membrane();

        var page = await membrane.GetAsync($"{Integrations}?limit={limit}").OkJsonAsync();

        Keys(page).Should().Equal(SeededLiveKeys.Take(limit));
        page.ContainsKey("cursor").Should().Be(limit < SeededLiveKeys.Length);
    }

    [Fact]
    public async Task Cursor_0_is_the_first_page_and_the_last_page_has_no_cursor()
    {
        using var membrane = fixture.Emulator.Membrane();

        var plain = await membrane.GetAsync($"{Integrations}?limit=4").OkJsonAsync();
        var zero = await membrane.GetAsync($"{Integrations}?limit=4&cursor=0").OkJsonAsync();
        Keys(zero).Should().Equal(Keys(plain)).And.Equal(SeededLiveKeys.Take(4));
        var cursor = Str(zero["cursor"]);
        cursor.Should().NotBeNullOrEmpty().And.NotBe("0");

        var last = await membrane.GetAsync(WithCursor($"{Integrations}?limit=4", cursor)).OkJsonAsync();
        Keys(last).Should().Equal(SeededLiveKeys.Skip(4));
        last.ContainsKey("cursor").Should().BeFalse();

        // A cursor is not bound to the limit it was issued with.
        var wider = await membrane.GetAsync(WithCursor($"{Integrations}?limit=1", Str(plain["cursor"]))).OkJsonAsync();
        Keys(wider).Should().Equal(SeededLiveKeys[4]);
        wider.ContainsKey("cursor").Should().BeTrue();
    }

    [Fact]
    public async Task An_exact_fit_last_page_has_no_cursor()
    {
        using var membrane = fixture.Emulator.Membrane();

        var first = await membrane.GetAsync($"{Integrations}?limit=3").OkJsonAsync();
        var second = await membrane.GetAsync(WithCursor($"{Integrations}?limit=3", Str(first["cursor"]))).OkJsonAsync();

        Keys(second).Should().Equal(SeededLiveKeys.Skip(3));
        second.ContainsKey("cursor").Should().BeFalse("six items at limit 3 is two pages, not three");
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("1")]
    [InlineData("MDAwMDAwMDAwMDAwMDAwMDAwMQ.AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_forged_cursor_is_400_naming_cursor(string cursor)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.GetAsync(WithCursor($"{Integrations}?limit=2", cursor)).ShouldBeBadRequestAsync("cursor");
    }

    [Fact]
    public async Task A_cursor_of_another_tenant_or_another_filter_is_400()
    {
        using var membrane = fixture.Emulator.Membrane();
        using var other = fixture.Emulator.Membrane();
        var cursor = Str((await membrane.GetAsync($"{Integrations}?limit=2").OkJsonAsync())["cursor"]);

        await other.GetAsync(WithCursor($"{Integrations}?limit=2", cursor)).ShouldBeBadRequestAsync("cursor");
        await membrane.GetAsync(WithCursor($"{Integrations}?limit=2&search=s", cursor)).ShouldBeBadRequestAsync("cursor");
        await membrane.GetAsync(WithCursor($"{Integrations}?limit=2&includeArchived=true", cursor)).ShouldBeBadRequestAsync("cursor");
        var dot = cursor.IndexOf('.');
        var tampered = cursor[..(dot + 1)] + (cursor[dot + 1] == 'A' ? 'B' : 'A') + cursor[(dot + 2)..];
        await membrane.GetAsync(WithCursor($"{Integrations}?limit=2", tampered)).ShouldBeBadRequestAsync("cursor");
    }

    [Fact]
    public async Task An_empty_cursor_is_the_first_page()
    {
        using var membrane = fixture.Emulator.Membrane();

        var page = await membrane.GetAsync($"{Integrations}?limit=2&cursor=").OkJsonAsync();

        Keys(page).Should().Equal(SeededLiveKeys.Take(2));
    }

    [Theory]
    [InlineData("hub", new[] { "hubspot" })]
    [InlineData("SALES", new[] { "salesforce" })]
    [InlineData("google sheets", new[] { "google-sheets" })]
    [InlineData("s", new[] { "hubspot", "salesforce", "slack", "zendesk", "google-sheets" })]
    [InlineData("no-such-thing", new string[0])]
    public async Task Search_matches_name_or_key_case_insensitively(string search, string[] expected)
    {
        using var membrane = fixture.Emulator.Membrane();

        var page = await membrane.GetAsync($"{Integrations}?search={Uri.EscapeDataString(search)}").OkJsonAsync();

        Keys(page).Should().Equal(expected);
    }

    [Fact]
    public async Task Search_finds_created_integrations_by_name_and_pages_within_the_filter()
    {
        using var membrane = fixture.Emulator.Membrane();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
            created.Add(KeyOf(await membrane.CreateIntegrationAsync(new JsonObject { ["name"] = $"Zeta {tag} {i}" })));
        await membrane.CreateIntegrationAsync(new JsonObject { ["name"] = "Unrelated" });

        var walked = await WalkAsync(membrane, $"{Integrations}?search={tag.ToUpperInvariant()}", limit: 2);

        walked.Select(KeyOf).Should().Equal(created);
    }

    [Fact]
    public async Task ConnectorId_filters_by_connector()
    {
        using var membrane = fixture.Emulator.Membrane();
        var pipedrive = await membrane.GetIntegrationAsync("pipedrive");
        var connectorId = Str(pipedrive["connectorId"]);
        var mine = await membrane.CreateUniqueAsync("pd", new JsonObject { ["connectorKey"] = "pipedrive" });

        var live = await membrane.GetAsync($"{Integrations}?connectorId={connectorId}").OkJsonAsync();
        Keys(live).Should().Equal("pipedrive", KeyOf(mine));

        var all = await membrane.GetAsync($"{Integrations}?connectorId={connectorId}&includeArchived=true").OkJsonAsync();
        Keys(all).Should().Equal("pipedrive", ArchivedKey, KeyOf(mine));

        var none = await membrane.GetAsync($"{Integrations}?connectorId=000000000000000000000000").OkJsonAsync();
        Items(none).Should().BeEmpty();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public async Task IncludeArchived_coerces_like_the_sdk_and_shows_the_archived_seeded_integration(string value, bool shown)
    {
        using var membrane = fixture.Emulator.Membrane();

        var page = await membrane.GetAsync($"{Integrations}?includeArchived={value}").OkJsonAsync();

        var keys = Keys(page);
        if (shown)
        {
            keys.Should().Equal([.. SeededLiveKeys, ArchivedKey]);
            var archived = Items(page).Single(i => KeyOf(i) == ArchivedKey);
            archived["archivedAt"].Should().NotBeNull();
            archived["isDeactivated"]!.GetValue<bool>().Should().BeTrue();
            Str(archived["name"]).Should().Be("Legacy CRM");
        }
        else
        {
            keys.Should().Equal(SeededLiveKeys);
        }
    }

    [Fact]
    public async Task AppUuid_filters_by_the_external_app_of_the_integration_or_its_connector()
    {
        using var membrane = fixture.Emulator.Membrane();
        var hubspot = await membrane.GetIntegrationAsync("hubspot");
        var appUuid = Str(hubspot["appUuid"]);
        Str(hubspot["externalAppId"]).Should().Be(appUuid, "appUuid is the deprecated alias of externalAppId");
        var own = await membrane.CreateUniqueAsync("app", new JsonObject { ["externalAppId"] = "my-app-42" });

        Keys(await membrane.GetAsync($"{Integrations}?appUuid={appUuid}").OkJsonAsync()).Should().Equal("hubspot");
        Keys(await membrane.GetAsync($"{Integrations}?appUuid=my-app-42").OkJsonAsync()).Should().Equal(KeyOf(own));
        Items(await membrane.GetAsync($"{Integrations}?appUuid=nobody").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_combine()
    {
        using var membrane = fixture.Emulator.Membrane();
        var pipedrive = await membrane.GetIntegrationAsync("pipedrive");

        var page = await membrane.GetAsync($"{Integrations}?search=legacy&includeArchived=true&appUuid={Str(pipedrive["appUuid"])}").OkJsonAsync();

        Keys(page).Should().Equal(ArchivedKey);
        Items(await membrane.GetAsync($"{Integrations}?search=legacy").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task FindAll_on_the_seeded_tenant_is_one_request_with_every_live_integration()
    {
        using var membrane = fixture.Emulator.Membrane();

        var (items, pages) = await FindAllAsync(membrane);

        pages.Should().Be(1);
        items.Select(KeyOf).Should().Equal(SeededLiveKeys);
    }

    [Fact]
    public async Task FindAll_over_more_than_1000_integrations_takes_two_requests_and_returns_each_exactly_once()
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            created.Add(IdOf(await membrane.CreateIntegrationAsync(new JsonObject { ["key"] = $"bulk-{i:D4}", ["name"] = $"Bulk {i}" }))));

        var (items, pages) = await FindAllAsync(membrane);

        pages.Should().Be(2);
        var ids = items.Select(IdOf).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(1006);
        ids.Should().Contain(created);
        items.Take(6).Select(KeyOf).Should().Equal(SeededLiveKeys);

        var (filtered, filteredPages) = await FindAllAsync(membrane, "search=bulk-00");
        filteredPages.Should().Be(1);
        filtered.Select(KeyOf).Should().BeEquivalentTo(Enumerable.Range(0, 100).Select(i => $"bulk-{i:D4}"));
    }
}
