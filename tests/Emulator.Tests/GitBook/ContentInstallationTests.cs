using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// Space and site installations: installIntegrationOnSpace/Site, listIntegrationInstallationSpaces/Sites,
/// getIntegrationSpace/SiteInstallation, updateIntegrationSpace/SiteInstallation, uninstallIntegrationFromSpace/Site,
/// listIntegrationSpace/SiteInstallations.
/// </summary>
public sealed class ContentInstallationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Installing_on_a_space_is_201_with_Location_and_shows_in_every_list()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);

        var (space, location) = await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/spaces", new JsonObject { ["space"] = DocsSpace }).CreatedJsonAsync();

        location.ToString().Should().Be($"http://localhost/gitbook/v1/integrations/{name}/installations/{id}/spaces/{DocsSpace}");
        Str(space["integration"]).Should().Be(name);
        Str(space["installation"]).Should().Be(id);
        Str(space["space"]).Should().Be(DocsSpace, "without extended the space is its id");
        Str(space["status"]).Should().Be("active");
        space["configuration"]!.AsObject().Should().BeEmpty();
        space["externalIds"]!.AsArray().Should().BeEmpty();

        (await gitbook.GetAsync(location).OkJsonAsync()).ToJsonString().Should().Be(space.ToJsonString());
        Items(await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}/spaces").OkJsonAsync()).Select(s => Str(s["space"])).Should().Equal(DocsSpace);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync()).Select(s => Str(s["space"])).Should().Equal(DocsSpace);
        (await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync())["spaces"]!.GetValue<int>().Should().Be(1);
        var setup = (await EventsAsync(gitbook, name)).First();
        Str(setup["payload"]!["type"]).Should().Be("space_installation_setup");
        Str(setup["payload"]!["spaceId"]).Should().Be(DocsSpace);
        Str(setup["payload"]!["installationId"]).Should().Be(id);
        Str(setup["payload"]!["status"]).Should().Be("active");
    }

    [Fact]
    public async Task Installing_on_a_site_is_201_with_Location_and_shows_in_every_list()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);

        var (site, location) = await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/sites", new JsonObject { ["siteId"] = DocsSite }).CreatedJsonAsync();

        location.ToString().Should().Be($"http://localhost/gitbook/v1/integrations/{name}/installations/{id}/sites/{DocsSite}");
        Str(site["site"]).Should().Be(DocsSite);
        Str(site["installation"]).Should().Be(id);
        (await gitbook.GetAsync(location).OkJsonAsync()).ToJsonString().Should().Be(site.ToJsonString());
        Items(await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}/sites").OkJsonAsync()).Select(s => Str(s["site"])).Should().Equal(DocsSite);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/sites").OkJsonAsync()).Select(s => Str(s["site"])).Should().Equal(DocsSite);
        (await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync())["spaces"]!.GetValue<int>().Should().Be(0, "spaces counts space installations only");
        var setup = (await EventsAsync(gitbook, name)).First();
        Str(setup["payload"]!["type"]).Should().Be("site_installation_setup");
        Str(setup["payload"]!["siteId"]).Should().Be(DocsSite);
    }

    [Fact]
    public async Task Extended_embeds_the_Space_and_Site_objects()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);

        var (space, _) = await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/spaces?extended=true", new JsonObject { ["space"] = DocsSpace }).CreatedJsonAsync();
        var (site, _) = await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/sites?extended=true", new JsonObject { ["siteId"] = DocsSite }).CreatedJsonAsync();

        Str(space["space"]!["object"]).Should().Be("space");
        Str(space["space"]!["id"]).Should().Be(DocsSpace);
        Str(site["site"]!["object"]).Should().Be("site");
        Str(site["site"]!["id"]).Should().Be(DocsSite);
        var spaceUrl = $"v1/integrations/{name}/installations/{id}/spaces";
        var siteUrl = $"v1/integrations/{name}/installations/{id}/sites";
        Str((await gitbook.GetAsync($"{spaceUrl}/{DocsSpace}?extended=true").OkJsonAsync())["space"]!["title"]).Should().Be("Product Docs");
        Str((await gitbook.GetAsync($"{siteUrl}/{DocsSite}?extended=true").OkJsonAsync())["site"]!["id"]).Should().Be(DocsSite);
        Items(await gitbook.GetAsync($"{spaceUrl}?extended=true").OkJsonAsync()).Single()["space"].Should().BeOfType<JsonObject>();
        Items(await gitbook.GetAsync($"{siteUrl}?extended=true").OkJsonAsync()).Single()["site"].Should().BeOfType<JsonObject>();
        Items(await gitbook.GetAsync($"v1/integrations/{name}/spaces?extended=true").OkJsonAsync()).Single()["space"].Should().BeOfType<JsonObject>();
        Items(await gitbook.GetAsync($"v1/integrations/{name}/sites?extended=true").OkJsonAsync()).Single()["site"].Should().BeOfType<JsonObject>();
        Str((await gitbook.GetAsync($"{spaceUrl}/{DocsSpace}?extended=false").OkJsonAsync())["space"]).Should().Be(DocsSpace);
        var patched = await gitbook.PatchJsonAsync($"{siteUrl}/{DocsSite}?extended=true", new JsonObject { ["externalIds"] = new JsonArray("e") }).OkJsonAsync();
        Str(patched["site"]!["object"]).Should().Be("site");
    }

    [Fact]
    public async Task Space_and_site_of_another_organization_are_400_naming_the_field()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var other = await OtherOrganizationAsync(gitbook);
        var foreignSpace = await FirstSpaceOfAsync(gitbook, other);
        var foreignSite = await FirstSiteOfAsync(gitbook, other);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/spaces", new JsonObject { ["space"] = foreignSpace }).ShouldFailAsync(HttpStatusCode.BadRequest, "space", foreignSpace, other);
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/sites", new JsonObject { ["siteId"] = foreignSite }).ShouldFailAsync(HttpStatusCode.BadRequest, "siteId", foreignSite, other);

        (await gitbook.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        (await gitbook.GetAsync($"v1/integrations/{name}/sites").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Unknown_spaces_sites_installations_and_missing_fields()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var spaces = $"v1/integrations/{name}/installations/{id}/spaces";
        var sites = $"v1/integrations/{name}/installations/{id}/sites";

        await gitbook.PostJsonAsync(spaces, new JsonObject { ["space"] = "no-such-space" }).ShouldFailAsync(HttpStatusCode.NotFound, "no-such-space");
        await gitbook.PostJsonAsync(sites, new JsonObject { ["siteId"] = "site_nope" }).ShouldFailAsync(HttpStatusCode.NotFound, "site_nope");
        await gitbook.PostJsonAsync(spaces, new JsonObject()).ShouldFailAsync(HttpStatusCode.BadRequest, "space");
        await gitbook.PostJsonAsync(sites, new JsonObject { ["site"] = DocsSite }).ShouldFailAsync(HttpStatusCode.BadRequest, "siteId");
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/nope/spaces", new JsonObject { ["space"] = DocsSpace }).ShouldFailAsync(HttpStatusCode.NotFound, "nope");
        await gitbook.PostJsonAsync($"v1/integrations/{UniqueName()}/installations/{id}/sites", new JsonObject { ["siteId"] = DocsSite }).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"{spaces}/{DocsSpace}").ShouldFailAsync(HttpStatusCode.NotFound, DocsSpace);
        await gitbook.GetAsync($"{sites}/{DocsSite}").ShouldFailAsync(HttpStatusCode.NotFound, DocsSite);
        await gitbook.PatchJsonAsync($"{spaces}/{DocsSpace}", new JsonObject()).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.PatchJsonAsync($"{sites}/{DocsSite}", new JsonObject()).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/integrations/{name}/installations/nope/spaces").ShouldFailAsync(HttpStatusCode.NotFound, "nope");
        await gitbook.GetAsync($"v1/integrations/{name}/installations/nope/sites").ShouldFailAsync(HttpStatusCode.NotFound, "nope");
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/spaces").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/sites").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/nope/spaces/{DocsSpace}").ShouldFailAsync(HttpStatusCode.NotFound, "nope");
    }

    [Fact]
    public async Task A_second_installation_on_the_same_space_or_site_is_409()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/spaces", new JsonObject { ["space"] = DocsSpace }).ShouldFailAsync(HttpStatusCode.Conflict, DocsSpace);
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/sites", new JsonObject { ["siteId"] = DocsSite }).ShouldFailAsync(HttpStatusCode.Conflict, DocsSite);
        (await gitbook.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(1);
    }

    [Theory]
    [InlineData("space", "sites")]
    [InlineData("site", "spaces")]
    [InlineData("organization", "spaces")]
    [InlineData("organization", "sites")]
    public async Task The_integration_target_limits_where_it_installs(string target, string refused)
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, target);
        var (field, targetId) = refused == "spaces" ? ("space", DocsSpace) : ("siteId", DocsSite);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations/{id}/{refused}", new JsonObject { [field] = targetId })
            .ShouldFailAsync(HttpStatusCode.BadRequest, field, $"targets {target}");

        (await gitbook.GetAsync($"v1/integrations/{name}/{refused}").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        if (target == "space") await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        if (target == "site") await InstallOnSiteAsync(gitbook, name, id, DocsSite);
    }

    [Fact]
    public async Task A_required_space_configuration_keeps_the_space_installation_pending_until_supplied()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, extra: RequiredConfiguration("space", "project"));
        var url = $"v1/integrations/{name}/installations/{id}/spaces/{DocsSpace}";

        Str((await InstallOnSpaceAsync(gitbook, name, id, DocsSpace))["status"]).Should().Be("pending");
        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().NotContain(name, "a pending space installation is not enabled");

        var updated = await gitbook.PatchJsonAsync(url, new JsonObject
        {
            ["configuration"] = new JsonObject { ["project"] = "P-1" },
            ["externalIds"] = new JsonArray("space-ext"),
        }).OkJsonAsync();

        Str(updated["status"]).Should().Be("active");
        updated["configuration"]!.ToJsonString().Should().Be("{\"project\":\"P-1\"}");
        updated["externalIds"]!.AsArray().Select(Str).Should().Equal("space-ext");
        (await gitbook.GetAsync(url).OkJsonAsync()).ToJsonString().Should().Be(updated.ToJsonString());
        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().Contain(name);
        var setup = (await EventsAsync(gitbook, name)).First();
        Str(setup["payload"]!["type"]).Should().Be("space_installation_setup");
        Str(setup["payload"]!["status"]).Should().Be("active");
        Str(setup["payload"]!["previous"]!["status"]).Should().Be("pending");
    }

    [Fact]
    public async Task A_required_site_configuration_works_the_same_way()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, extra: RequiredConfiguration("site", "tracking"));
        var url = $"v1/integrations/{name}/installations/{id}/sites/{DocsSite}";

        Str((await InstallOnSiteAsync(gitbook, name, id, DocsSite))["status"]).Should().Be("pending");
        var updated = await gitbook.PatchJsonAsync(url, new JsonObject { ["configuration"] = new JsonObject { ["tracking"] = "T" } }).OkJsonAsync();

        Str(updated["status"]).Should().Be("active");
        Str((await EventsAsync(gitbook, name)).First()["payload"]!["type"]).Should().Be("site_installation_setup");
    }

    [Theory]
    [InlineData("spaces", "{\"externalIds\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}", "externalIds")]
    [InlineData("sites", "{\"externalIds\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}", "externalIds")]
    [InlineData("spaces", "{\"configuration\":[]}", "configuration")]
    [InlineData("sites", "{\"externalIds\":\"one\"}", "externalIds")]
    public async Task Content_updates_validate_their_body(string kind, string body, string field)
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        if (kind == "spaces") await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        else await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        var url = $"v1/integrations/{name}/installations/{id}/{kind}/{(kind == "spaces" ? DocsSpace : DocsSite)}";

        await gitbook.PatchJsonAsync(url, JsonNode.Parse(body)!).ShouldFailAsync(HttpStatusCode.BadRequest, field);

        (await gitbook.GetAsync(url).OkJsonAsync())["externalIds"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Five_external_ids_are_accepted_on_space_and_site_installations()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        var five = new JsonArray("1", "2", "3", "4", "5");

        (await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}/spaces/{DocsSpace}", new JsonObject { ["externalIds"] = five.DeepClone() }).OkJsonAsync())
            ["externalIds"]!.AsArray().Should().HaveCount(5);
        (await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}/sites/{DocsSite}", new JsonObject { ["externalIds"] = five.DeepClone() }).OkJsonAsync())
            ["externalIds"]!.AsArray().Should().HaveCount(5);
    }

    [Fact]
    public async Task External_id_filters_the_integration_wide_space_and_site_lists()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var secondSpace = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/spaces")).Select(s => Str(s["id"])).First(s => s != DocsSpace);
        var secondSite = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/sites")).Select(s => Str(s["id"])).First(s => s != DocsSite);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSpaceAsync(gitbook, name, id, secondSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        await InstallOnSiteAsync(gitbook, name, id, secondSite);
        var base_ = $"v1/integrations/{name}/installations/{id}";
        await gitbook.PatchJsonAsync($"{base_}/spaces/{secondSpace}", new JsonObject { ["externalIds"] = new JsonArray("space-b") }).OkJsonAsync();
        await gitbook.PatchJsonAsync($"{base_}/sites/{DocsSite}", new JsonObject { ["externalIds"] = new JsonArray("site-a") }).OkJsonAsync();

        Items(await gitbook.GetAsync($"v1/integrations/{name}/spaces?externalId=space-b").OkJsonAsync()).Select(s => Str(s["space"])).Should().Equal(secondSpace);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/sites?externalId=site-a").OkJsonAsync()).Select(s => Str(s["site"])).Should().Equal(DocsSite);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/spaces?externalId=site-a").OkJsonAsync()).Should().BeEmpty();
        (await ListAllAsync(gitbook, $"v1/integrations/{name}/spaces?limit=1")).Select(s => Str(s["space"])).Should().Equal(DocsSpace, secondSpace);
        (await ListAllAsync(gitbook, $"{base_}/sites?limit=1")).Select(s => Str(s["site"])).Should().Equal(DocsSite, secondSite);
        (await gitbook.GetAsync($"{base_}").OkJsonAsync())["spaces"]!.GetValue<int>().Should().Be(2);
        await gitbook.GetAsync($"v1/integrations/{name}/spaces?limit=1001").ShouldFailAsync(HttpStatusCode.BadRequest, "limit");
        await gitbook.GetAsync($"{base_}/sites?page=forged").ShouldFailAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Uninstalling_from_a_space_or_site_is_205_then_204()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        var space = $"v1/integrations/{name}/installations/{id}/spaces/{DocsSpace}";
        var site = $"v1/integrations/{name}/installations/{id}/sites/{DocsSite}";

        await gitbook.DeleteAsync(space).ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        await gitbook.DeleteAsync(site).ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        await gitbook.GetAsync(space).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync(site).ShouldFailAsync(HttpStatusCode.NotFound);
        (await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync())["spaces"]!.GetValue<int>().Should().Be(0);
        var events = await EventsAsync(gitbook, name);
        Str(events[0]["payload"]!["type"]).Should().Be("site_installation_deleted");
        Str(events[0]["payload"]!["siteId"]).Should().Be(DocsSite);
        Str(events[1]["payload"]!["type"]).Should().Be("space_installation_deleted");
        Str(events[1]["payload"]!["spaceId"]).Should().Be(DocsSpace);
        await gitbook.DeleteAsync(space).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await gitbook.DeleteAsync(site).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
    }
}
