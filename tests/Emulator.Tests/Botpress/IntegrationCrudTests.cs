using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>createIntegration, getIntegration, getIntegrationByName, updateIntegration, deleteIntegration, requestIntegrationVerification.</summary>
public sealed class IntegrationCrudTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Create_returns_the_full_integration_with_defaults_and_get_reads_it_back()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName("crm-sync");

        var created = await CreateAsync(botpress, name, "1.2.3", new JsonObject
        {
            ["secrets"] = new JsonObject { ["API_TOKEN"] = "s3cr3t" },
            ["actions"] = new JsonObject { ["ping"] = new JsonObject { ["input"] = Schema(), ["output"] = Schema() } },
        });

        Str(created["id"]).Should().StartWith("intver_");
        Str(created["version"]).Should().Be("1.2.3");
        Str(created["title"]).Should().StartWith("Crm Sync");
        Str(created["visibility"]).Should().Be("private");
        created["public"]!.GetValue<bool>().Should().BeFalse();
        created["dev"]!.GetValue<bool>().Should().BeFalse();
        Str(created["verificationStatus"]).Should().Be("unapproved");
        Str(created["lifecycleStatus"]).Should().Be("published");
        created["secrets"]!.AsArray().Select(s => Str(s)).Should().Equal("API_TOKEN");
        created.ToJsonString().Should().NotContain("s3cr3t", "secret values are never returned");
        Str(created["createdAt"]).Should().Be(Str(created["updatedAt"]));

        var read = await GetIntegrationAsync(botpress, IdOf(created));
        read.ToJsonString().Should().Be(created.ToJsonString());
        var byName = (await botpress.GetAsync($"{Integrations}/{name}/1.2.3").OkJsonAsync())["integration"]!;
        IdOf(byName.AsObject()).Should().Be(IdOf(created));
    }

    [Fact]
    public async Task Same_name_and_version_twice_in_a_workspace_is_409_AlreadyExists_but_fine_in_another_workspace()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(botpress));
        var name = UniqueName();
        await CreateAsync(botpress, name);

        await botpress.PostJsonAsync(Integrations, Body(name)).ShouldFailAsync(HttpStatusCode.Conflict, "AlreadyExists", name, "1.0.0");
        await CreateAsync(otherWorkspace, name);
    }

    [Fact]
    public async Task Racing_creates_of_one_name_and_version_let_exactly_one_through()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => botpress.PostJsonAsync(Integrations, Body(name)))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await loser.ShouldFailAsync(HttpStatusCode.Conflict, "AlreadyExists", name);
        IntegrationsOf(await botpress.GetAsync($"{Integrations}?name={name}").OkJsonAsync()).Should().ContainSingle();
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Update_changes_fields_merges_maps_and_removes_null_keys()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var created = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject
        {
            ["actions"] = new JsonObject
            {
                ["keep"] = new JsonObject { ["input"] = Schema(), ["output"] = Schema() },
                ["drop"] = new JsonObject { ["input"] = Schema(), ["output"] = Schema() },
            },
            ["secrets"] = new JsonObject { ["OLD"] = "1" },
        });

        var updated = (await botpress.PutJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject
        {
            ["title"] = "New title",
            ["description"] = "New description",
            ["maxExecutionTime"] = 30,
            ["actions"] = new JsonObject { ["drop"] = null, ["added"] = new JsonObject { ["input"] = Schema(), ["output"] = Schema() } },
            ["secrets"] = new JsonObject { ["OLD"] = null, ["NEW_ONE"] = "2" },
        }).OkJsonAsync())["integration"]!.AsObject();

        var read = await GetIntegrationAsync(botpress, IdOf(created));
        read.ToJsonString().Should().Be(updated.ToJsonString());
        Str(read["title"]).Should().Be("New title");
        Str(read["description"]).Should().Be("New description");
        read["maxExecutionTime"]!.GetValue<double>().Should().Be(30);
        read["actions"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["keep", "added"]);
        read["secrets"]!.AsArray().Select(s => Str(s)).Should().Equal("NEW_ONE");
        DateTimeOffset.Parse(Str(read["updatedAt"])).Should().BeOnOrAfter(DateTimeOffset.Parse(Str(created["updatedAt"])));
        Str(read["createdAt"]).Should().Be(Str(created["createdAt"]));
    }

    [Fact]
    public async Task Making_a_private_version_public_puts_it_on_the_hub_and_freezes_it()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var id = IdOf(await CreateAsync(botpress, name));

        (await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["public"] = true }).OkJsonAsync())["integration"]!["visibility"]!
            .GetValue<string>().Should().Be("public");

        IntegrationsOf(await botpress.GetAsync($"{Hub}?name={name}").OkJsonAsync()).Select(IdOf).Should().Equal(id);
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["title"] = "Changed" })
            .ShouldFailAsync(HttpStatusCode.Forbidden, "Forbidden", name, "public");
        await botpress.DeleteJsonAsync($"{Integrations}/{id}").ShouldFailAsync(HttpStatusCode.Forbidden, "Forbidden", name);
        Str((await GetIntegrationAsync(botpress, id))["title"]).Should().NotBe("Changed");
    }

    [Fact]
    public async Task An_icon_is_kept_per_name_and_a_readme_per_version()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var v1 = await CreateAsync(botpress, name, "1.0.0");
        var v2 = await CreateAsync(botpress, name, "2.0.0");
        Str(v1["iconUrl"]).Should().BeEmpty();
        var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        var readme = Convert.ToBase64String(Encoding.UTF8.GetBytes("# Hello"));

        await botpress.PutJsonAsync($"{Integrations}/{IdOf(v1)}", new JsonObject { ["icon"] = svg, ["readme"] = readme }).OkJsonAsync();

        var read1 = await GetIntegrationAsync(botpress, IdOf(v1));
        var read2 = await GetIntegrationAsync(botpress, IdOf(v2));
        Str(read1["iconUrl"]).Should().NotBeEmpty().And.Be(Str(read2["iconUrl"]));
        Str(read1["readmeUrl"]).Should().NotBeEmpty();
        Str(read2["readmeUrl"]).Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_removes_the_version_from_gets_and_lists()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var id = IdOf(await CreateAsync(botpress, name));

        (await botpress.DeleteJsonAsync($"{Integrations}/{id}").OkJsonAsync()).Should().BeEmpty();

        await botpress.GetAsync($"{Integrations}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        await botpress.GetAsync($"{Integrations}/{name}/latest").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", name);
        IntegrationsOf(await botpress.GetAsync($"{Integrations}?name={name}").OkJsonAsync()).Should().BeEmpty();
        await botpress.DeleteJsonAsync($"{Integrations}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        await CreateAsync(botpress, name); // the (name, version) pair is free again
    }

    [Fact]
    public async Task Deleting_a_version_installed_on_a_bot_is_409_ReferenceConstraint()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var id = IdOf(await CreateAsync(botpress, UniqueName()));
        // Only public hub versions are installed in the seed (and those cannot be deleted anyway): install a private
        // version on the default bot, as updateBot does.
        await botpress.PutJsonAsync($"v1/admin/bots/{BotpressDefaults.BotId}", new JsonObject
        {
            ["integrations"] = new JsonObject { ["mine"] = new JsonObject { ["integrationId"] = id, ["enabled"] = true } },
        }).OkJsonAsync();

        await botpress.DeleteJsonAsync($"{Integrations}/{id}").ShouldFailAsync(HttpStatusCode.Conflict, "ReferenceConstraint", id, BotpressDefaults.BotId);

        await GetIntegrationAsync(botpress, id);
    }

    [Fact]
    public async Task Another_workspace_or_tenant_cannot_see_touch_or_delete_a_private_version()
    {
        using var owner = fixture.Emulator.CreateClientInNewWorkspace();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(owner));
        using var otherTenant = fixture.Emulator.CreateBotpressClient(workspaceId: WorkspaceOf(owner));
        var id = IdOf(await CreateAsync(owner, UniqueName()));

        foreach (var stranger in (HttpClient[])[otherWorkspace, otherTenant])
        {
            await stranger.GetAsync($"{Integrations}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
            await stranger.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["title"] = "x" }).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
            await stranger.DeleteJsonAsync($"{Integrations}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        }
        await GetIntegrationAsync(owner, id);
    }

    [Fact]
    public async Task Request_verification_moves_a_public_version_to_pending()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = IdOf(await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["visibility"] = "unlisted" }));

        (await botpress.PostJsonAsync($"{Integrations}/request-verification", new JsonObject { ["integrationId"] = id }).OkJsonAsync()).Should().BeEmpty();

        Str((await GetIntegrationAsync(botpress, id))["verificationStatus"]).Should().Be("pending");
    }

    [Fact]
    public async Task Request_verification_errors()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var privateId = IdOf(await CreateAsync(botpress, UniqueName()));
        var approved = (await botpress.GetAsync($"{Integrations}/emulator%2Fcrm-sync/1.0.0").OkJsonAsync())["integration"]!.AsObject();
        const string url = Integrations + "/request-verification";

        await botpress.PostJsonAsync(url, new JsonObject()).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "integrationId");
        await botpress.PostJsonAsync(url, new JsonObject { ["integrationId"] = privateId, ["note"] = "x" })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "note");
        await botpress.PostJsonAsync(url, new JsonObject { ["integrationId"] = privateId }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "integrationId");
        await botpress.PostJsonAsync(url, new JsonObject { ["integrationId"] = IdOf(approved) }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "approved");
        await botpress.PostJsonAsync(url, new JsonObject { ["integrationId"] = "intver_missing" }).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        Str((await GetIntegrationAsync(botpress, privateId))["verificationStatus"]).Should().Be("unapproved");
    }

    [Fact]
    public async Task Update_and_get_errors_name_what_is_wrong()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = IdOf(await CreateAsync(botpress, UniqueName()));
        var devId = IdOf(await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["dev"] = true }));

        await botpress.PutJsonAsync($"{Integrations}/intver_missing", new JsonObject()).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["name"] = "renamed" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "name");
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["dev"] = true }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "dev");
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["title"] = new string('t', 65) }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "title");
        await botpress.PutJsonAsync($"{Integrations}/{devId}", new JsonObject { ["visibility"] = "public" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "visibility");
        await botpress.GetAsync($"{Integrations}/{UniqueName()}/latest").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "latest");
        Str((await GetIntegrationAsync(botpress, devId))["visibility"]).Should().Be("private");
    }

    private static JsonObject Schema() => new() { ["schema"] = new JsonObject { ["type"] = "object" } };
}
