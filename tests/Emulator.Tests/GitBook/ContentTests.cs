using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>listSpaceIntegrations, listSpaceIntegrationsBlocks, listSiteIntegrations, listSiteIntegrationScripts.</summary>
public sealed class ContentTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Blocks() => new()
    {
        ["blocks"] = new JsonArray(new JsonObject
        {
            ["id"] = "test-block",
            ["title"] = "Test block",
            ["urlUnfurl"] = new JsonArray("https://test.example.com/**"),
        }),
    };

    [Fact]
    public async Task The_seeded_default_space_and_site_show_their_enabled_integrations()
    {
        using var gitbook = Client(fixture.Emulator);

        var space = await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync();
        Names(Items(space)).Should().Equal(["slack", "mermaid"], "figma is still pending, mermaid selects all spaces");
        space["count"]!.GetValue<int>().Should().Be(2);

        var blocks = await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integration-blocks").OkArrayAsync();
        blocks.Select(b => Str(b!["name"])).Should().Equal("mermaid");
        blocks[0]!["blocks"]!.AsArray().Select(b => Str(b!["id"])).Should().Equal("mermaid-diagram");

        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations").OkJsonAsync())).Should().Equal("google-analytics");
        var scripts = await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integration-scripts").OkArrayAsync();
        var script = scripts.Should().ContainSingle().Subject!.AsObject();
        Str(script["script"]).Should().StartWith("https://").And.Contain("google-analytics");
        script["cookies"]!.GetValue<bool>().Should().BeTrue();
        Str(script["contentSecurityPolicy"]).Should().Be("script-src https://www.googletagmanager.com");
    }

    [Fact]
    public async Task Search_narrows_space_and_site_integrations()
    {
        using var gitbook = Client(fixture.Emulator);

        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations?search=DIAGRAM").OkJsonAsync())).Should().Equal("mermaid");
        Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations?search=nothing-like-it").OkJsonAsync()).Should().BeEmpty();
        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations?search=google").OkJsonAsync())).Should().Equal("google-analytics");
        Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations?search=slack").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_space_installation_adds_the_integration_and_its_blocks_to_the_space_and_uninstall_removes_them()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, "space", Blocks());
        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().NotContain(name);

        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);

        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().Equal("slack", "mermaid", name);
        var blocks = await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integration-blocks").OkArrayAsync();
        var mine = blocks.Single(b => Str(b!["name"]) == name)!;
        mine["blocks"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be("test-block");
        Str(mine["blocks"]![0]!["urlUnfurl"]![0]).Should().Be("https://test.example.com/**");
        var otherSpace = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/spaces")).Select(s => Str(s["id"])).First(s => s != DocsSpace);
        Names(Items(await gitbook.GetAsync($"v1/spaces/{otherSpace}/integrations").OkJsonAsync())).Should().NotContain(name);

        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}/spaces/{DocsSpace}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().NotContain(name);
        (await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integration-blocks").OkArrayAsync()).Select(b => Str(b!["name"])).Should().NotContain(name);
    }

    [Fact]
    public async Task Selecting_all_spaces_enables_the_integration_on_every_space_of_its_organization_only()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, "space", Blocks());
        var homeSpaces = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/spaces")).Select(s => Str(s["id"])).ToList();
        var foreignSpace = await FirstSpaceOfAsync(gitbook, await OtherOrganizationAsync(gitbook));

        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["space_selection"] = "all" }).OkJsonAsync();

        foreach (var space in homeSpaces)
        {
            Names(Items(await gitbook.GetAsync($"v1/spaces/{space}/integrations").OkJsonAsync())).Should().Contain(name);
            (await gitbook.GetAsync($"v1/spaces/{space}/integration-blocks").OkArrayAsync()).Select(b => Str(b!["name"])).Should().Contain(name);
        }
        Names(Items(await gitbook.GetAsync($"v1/spaces/{foreignSpace}/integrations").OkJsonAsync())).Should().NotContain(name);

        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["space_selection"] = "selected" }).OkJsonAsync();
        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().NotContain(name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_site_installation_of_a_script_injecting_integration_adds_its_script(bool cookies)
    {
        using var gitbook = Client(fixture.Emulator);
        var scopes = cookies ? new JsonArray("site:script:inject", "site:script:cookies") : new JsonArray("site:script:inject");
        var (name, id) = await PublishAndInstallAsync(gitbook, "site", new JsonObject { ["scopes"] = scopes, ["contentSecurityPolicy"] = "script-src https://cdn.test.example" });
        var handbook = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/sites")).Select(s => Str(s["id"])).First(s => s != DocsSite);
        (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{handbook}/integration-scripts").OkArrayAsync()).Should().BeEmpty();

        await InstallOnSiteAsync(gitbook, name, id, handbook);

        var script = (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{handbook}/integration-scripts").OkArrayAsync()).Should().ContainSingle().Subject!;
        Str(script["script"]).Should().Contain(name).And.Contain(id).And.Contain(handbook);
        script["cookies"]!.GetValue<bool>().Should().Be(cookies);
        Str(script["contentSecurityPolicy"]).Should().Be("script-src https://cdn.test.example");
        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{handbook}/integrations").OkJsonAsync())).Should().Equal(name);
        (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integration-scripts").OkArrayAsync()).Should().HaveCount(1, "only google-analytics is on the docs site");

        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}/sites/{handbook}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{handbook}/integration-scripts").OkArrayAsync()).Should().BeEmpty();
        Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{handbook}/integrations").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Selecting_all_sites_adds_the_script_to_every_site_of_the_organization()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, "site", new JsonObject { ["scopes"] = new JsonArray("site:script:inject") });
        var homeSites = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/sites")).Select(s => Str(s["id"])).ToList();

        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["site_selection"] = "all" }).OkJsonAsync();

        foreach (var site in homeSites)
        {
            (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{site}/integration-scripts").OkArrayAsync()).Select(s => Str(s!["script"]))
                .Should().Contain(s => s.Contains(name));
            Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{site}/integrations").OkJsonAsync())).Should().Contain(name);
        }
        var intercomOrg = Str(Items(await gitbook.GetAsync("v1/integrations/intercom/installations").OkJsonAsync()).Single()["target"]!["organization"]);
        var foreignSite = await FirstSiteOfAsync(gitbook, intercomOrg);
        (await gitbook.GetAsync($"v1/orgs/{intercomOrg}/sites/{foreignSite}/integration-scripts").OkArrayAsync()).Should().BeEmpty("intercom selects no site");
    }

    [Fact]
    public async Task An_integration_without_the_inject_scope_is_enabled_on_the_site_but_adds_no_script()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, "site", new JsonObject { ["scopes"] = new JsonArray("site:metadata:read") });

        await InstallOnSiteAsync(gitbook, name, id, DocsSite);

        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations").OkJsonAsync())).Should().Equal("google-analytics", name);
        (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integration-scripts").OkArrayAsync()).Select(s => Str(s!["script"]))
            .Should().ContainSingle().Which.Should().Contain("google-analytics");
    }

    [Fact]
    public async Task A_pending_installation_is_not_enabled_until_configured()
    {
        using var gitbook = Client(fixture.Emulator);
        var extra = RequiredConfiguration("account", "key");
        extra["scopes"] = new JsonArray("site:script:inject");
        var (name, id) = await PublishAndInstallAsync(gitbook, "site", extra);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);

        (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integration-scripts").OkArrayAsync()).Should().HaveCount(1);
        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations").OkJsonAsync())).Should().NotContain(name);

        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["configuration"] = new JsonObject { ["key"] = "v" } }).OkJsonAsync();

        (await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integration-scripts").OkArrayAsync()).Should().HaveCount(2);
        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations").OkJsonAsync())).Should().Contain(name);
    }

    [Fact]
    public async Task Unknown_spaces_sites_and_organizations_are_404()
    {
        using var gitbook = Client(fixture.Emulator);
        var other = await OtherOrganizationAsync(gitbook);

        await gitbook.GetAsync("v1/spaces/no-such-space/integrations").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-space");
        await gitbook.GetAsync("v1/spaces/no-such-space/integration-blocks").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-space");
        await gitbook.GetAsync($"v1/orgs/{Home}/sites/site_nope/integrations").ShouldFailAsync(HttpStatusCode.NotFound, "site_nope");
        await gitbook.GetAsync($"v1/orgs/{Home}/sites/site_nope/integration-scripts").ShouldFailAsync(HttpStatusCode.NotFound, "site_nope");
        await gitbook.GetAsync($"v1/orgs/{other}/sites/{DocsSite}/integrations").ShouldFailAsync(HttpStatusCode.NotFound, DocsSite);
        await gitbook.GetAsync($"v1/orgs/{other}/sites/{DocsSite}/integration-scripts").ShouldFailAsync(HttpStatusCode.NotFound, DocsSite);
        await gitbook.GetAsync($"v1/orgs/no-such-org/sites/{DocsSite}/integrations").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
    }
}
