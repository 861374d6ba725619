using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// createIntegrationInstallationToken: the minted token acts as its installation — its own installation and
/// content installations yes, another integration or installation 403, publish/install/uninstall 403 — and
/// stops working once the installation is gone.
/// </summary>
public sealed class InstallationTokenTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_token_reads_and_updates_its_own_installation()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);

        var token = await MintTokenAsync(gitbook, name, id);
        using var installation = Client(fixture.Emulator, token);

        token.Should().NotBe(TokenOf(gitbook));
        var read = await installation.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();
        Str(read["id"]).Should().Be(id);
        var patched = await installation.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["externalIds"] = new JsonArray("from-token") }).OkJsonAsync();
        patched["externalIds"]!.AsArray().Select(Str).Should().Equal("from-token");
        (await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync())["externalIds"]!.AsArray().Select(Str).Should().Equal("from-token");

        // The same tenant: the token sees what the user published.
        (await installation.GetAsync($"v1/integrations/{name}").OkJsonAsync())["name"]!.GetValue<string>().Should().Be(name);
        Str((await installation.GetAsync("v1/user").OkJsonAsync())["id"]).Should().Be("emulator-user");
    }

    [Fact]
    public async Task The_token_manages_its_own_space_and_site_installations_and_lists_only_its_own()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var other = await OtherOrganizationAsync(gitbook);
        var otherId = Str((await InstallAsync(gitbook, name, other))["id"]);
        await InstallOnSpaceAsync(gitbook, name, otherId, await FirstSpaceOfAsync(gitbook, other));
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));

        await InstallOnSpaceAsync(installation, name, id, DocsSpace);
        await InstallOnSiteAsync(installation, name, id, DocsSite);

        Items(await installation.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync()).Select(i => Str(i["id"])).Should().Equal(id);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync()).Should().HaveCount(2);
        Items(await installation.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync()).Select(s => Str(s["space"])).Should().Equal(DocsSpace);
        Items(await gitbook.GetAsync($"v1/integrations/{name}/spaces").OkJsonAsync()).Should().HaveCount(2);
        Items(await installation.GetAsync($"v1/integrations/{name}/sites").OkJsonAsync()).Select(s => Str(s["site"])).Should().Equal(DocsSite);
        await installation.DeleteAsync($"v1/integrations/{name}/installations/{id}/sites/{DocsSite}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        (await installation.GetAsync($"v1/integrations/{name}/events").OkJsonAsync())["count"]!.GetValue<int>().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_token_is_403_on_another_installation_of_the_same_integration()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var other = await OtherOrganizationAsync(gitbook);
        var otherId = Str((await InstallAsync(gitbook, name, other))["id"]);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));
        var url = $"v1/integrations/{name}/installations/{otherId}";

        await installation.GetAsync(url).ShouldFailAsync(HttpStatusCode.Forbidden, id, otherId);
        await installation.PatchJsonAsync(url, new JsonObject { ["externalIds"] = new JsonArray("x") }).ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.GetAsync($"{url}/spaces").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.GetAsync($"{url}/sites").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.PostJsonAsync($"{url}/spaces", new JsonObject { ["space"] = await FirstSpaceOfAsync(gitbook, other) }).ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.PostAsync($"{url}/tokens", null).ShouldFailAsync(HttpStatusCode.Forbidden);

        (await gitbook.GetAsync(url).OkJsonAsync())["externalIds"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_token_is_403_on_another_integration()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var (otherName, otherId) = await PublishAndInstallAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));

        await installation.GetAsync($"v1/integrations/{otherName}/installations/{otherId}").ShouldFailAsync(HttpStatusCode.Forbidden, otherName);
        await installation.GetAsync($"v1/integrations/{otherName}/installations").ShouldFailAsync(HttpStatusCode.Forbidden, otherName);
        await installation.GetAsync($"v1/integrations/{otherName}/events").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.GetAsync($"v1/integrations/{otherName}/spaces").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.GetAsync($"v1/integrations/{otherName}/sites").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.PutJsonAsync($"v1/integrations/{otherName}/dev", new JsonObject { ["tunnelUrl"] = "http://127.0.0.1:9/" }).ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.PostJsonAsync($"v1/integrations/{otherName}/tasks", new JsonObject { ["task"] = new JsonObject() }).ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.GetAsync("v1/integrations/slack/installations").ShouldFailAsync(HttpStatusCode.Forbidden, "slack");
        await installation.GetAsync($"v1/integrations/{otherName}/events/{Str((await EventsAsync(gitbook, otherName))[0]["id"])}").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.PostJsonAsync($"v1/integrations/{otherName}/render", new JsonObject()).ShouldFailAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_token_is_403_on_the_installation_status_of_another_integration()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var (otherName, _) = await PublishAndInstallAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));

        Str((await gitbook.GetAsync($"v1/orgs/{Home}/integrations/{otherName}/installation_status").OkJsonAsync())["status"]).Should().Be("active");
        await installation.GetAsync($"v1/orgs/{Home}/integrations/{otherName}/installation_status").ShouldFailAsync(HttpStatusCode.Forbidden, otherName);
        await installation.GetAsync($"v1/orgs/{Home}/integrations/slack/installation_status").ShouldFailAsync(HttpStatusCode.Forbidden, "slack");
    }

    [Fact]
    public async Task The_token_cannot_install_or_uninstall()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var other = await OtherOrganizationAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));

        await installation.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = other }).ShouldFailAsync(HttpStatusCode.Forbidden, "install");
        await installation.DeleteAsync($"v1/integrations/{name}/installations/{id}").ShouldFailAsync(HttpStatusCode.Forbidden, "uninstall");

        (await gitbook.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync())["count"]!.GetValue<int>().Should().Be(1);
        await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();
    }

    [Fact]
    public async Task The_token_stops_working_after_uninstall()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));
        await installation.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();

        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        using var afterUninstall = await installation.GetAsync($"v1/integrations/{name}/installations/{id}");
        afterUninstall.IsSuccessStatusCode.Should().BeFalse();
        // It no longer reaches its tenant at all: the integration the user published is not there for it.
        using var integration = await installation.GetAsync($"v1/integrations/{name}");
        integration.IsSuccessStatusCode.Should().BeFalse();
    }

    [Fact]
    public async Task The_token_stops_working_after_unpublish()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var hidden = UniqueName();
        await PublishAsync(gitbook, hidden, visibility: "private");
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));
        await installation.GetAsync($"v1/integrations/{hidden}").OkJsonAsync();

        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        // Unpublishing removes the installation, so its token must stop working as it does after an uninstall.
        using var afterUnpublish = await installation.GetAsync($"v1/integrations/{hidden}");
        afterUnpublish.IsSuccessStatusCode.Should().BeFalse("a token of a deleted installation must not read its former tenant");
    }

    [Fact]
    public async Task Each_mint_is_a_new_token_and_all_of_them_work()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);

        var first = await MintTokenAsync(gitbook, name, id);
        var second = await MintTokenAsync(gitbook, name, id);

        second.Should().NotBe(first);
        foreach (var token in new[] { first, second })
        {
            using var installation = Client(fixture.Emulator, token);
            await installation.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();
        }
    }
}
