using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// listOrganizationInstallations (<c>GET /v1/orgs/{organizationId}/installations</c>): the organization's
/// installations, oldest first, each with its integration; <c>search</c> on the integration; GitBook's List
/// pagination; 404 for an unknown organization; tokens the emulator minted see only their own.
/// </summary>
public sealed class OrganizationInstallationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static string Url(string organization, string query = "") => $"v1/orgs/{organization}/installations{query}";

    [Fact]
    public async Task Lists_each_installation_of_the_organization_with_its_integration_oldest_first()
    {
        using var gitbook = Client(fixture.Emulator);
        var prefix = UniqueName("orgi");
        var names = new[] { prefix + "-b", prefix + "-a", prefix + "-c" };
        var ids = new List<string>();
        foreach (var name in names)
        {
            await PublishAsync(gitbook, name);
            ids.Add(Str((await InstallAsync(gitbook, name))["id"]));
        }

        var all = await ListAllAsync(gitbook, Url(Home));
        var ours = all.Where(i => Str(i["integration"]!["name"]).StartsWith(prefix, StringComparison.Ordinal)).ToList();

        ours.Select(i => Str(i["installation"]!["id"])).Should().Equal(ids, "installation order, not name order");
        ours.Select(i => Str(i["integration"]!["name"])).Should().Equal(names);
        all.Should().OnlyContain(i => Str(i["installation"]!["target"]!["organization"]) == Home);
        var first = ours[0];
        first.Select(p => p.Key).Should().Equal("installation", "integration");
        Str(first["integration"]!["object"]).Should().Be("integration");
        Str(first["installation"]!["urls"]!["location"]).Should().EndWith($"/v1/integrations/{names[0]}/installations/{ids[0]}");
        first["integration"]!["owner"]!["id"]!.GetValue<string>().Should().Be(Home);
    }

    [Fact]
    public async Task Search_filters_by_integration_and_pages_walk_the_matches()
    {
        using var gitbook = Client(fixture.Emulator);
        var prefix = UniqueName("page");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync(gitbook, $"{prefix}-{i}");
            ids.Add(Str((await InstallAsync(gitbook, $"{prefix}-{i}"))["id"]));
        }

        var first = await gitbook.GetAsync(Url(Home, $"?search={prefix}&limit=2")).OkJsonAsync();
        Items(first).Select(i => Str(i["installation"]!["id"])).Should().Equal(ids[0], ids[1]);
        first["count"]!.GetValue<int>().Should().Be(3);
        var next = Str(first["next"]!["page"]);
        var second = await gitbook.GetAsync(Url(Home, $"?search={prefix}&limit=2&page={Uri.EscapeDataString(next)}")).OkJsonAsync();
        Items(second).Select(i => Str(i["installation"]!["id"])).Should().Equal(ids[2]);
        second.ContainsKey("next").Should().BeFalse();

        var upper = await gitbook.GetAsync(Url(Home, $"?search={prefix.ToUpperInvariant()}-1")).OkJsonAsync();
        Items(upper).Select(i => Str(i["installation"]!["id"])).Should().Equal(ids[1]);
        (await gitbook.GetAsync(Url(Home, $"?search={UniqueName("none")}")).OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        // A page token belongs to its query: another search cannot use it.
        await gitbook.GetAsync(Url(Home, $"?search={prefix}-1&limit=2&page={Uri.EscapeDataString(next)}")).ShouldFailAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Installations_on_another_organization_are_listed_there_only()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var other = await OtherOrganizationAsync(gitbook);
        var foreign = Str((await InstallAsync(gitbook, name, other))["id"]);

        (await gitbook.GetAsync(Url(Home, $"?search={name}")).OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        var there = Items(await gitbook.GetAsync(Url(other, $"?search={name}")).OkJsonAsync());
        there.Select(i => Str(i["installation"]!["id"])).Should().Equal(foreign);
        Str(there[0]["installation"]!["target"]!["organization"]).Should().Be(other);
    }

    [Fact]
    public async Task Uninstalled_and_unpublished_integrations_leave_the_list()
    {
        using var gitbook = Client(fixture.Emulator);
        var (uninstalled, id) = await PublishAndInstallAsync(gitbook);
        var (unpublished, _) = await PublishAndInstallAsync(gitbook);

        await gitbook.DeleteAsync($"v1/integrations/{uninstalled}/installations/{id}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        await gitbook.DeleteAsync($"v1/integrations/{unpublished}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        var names = (await ListAllAsync(gitbook, Url(Home))).Select(i => Str(i["integration"]!["name"])).ToList();
        names.Should().NotContain([uninstalled, unpublished]);
    }

    [Fact]
    public async Task Another_tenant_does_not_see_the_installations()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, _) = await PublishAndInstallAsync(gitbook);
        using var stranger = Client(fixture.Emulator);

        (await gitbook.GetAsync(Url(Home, $"?search={name}")).OkJsonAsync())["count"]!.GetValue<int>().Should().Be(1);
        (await stranger.GetAsync(Url(Home, $"?search={name}")).OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        var seeded = await ListAllAsync(stranger, Url(Home));
        (await ListAllAsync(gitbook, Url(Home))).Should().HaveCount(seeded.Count + 1, "the tenants start from the same seed and differ by this install only");
    }

    [Fact]
    public async Task An_installation_token_sees_its_own_installation_only()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await PublishAndInstallAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));

        var seen = await ListAllAsync(installation, Url(Home));

        seen.Select(i => Str(i["installation"]!["id"])).Should().Equal(id);
    }

    [Theory]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=1.5", "limit")]
    [InlineData("?page=forged", "page")]
    public async Task Bad_paging_parameters_are_400(string query, string field)
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.GetAsync(Url(Home, query)).ShouldFailAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_unknown_organization_is_404_and_no_token_is_401()
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.GetAsync(Url("no-such-org")).ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
        using var anonymous = Anonymous(fixture.Emulator);
        await anonymous.GetAsync(Url(Home)).ShouldFailAsync(HttpStatusCode.Unauthorized);
    }
}
