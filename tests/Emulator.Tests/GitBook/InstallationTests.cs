using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// Organization installations: installIntegration, listIntegrationInstallations, getIntegrationInstallationById,
/// updateIntegrationInstallation, uninstallIntegration, getOrganizationIntegrationStatus, listOrganizationIntegrationsStatus.
/// </summary>
public sealed class InstallationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Install_is_201_with_a_Location_that_reads_the_installation_back()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        var (installation, location) = await gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = Home }).CreatedJsonAsync();

        var id = Str(installation["id"]);
        location.ToString().Should().Be($"http://localhost/gitbook/v1/integrations/{name}/installations/{id}");
        Str(installation["status"]).Should().Be("active", "nothing is required to configure");
        Str(installation["space_selection"]).Should().Be("selected");
        Str(installation["site_selection"]).Should().Be("selected");
        installation["spaces"]!.GetValue<int>().Should().Be(0);
        installation["configuration"]!.AsObject().Should().BeEmpty();
        installation["externalIds"]!.AsArray().Should().BeEmpty();
        Str(installation["target"]!["organization"]).Should().Be(Home);
        Str(installation["createdAt"]).Should().Be(Str(installation["updatedAt"]));

        var read = await gitbook.GetAsync(location).OkJsonAsync();
        read.ToJsonString().Should().Be(installation.ToJsonString());
        var listed = await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync();
        Items(listed).Select(i => Str(i["id"])).Should().Equal(id);
        Str((await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{name}/installation_status").OkJsonAsync())["status"]).Should().Be("active");
    }

    [Fact]
    public async Task Install_by_organization_hostname_installs_on_that_organization()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        var installation = await InstallAsync(gitbook, name, HomeHostname);

        Str(installation["target"]!["organization"]).Should().Be(Home);
    }

    [Fact]
    public async Task A_second_installation_in_the_same_organization_is_409_but_another_organization_may_install()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, _) = await PublishAndInstallAsync(gitbook);
        var other = await OtherOrganizationAsync(gitbook);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = Home }).ShouldFailAsync(HttpStatusCode.Conflict, name, Home);
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = HomeHostname }).ShouldFailAsync(HttpStatusCode.Conflict);
        var second = await InstallAsync(gitbook, name, other);

        Str(second["target"]!["organization"]).Should().Be(other);
        (await ListAllAsync(gitbook, $"v1/integrations/{name}/installations?limit=1")).Should().HaveCount(2);
        await gitbook.PostJsonAsync("v1/integrations/slack/installations", new JsonObject { ["organization"] = Home }).ShouldFailAsync(HttpStatusCode.Conflict, "slack");
    }

    [Fact]
    public async Task Racing_installs_on_one_organization_let_exactly_one_through()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = Home }))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created)) await loser.ShouldFailAsync(HttpStatusCode.Conflict, name);
        foreach (var response in responses) response.Dispose();
        (await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(1);
        (await EventsAsync(gitbook, name)).Should().ContainSingle();
    }

    [Fact]
    public async Task Install_errors_unknown_integration_404_unknown_organization_404_missing_organization_400()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await gitbook.PostJsonAsync($"v1/integrations/{UniqueName()}/installations", new JsonObject { ["organization"] = Home }).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = "nowhere" }).ShouldFailAsync(HttpStatusCode.NotFound, "organization", "nowhere");
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject()).ShouldFailAsync(HttpStatusCode.BadRequest, "organization");
        await gitbook.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = 5 }).ShouldFailAsync(HttpStatusCode.BadRequest, "organization");
        await gitbook.PostJsonAsync("v1/integrations/bad!name/installations", new JsonObject { ["organization"] = Home }).ShouldFailAsync(HttpStatusCode.BadRequest, "integrationName");
        (await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_private_integration_installs_only_on_its_owner_organization_and_unlisted_anywhere()
    {
        using var gitbook = Client(fixture.Emulator);
        var other = await OtherOrganizationAsync(gitbook);
        var hidden = UniqueName();
        await PublishAsync(gitbook, hidden, visibility: "private");

        await gitbook.PostJsonAsync($"v1/integrations/{hidden}/installations", new JsonObject { ["organization"] = other }).ShouldFailAsync(HttpStatusCode.NotFound, hidden);
        await gitbook.PostJsonAsync("v1/integrations/emulator-private-tool/installations", new JsonObject { ["organization"] = other }).ShouldFailAsync(HttpStatusCode.NotFound);
        await InstallAsync(gitbook, hidden, Home);
        await InstallAsync(gitbook, "emulator-private-tool", Home);
        await InstallAsync(gitbook, "emulator-beta-widget", other);
    }

    [Fact]
    public async Task A_required_account_configuration_keeps_the_installation_pending_until_PATCH_supplies_it()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook, extra: RequiredConfiguration("account", "api_key"));
        var url = $"v1/integrations/{name}/installations/{id}";

        Str((await gitbook.GetAsync(url).OkJsonAsync())["status"]).Should().Be("pending");
        Str((await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{name}/installation_status").OkJsonAsync())["status"]).Should().Be("pending");

        var partial = await gitbook.PatchJsonAsync(url, new JsonObject { ["configuration"] = new JsonObject { ["other"] = "x" } }).OkJsonAsync();
        Str(partial["status"]).Should().Be("pending");

        var configured = await gitbook.PatchJsonAsync(url, new JsonObject { ["configuration"] = new JsonObject { ["api_key"] = "k-1" } }).OkJsonAsync();
        Str(configured["status"]).Should().Be("active");
        configured["configuration"]!.ToJsonString().Should().Be("{\"api_key\":\"k-1\"}", "the configuration is replaced, not merged");
        Str((await gitbook.GetAsync(url).OkJsonAsync())["status"]).Should().Be("active");
        Str((await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{name}/installation_status").OkJsonAsync())["status"]).Should().Be("active");

        var setup = (await EventsAsync(gitbook, name)).First();
        Str(setup["payload"]!["type"]).Should().Be("installation_setup");
        Str(setup["payload"]!["status"]).Should().Be("active");
        Str(setup["payload"]!["previous"]!["status"]).Should().Be("pending");
        setup["payload"]!["previous"]!["configuration"]!.ToJsonString().Should().Be("{\"other\":\"x\"}");
    }

    [Fact]
    public async Task The_seeded_figma_installation_is_pending_and_configuring_it_activates_it()
    {
        using var gitbook = Client(fixture.Emulator);
        var figma = Items(await gitbook.GetAsync("v1/integrations/figma/installations").OkJsonAsync()).Single();
        Str(figma["status"]).Should().Be("pending");

        var updated = await gitbook.PatchJsonAsync($"v1/integrations/figma/installations/{Str(figma["id"])}",
            new JsonObject { ["configuration"] = new JsonObject { ["oauth_token"] = "t" } }).OkJsonAsync();

        Str(updated["status"]).Should().Be("active");
    }

    [Fact]
    public async Task Update_changes_external_ids_and_selections_and_bumps_updatedAt()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var url = $"v1/integrations/{name}/installations/{id}";
        var before = await gitbook.GetAsync(url).OkJsonAsync();
        await Task.Delay(5);

        var updated = await gitbook.PatchJsonAsync(url, new JsonObject
        {
            ["externalIds"] = new JsonArray("a", "b", "c", "d", "e"),
            ["space_selection"] = "all",
            ["site_selection"] = "all",
        }).OkJsonAsync();

        updated["externalIds"]!.AsArray().Select(Str).Should().Equal("a", "b", "c", "d", "e");
        Str(updated["space_selection"]).Should().Be("all");
        Str(updated["site_selection"]).Should().Be("all");
        Str(updated["createdAt"]).Should().Be(Str(before["createdAt"]));
        DateTimeOffset.Parse(Str(updated["updatedAt"])).Should().BeAfter(DateTimeOffset.Parse(Str(before["updatedAt"])));
        (await gitbook.GetAsync(url).OkJsonAsync()).ToJsonString().Should().Be(updated.ToJsonString());

        var cleared = await gitbook.PatchJsonAsync(url, new JsonObject { ["externalIds"] = new JsonArray() }).OkJsonAsync();
        cleared["externalIds"]!.AsArray().Should().BeEmpty();
        Str(cleared["space_selection"]).Should().Be("all", "a PATCH leaves out what it does not name");
    }

    [Theory]
    [InlineData("{\"externalIds\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}", "externalIds")]
    [InlineData("{\"externalIds\":[1]}", "externalIds")]
    [InlineData("{\"space_selection\":\"some\"}", "space_selection")]
    [InlineData("{\"site_selection\":true}", "site_selection")]
    [InlineData("{\"configuration\":\"text\"}", "configuration")]
    public async Task Update_validates_its_body(string body, string field)
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var url = $"v1/integrations/{name}/installations/{id}";

        await gitbook.PatchJsonAsync(url, JsonNode.Parse(body)!).ShouldFailAsync(HttpStatusCode.BadRequest, field);

        var read = await gitbook.GetAsync(url).OkJsonAsync();
        read["externalIds"]!.AsArray().Should().BeEmpty();
        Str(read["space_selection"]).Should().Be("selected");
    }

    [Fact]
    public async Task Unknown_installations_and_integrations_are_404()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var slack = Str(Items(await gitbook.GetAsync("v1/integrations/slack/installations").OkJsonAsync()).Single()["id"]);

        await gitbook.GetAsync($"v1/integrations/{name}/installations/nope").ShouldFailAsync(HttpStatusCode.NotFound, "nope");
        await gitbook.GetAsync($"v1/integrations/{name}/installations/{slack}").ShouldFailAsync(HttpStatusCode.NotFound, slack);
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/installations/{id}").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/nope", new JsonObject()).ShouldFailAsync(HttpStatusCode.NotFound, "nope");
        await gitbook.PostAsync($"v1/integrations/{name}/installations/nope/tokens", null).ShouldFailAsync(HttpStatusCode.NotFound, "nope");
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/installations").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.DeleteAsync($"v1/integrations/{UniqueName()}/installations/{id}").ShouldFailAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Uninstall_is_205_and_cascades_to_space_and_site_installations_then_204()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        var url = $"v1/integrations/{name}/installations/{id}";

        await gitbook.DeleteAsync(url).ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        await gitbook.GetAsync(url).ShouldFailAsync(HttpStatusCode.NotFound, id);
        await gitbook.GetAsync($"{url}/spaces/{DocsSpace}").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"{url}/sites/{DocsSite}").ShouldFailAsync(HttpStatusCode.NotFound);
        (await gitbook.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        (await gitbook.GetAsync($"v1/integrations/{name}/sites").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        (await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{name}/installation_status").ShouldFailAsync(HttpStatusCode.NotFound, name);
        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().NotContain(name);
        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations").OkJsonAsync())).Should().NotContain(name);

        var types = (await EventsAsync(gitbook, name)).Select(e => Str(e["payload"]!["type"])).ToList();
        types.Take(3).Should().BeEquivalentTo(["installation_deleted", "space_installation_deleted", "site_installation_deleted"]);
        types[0].Should().Be("installation_deleted", "the organization installation goes last");

        await gitbook.DeleteAsync(url).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/never-was").ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await InstallAsync(gitbook, name);
    }

    [Fact]
    public async Task External_id_filters_the_installations()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, first) = await PublishAndInstallAsync(gitbook);
        var other = await OtherOrganizationAsync(gitbook);
        var second = Str((await InstallAsync(gitbook, name, other))["id"]);
        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{first}", new JsonObject { ["externalIds"] = new JsonArray("acct-1", "shared") }).OkJsonAsync();
        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{second}", new JsonObject { ["externalIds"] = new JsonArray("acct-2", "shared") }).OkJsonAsync();

        Items(await gitbook.GetAsync($"v1/integrations/{name}/installations?externalId=acct-1").OkJsonAsync()).Select(i => Str(i["id"])).Should().Equal(first);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/installations?externalId=acct-2").OkJsonAsync()).Select(i => Str(i["id"])).Should().Equal(second);
        (await ListAllAsync(gitbook, $"v1/integrations/{name}/installations?externalId=shared&limit=1")).Select(i => Str(i["id"])).Should().Equal(first, second);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/installations?externalId=none").OkJsonAsync()).Should().BeEmpty();
        await gitbook.GetAsync($"v1/integrations/{name}/installations?limit=1001").ShouldFailAsync(HttpStatusCode.BadRequest, "limit");
        await gitbook.GetAsync($"v1/integrations/{name}/installations?page=forged.token").ShouldFailAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Organization_status_lists_installations_per_target()
    {
        using var gitbook = Client(fixture.Emulator);

        var organization = await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?limit=2");
        organization.Select(s => Str(s["integration"]!["name"])).Should().Equal("slack", "google-analytics", "mermaid", "figma");
        organization.Should().OnlyContain(s => Str(s["target"]!["type"]) == "organization" && Str(s["target"]!["organizationId"]) == Home);
        organization.Select(s => Str(s["status"])).Should().Equal("active", "active", "active", "pending");
        Str(organization[0]["integration"]!["object"]).Should().Be("integration");

        var explicitOrganization = await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?target=organization");
        explicitOrganization.Select(s => Str(s["integration"]!["name"])).Should().Equal("slack", "google-analytics", "mermaid", "figma");

        var spaces = await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?target=space");
        spaces.Select(s => Str(s["integration"]!["name"])).Should().Equal("slack", "figma");
        spaces.Should().OnlyContain(s => Str(s["target"]!["type"]) == "space" && Str(s["target"]!["spaceId"]) == DocsSpace);

        var sites = await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?target=site&site={DocsSite}");
        sites.Select(s => Str(s["integration"]!["name"])).Should().Equal("google-analytics");
        Str(sites[0]["target"]!["siteId"]).Should().Be(DocsSite);
        Str(sites[0]["status"]).Should().Be("active");

        var otherSpace = (await ListAllAsync(gitbook, $"v1/orgs/{Home}/spaces")).Select(s => Str(s["id"])).First(id => id != DocsSpace);
        (await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?target=space&space={otherSpace}")).Should().BeEmpty();

        var intercomOrg = Str(Items(await gitbook.GetAsync("v1/integrations/intercom/installations").OkJsonAsync()).Single()["target"]!["organization"]);
        intercomOrg.Should().NotBe(Home);
        var intercom = await ListAllAsync(gitbook, $"v1/orgs/{intercomOrg}/integrations/installations-status");
        intercom.Select(s => Str(s["integration"]!["name"])).Should().Equal("intercom");
        Str(intercom[0]["status"]).Should().Be("active");
    }

    [Fact]
    public async Task Organization_status_reflects_new_space_and_site_installations()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);

        var spaces = await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?target=space&space={DocsSpace}");
        spaces.Select(s => Str(s["integration"]!["name"])).Should().EndWith(name);
        (await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?target=site")).Select(s => Str(s["integration"]!["name"])).Should().NotContain(name);
    }

    [Theory]
    [InlineData("space=emulator-space-docs", "space")]
    [InlineData("target=site&space=emulator-space-docs", "space")]
    [InlineData("site=site_emulator_docs", "site")]
    [InlineData("target=space&site=site_emulator_docs", "site")]
    [InlineData("target=content", "target")]
    [InlineData("limit=1001", "limit")]
    [InlineData("page=forged", "page")]
    public async Task Organization_status_rejects_inconsistent_queries(string query, string parameter)
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.GetAsync($"v1/orgs/{Home}/integrations/installations-status?{query}").ShouldFailAsync(HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Installation_status_is_404_when_not_installed_or_unknown()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{name}/installation_status").ShouldFailAsync(HttpStatusCode.NotFound, name, Home);
        await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{UniqueName()}/installation_status").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/orgs/no-such-org/integrations/slack/installation_status").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
        await gitbook.GetAsync("v1/orgs/no-such-org/integrations/installations-status").ShouldFailAsync(HttpStatusCode.NotFound, "no-such-org");
    }
}
