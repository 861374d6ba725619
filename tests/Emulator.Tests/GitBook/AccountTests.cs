using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// The supporting reads: getAuthenticatedUser, listOrganizationsForAuthenticatedUser, getOrganizationById,
/// listSpacesInOrganizationById, listSites, getSiteById, getSpaceById; and authentication.
/// </summary>
public sealed class AccountTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_user_is_the_seeded_emulator_user()
    {
        using var gitbook = Client(fixture.Emulator);

        var user = await gitbook.GetAsync("v1/user").OkJsonAsync();

        Str(user["object"]).Should().Be("user");
        Str(user["id"]).Should().Be("emulator-user");
        Str(user["email"]).Should().Contain("@");
        Str(user["urls"]!["location"]).Should().StartWith("http://localhost/gitbook/v1/users/");
    }

    [Fact]
    public async Task Organizations_list_holds_the_home_and_marketplace_orgs_and_pages_without_gaps()
    {
        using var gitbook = Client(fixture.Emulator);

        var all = await gitbook.GetAsync("v1/orgs?limit=100").OkJsonAsync();
        var ids = Items(all).Select(o => Str(o["id"])).ToList();
        ids.Should().Contain([Home, Marketplace]).And.HaveCount(4).And.BeInAscendingOrder(StringComparer.Ordinal);
        all["count"]!.GetValue<int>().Should().Be(4);
        all.ContainsKey("next").Should().BeFalse();

        (await ListAllAsync(gitbook, "v1/orgs?limit=1")).Select(o => Str(o["id"])).Should().Equal(ids);
    }

    [Fact]
    public async Task An_organization_reads_by_id_with_its_hostname_and_an_unknown_one_is_404()
    {
        using var gitbook = Client(fixture.Emulator);

        var org = await gitbook.GetAsync($"v1/orgs/{Home}").OkJsonAsync();
        Str(org["object"]).Should().Be("organization");
        Str(org["id"]).Should().Be(Home);
        Str(org["hostname"]).Should().Be(HomeHostname);
        Str(org["urls"]!["location"]).Should().Be($"http://localhost/gitbook/v1/orgs/{Home}");

        await gitbook.GetAsync("v1/orgs/no-such-org").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
    }

    [Fact]
    public async Task Spaces_of_an_organization_belong_to_it_and_a_space_reads_by_id()
    {
        using var gitbook = Client(fixture.Emulator);

        var spaces = await ListAllAsync(gitbook, $"v1/orgs/{Home}/spaces?limit=2");
        spaces.Select(s => Str(s["id"])).Should().Contain(DocsSpace).And.OnlyHaveUniqueItems();
        spaces.Should().OnlyContain(s => Str(s["organization"]) == Home);

        var space = await gitbook.GetAsync($"v1/spaces/{DocsSpace}").OkJsonAsync();
        Str(space["object"]).Should().Be("space");
        Str(space["title"]).Should().Be("Product Docs");
        Str(space["organization"]).Should().Be(Home);

        var other = await OtherOrganizationAsync(gitbook);
        var otherSpaces = await ListAllAsync(gitbook, $"v1/orgs/{other}/spaces");
        otherSpaces.Should().NotBeEmpty().And.OnlyContain(s => Str(s["organization"]) == other);

        await gitbook.GetAsync("v1/spaces/no-such-space").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-space");
        await gitbook.GetAsync("v1/orgs/no-such-org/spaces").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
    }

    [Fact]
    public async Task Sites_of_an_organization_filter_and_read_by_id_only_inside_their_organization()
    {
        using var gitbook = Client(fixture.Emulator);

        var sites = await ListAllAsync(gitbook, $"v1/orgs/{Home}/sites");
        sites.Select(s => Str(s["id"])).Should().Contain(DocsSite).And.HaveCount(2);
        var published = Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites?published=true").OkJsonAsync());
        published.Select(s => Str(s["id"])).Should().Equal(DocsSite);
        var byTitle = Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites?title=handbook").OkJsonAsync());
        byTitle.Should().ContainSingle().Which["title"]!.GetValue<string>().Should().Be("Internal Handbook");

        var site = await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}").OkJsonAsync();
        Str(site["object"]).Should().Be("site");
        Str(site["id"]).Should().Be(DocsSite);
        site["published"]!.GetValue<bool>().Should().BeTrue();

        var other = await OtherOrganizationAsync(gitbook);
        await gitbook.GetAsync($"v1/orgs/{other}/sites/{DocsSite}").ShouldFailAsync(HttpStatusCode.NotFound, DocsSite);
        await gitbook.GetAsync($"v1/orgs/{Home}/sites/site_nope").ShouldFailAsync(HttpStatusCode.NotFound, "site_nope");
        await gitbook.GetAsync("v1/orgs/no-such-org/sites").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
    }

    [Theory]
    [InlineData("v1/user")]
    [InlineData("v1/orgs")]
    [InlineData("v1/integrations")]
    [InlineData("v1/integrations/slack")]
    [InlineData("v1/spaces/emulator-space-docs/integrations")]
    public async Task No_token_is_401(string url)
    {
        using var anonymous = Anonymous(fixture.Emulator);

        await anonymous.GetAsync(url).ShouldFailAsync(HttpStatusCode.Unauthorized, "Bearer");
    }

    [Fact]
    public async Task Writes_without_a_token_are_401_too_and_a_malformed_header_is_401()
    {
        using var anonymous = Anonymous(fixture.Emulator);
        await anonymous.PostJsonAsync($"v1/integrations/{UniqueName()}", PublishBody()).ShouldFailAsync(HttpStatusCode.Unauthorized);
        await anonymous.DeleteAsync("v1/integrations/slack").ShouldFailAsync(HttpStatusCode.Unauthorized);

        using var basic = Anonymous(fixture.Emulator);
        basic.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        await basic.GetAsync("v1/user").ShouldFailAsync(HttpStatusCode.Unauthorized, "Bearer");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_in_the_GitBook_envelope()
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.GetAsync("v1/no-such-thing").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.PostJsonAsync("v1/user", new JsonObject()).ShouldFailAsync(HttpStatusCode.MethodNotAllowed);
    }
}
