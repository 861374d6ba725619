using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>publishIntegration, getIntegrationByName, unpublishIntegration; name and body validation; tenant isolation.</summary>
public sealed class PublishTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Publish_creates_an_integration_that_reads_back_identically()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();

        var published = await PublishAsync(gitbook, name, extra: new JsonObject
        {
            ["summary"] = "# Long summary",
            ["categories"] = new JsonArray("analytics"),
            ["previewImages"] = new JsonArray("aW1hZ2U=", "aW1hZ2U="),
            ["icon"] = "aWNvbg==",
            ["secrets"] = new JsonObject { ["API_KEY"] = "s3cr3t-value" },
            ["externalLinks"] = new JsonArray(new JsonObject { ["url"] = "https://example.com/docs", ["label"] = "Docs" }),
        });

        Str(published["object"]).Should().Be("integration");
        Str(published["name"]).Should().Be(name);
        published["version"]!.GetValue<int>().Should().Be(1);
        Str(published["title"]).Should().Be("Test Integration");
        Str(published["description"]).Should().Be("Made by a test");
        Str(published["summary"]).Should().Be("# Long summary");
        Str(published["visibility"]).Should().Be("public");
        Str(published["target"]).Should().Be("all");
        published["verified"]!.GetValue<bool>().Should().BeFalse();
        published["scopes"]!.AsArray().Select(Str).Should().Equal("space:content:read");
        published["categories"]!.AsArray().Select(Str).Should().Equal("analytics");
        published["previewImages"]!.AsArray().Should().HaveCount(2).And.OnlyContain(i => Str(i).StartsWith("https://"));
        Str(published["urls"]!["icon"]).Should().StartWith("https://");
        Str(published["urls"]!["location"]).Should().Be($"http://localhost/gitbook/v1/integrations/{name}");
        Str(published["owner"]!["id"]).Should().Be(Home);
        Str(published["owner"]!["object"]).Should().Be("organization");
        published["permissions"]!["admin"]!.GetValue<bool>().Should().BeTrue();
        published.ToJsonString().Should().NotContain("s3cr3t-value", "secrets are never returned").And.NotContain("export default");

        var read = await gitbook.GetAsync($"v1/integrations/{name}").OkJsonAsync();
        read.ToJsonString().Should().Be(published.ToJsonString());
    }

    [Fact]
    public async Task Publishing_again_replaces_the_definition_and_increments_the_version()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name, extra: new JsonObject { ["categories"] = new JsonArray("content") });

        var second = await PublishAsync(gitbook, name, extra: new JsonObject { ["title"] = "Renamed", ["target"] = "space" });
        var third = await PublishAsync(gitbook, name, extra: new JsonObject { ["title"] = "Renamed again" });

        second["version"]!.GetValue<int>().Should().Be(2);
        Str(second["title"]).Should().Be("Renamed");
        Str(second["target"]).Should().Be("space");
        second["categories"]!.AsArray().Should().BeEmpty("a publish replaces, it does not merge");
        third["version"]!.GetValue<int>().Should().Be(3);
        var read = await gitbook.GetAsync($"v1/integrations/{name}").OkJsonAsync();
        read["version"]!.GetValue<int>().Should().Be(3);
        Str(read["title"]).Should().Be("Renamed again");
        Str(read["target"]).Should().Be("all");
        (await ListAllAsync(gitbook, $"v1/integrations?search={name}")).Should().ContainSingle("a republish does not add a second entry");
    }

    [Fact]
    public async Task Racing_publishes_of_one_name_each_get_their_own_version()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PublishAsync(gitbook, name))));

        results.Select(r => r["version"]!.GetValue<int>()).Should().BeEquivalentTo(Enumerable.Range(1, 8));
        (await gitbook.GetAsync($"v1/integrations/{name}").OkJsonAsync())["version"]!.GetValue<int>().Should().Be(8);
        Names(await ListAllAsync(gitbook, "v1/integrations?limit=1000")).Count(n => n == name).Should().Be(1);
    }

    [Fact]
    public async Task Changing_visibility_by_republishing_moves_the_integration_in_and_out_of_the_marketplace_and_its_count()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        async Task<(int Count, bool Listed)> MarketplaceAsync()
        {
            var page = await gitbook.GetAsync("v1/integrations?limit=1000").OkJsonAsync();
            return (page["count"]!.GetValue<int>(), Names(Items(page)).Contains(name));
        }

        await PublishAsync(gitbook, name, visibility: "public");
        (await MarketplaceAsync()).Should().Be((11, true));
        await PublishAsync(gitbook, name, visibility: "private");
        (await MarketplaceAsync()).Should().Be((10, false));
        await PublishAsync(gitbook, name, visibility: "unlisted");
        (await MarketplaceAsync()).Should().Be((10, false));
        await PublishAsync(gitbook, name, visibility: "public");
        (await MarketplaceAsync()).Should().Be((11, true));
        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        (await MarketplaceAsync()).Should().Be((10, false));
        await gitbook.DeleteAsync("v1/integrations/slack").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        (await MarketplaceAsync()).Count.Should().Be(9);
    }

    [Fact]
    public async Task Defaults_are_private_visibility_and_all_targets()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        var body = PublishBody();
        body.Remove("visibility");
        body.Remove("target");

        var published = await gitbook.PostJsonAsync($"v1/integrations/{name}", body).OkJsonAsync();

        Str(published["visibility"]).Should().Be("private");
        Str(published["target"]).Should().Be("all");
        published["categories"]!.AsArray().Should().BeEmpty();
        published["externalLinks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Organization_may_be_given_by_hostname_or_by_id_and_an_unknown_one_is_404()
    {
        using var gitbook = Client(fixture.Emulator);
        var other = await OtherOrganizationAsync(gitbook);

        var byHostname = await PublishAsync(gitbook, UniqueName(), organization: HomeHostname);
        var byId = await PublishAsync(gitbook, UniqueName(), organization: other);

        Str(byHostname["owner"]!["id"]).Should().Be(Home);
        Str(byId["owner"]!["id"]).Should().Be(other);
        var name = UniqueName();
        await gitbook.PostJsonAsync($"v1/integrations/{name}", PublishBody(organization: "nowhere")).ShouldFailAsync(HttpStatusCode.NotFound, "organization", "nowhere");
        await gitbook.GetAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.NotFound, name);
    }

    [Fact]
    public async Task Another_organization_cannot_republish_a_name_it_does_not_own()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var other = await OtherOrganizationAsync(gitbook);

        await gitbook.PostJsonAsync($"v1/integrations/{name}", PublishBody(organization: other)).ShouldFailAsync(HttpStatusCode.Forbidden, name, Home);
        await gitbook.PostJsonAsync("v1/integrations/slack", PublishBody()).ShouldFailAsync(HttpStatusCode.Forbidden, "slack", Marketplace);

        (await gitbook.GetAsync($"v1/integrations/{name}").OkJsonAsync())["version"]!.GetValue<int>().Should().Be(1);
    }

    [Theory]
    [InlineData("bad!name")]
    [InlineData("bad name")]
    [InlineData("bad@name")]
    [InlineData("bad%2Fname")]
    public async Task A_name_outside_the_pattern_is_400_on_publish_get_and_unpublish(string name)
    {
        using var gitbook = Client(fixture.Emulator);

        await gitbook.PostJsonAsync($"v1/integrations/{name}", PublishBody()).ShouldFailAsync(HttpStatusCode.BadRequest, "integrationName");
        await gitbook.GetAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.BadRequest, "integrationName");
        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.BadRequest, "integrationName");
    }

    [Fact]
    public async Task A_name_of_100_characters_is_fine_and_101_is_400()
    {
        using var gitbook = Client(fixture.Emulator);
        var hundred = UniqueName() + "." + new string('x', 100 - 12);
        hundred.Should().HaveLength(100);

        (await PublishAsync(gitbook, hundred))["name"]!.GetValue<string>().Should().Be(hundred);
        await gitbook.PostJsonAsync($"v1/integrations/{hundred}x", PublishBody()).ShouldFailAsync(HttpStatusCode.BadRequest, "integrationName");
        await gitbook.GetAsync($"v1/integrations/{hundred}x").ShouldFailAsync(HttpStatusCode.BadRequest, "integrationName");
    }

    [Theory]
    [InlineData("organization")]
    [InlineData("title")]
    [InlineData("description")]
    [InlineData("script")]
    [InlineData("scopes")]
    public async Task A_missing_required_field_is_400_naming_it(string field)
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        var body = PublishBody();
        body.Remove(field);

        await gitbook.PostJsonAsync($"v1/integrations/{name}", body).ShouldFailAsync(HttpStatusCode.BadRequest, field, "required");
        await gitbook.GetAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string> InvalidFields() => new()
    {
        { "title", "\"T\"", "title" },
        { "title", "\"" + new string('t', 31) + "\"", "title" },
        { "description", "\"" + new string('d', 101) + "\"", "description" },
        { "scopes", "[\"space:everything\"]", "scopes" },
        { "visibility", "\"secret\"", "visibility" },
        { "target", "\"everywhere\"", "target" },
        { "categories", "[\"games\"]", "categories" },
        { "previewImages", "[\"aW1h\",\"aW1h\",\"aW1h\",\"aW1h\"]", "previewImages" },
        { "externalLinks", "[" + string.Join(',', Enumerable.Repeat("{\"url\":\"https://e.com\",\"label\":\"x\"}", 6)) + "]", "externalLinks" },
        { "runtime", "\"v9\"", "runtime" },
        { "blocks", "[{\"id\":\"b\"}]", "blocks" },
        { "organization", "42", "organization" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_400_naming_it(string field, string json, string mention)
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        var body = PublishBody();
        body[field] = JsonNode.Parse(json);

        await gitbook.PostJsonAsync($"v1/integrations/{name}", body).ShouldFailAsync(HttpStatusCode.BadRequest, mention);
        await gitbook.GetAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Titles_of_2_and_30_characters_are_accepted()
    {
        using var gitbook = Client(fixture.Emulator);

        await PublishAsync(gitbook, UniqueName(), extra: new JsonObject { ["title"] = "Ab" });
        await PublishAsync(gitbook, UniqueName(), extra: new JsonObject { ["title"] = new string('t', 30) });
    }

    [Fact]
    public async Task An_unknown_body_key_is_ignored_because_the_schema_allows_it()
    {
        // No GitBook request schema sets additionalProperties: false, so unknown keys are accepted (and dropped).
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();

        var published = await PublishAsync(gitbook, name, extra: new JsonObject { ["notInTheSpec"] = 1 });

        published.ContainsKey("notInTheSpec").Should().BeFalse();
    }

    [Fact]
    public async Task Malformed_JSON_is_400_and_a_non_JSON_content_type_is_415()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();

        await gitbook.PostAsync($"v1/integrations/{name}", new StringContent("{\"title\":", Encoding.UTF8, "application/json"))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "JSON");
        await gitbook.PostAsync($"v1/integrations/{name}", new StringContent(PublishBody().ToJsonString(), Encoding.UTF8, "text/plain"))
            .ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "application/json");
        await gitbook.PostJsonAsync($"v1/integrations/{name}", new JsonArray()).ShouldFailAsync(HttpStatusCode.BadRequest, "object");
    }

    [Fact]
    public async Task Unpublish_is_205_without_a_body_then_the_integration_is_gone_and_a_second_unpublish_is_204()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        await gitbook.GetAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.NotFound, name);
        Names(await ListAllAsync(gitbook, "v1/integrations?limit=100")).Should().NotContain(name);
        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await gitbook.DeleteAsync($"v1/integrations/{UniqueName()}").ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var again = await PublishAsync(gitbook, name);
        again["version"]!.GetValue<int>().Should().Be(1, "a name published after an unpublish starts over");
    }

    [Fact]
    public async Task Unpublish_removes_every_installation_and_their_space_and_site_installations()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, installationId) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, installationId, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, installationId, DocsSite);
        var other = await OtherOrganizationAsync(gitbook);
        await InstallAsync(gitbook, name, other);

        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        await gitbook.GetAsync($"v1/integrations/{name}/installations/{installationId}").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{name}/installation_status").ShouldFailAsync(HttpStatusCode.NotFound);
        Names(Items(await gitbook.GetAsync($"v1/spaces/{DocsSpace}/integrations").OkJsonAsync())).Should().NotContain(name);
        Names(Items(await gitbook.GetAsync($"v1/orgs/{Home}/sites/{DocsSite}/integrations").OkJsonAsync())).Should().NotContain(name);
        var statuses = await ListAllAsync(gitbook, $"v1/orgs/{Home}/integrations/installations-status?limit=100");
        statuses.Select(s => Str(s["integration"]!["name"])).Should().NotContain(name);

        // Publishing the name again starts from nothing: no installation, no space or site installation.
        await PublishAsync(gitbook, name);
        (await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        (await gitbook.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        (await gitbook.GetAsync($"v1/integrations/{name}/sites").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(0);
        await gitbook.GetAsync($"v1/integrations/{name}/installations/{installationId}").ShouldFailAsync(HttpStatusCode.NotFound, installationId);
        await InstallAsync(gitbook, name);
    }

    [Fact]
    public async Task A_name_published_again_after_an_unpublish_does_not_inherit_the_old_events()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, _) = await PublishAndInstallAsync(gitbook);
        (await EventsAsync(gitbook, name)).Should().NotBeEmpty();

        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        await gitbook.GetAsync($"v1/integrations/{name}/events").ShouldFailAsync(HttpStatusCode.NotFound, name);
        await PublishAsync(gitbook, name);

        (await EventsAsync(gitbook, name)).Should().BeEmpty("the events belonged to the integration that was deleted");
    }

    [Fact]
    public async Task Installation_tokens_can_neither_publish_nor_unpublish()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, installationId) = await PublishAndInstallAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, installationId));

        await installation.PostJsonAsync($"v1/integrations/{name}", PublishBody()).ShouldFailAsync(HttpStatusCode.Forbidden, "publish");
        await installation.PostJsonAsync($"v1/integrations/{UniqueName()}", PublishBody()).ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.DeleteAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.Forbidden, "unpublish");

        (await gitbook.GetAsync($"v1/integrations/{name}").OkJsonAsync())["version"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_publish_in_one_tenant_is_invisible_in_another()
    {
        using var first = Client(fixture.Emulator);
        using var second = Client(fixture.Emulator);
        var name = UniqueName();

        await PublishAsync(first, name);

        await second.GetAsync($"v1/integrations/{name}").ShouldFailAsync(HttpStatusCode.NotFound, name);
        Names(await ListAllAsync(second, "v1/integrations?limit=100")).Should().NotContain(name);
        Names(await ListAllAsync(first, "v1/integrations?limit=100")).Should().Contain(name);
        (await PublishAsync(second, name))["version"]!.GetValue<int>().Should().Be(1, "the name is free in the other tenant");
        (await first.GetAsync($"v1/integrations/{name}").OkJsonAsync())["version"]!.GetValue<int>().Should().Be(1);
    }
}
