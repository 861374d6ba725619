using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>GET/PUT/PATCH/DELETE /integrations/{selector}, restore and setup, by id and by key.</summary>
public sealed class IntegrationCrudTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>The selector of <paramref name="integration"/> the test uses: its id or its key.</summary>
    private static string Selector(JsonObject integration, string by) => by == "id" ? IdOf(integration) : KeyOf(integration);

    [Theory]
    [InlineData("id")]
    [InlineData("key")]
    public async Task Get_by_id_or_key_returns_the_same_integration(string by)
    {
        using var membrane = fixture.Emulator.Membrane();
        var listed = Items(await membrane.GetAsync(Integrations).OkJsonAsync()).Single(i => KeyOf(i) == "salesforce");

        var fetched = await membrane.GetIntegrationAsync(Selector(listed, by));

        fetched.ToJsonString().Should().Be(listed.ToJsonString());
        Str(fetched["state"]).Should().Be("CONFIGURATION_ERROR");
        fetched["errors"]!.AsArray().Should().NotBeEmpty();
        fetched["hasMissingParameters"]!.GetValue<bool>().Should().BeTrue();
        fetched["connection"]!["userId"].Should().NotBeNull();
    }

    [Fact]
    public async Task The_archived_seeded_integration_is_gettable()
    {
        using var membrane = fixture.Emulator.Membrane();

        var legacy = await membrane.GetIntegrationAsync(ArchivedKey);

        legacy["archivedAt"].Should().NotBeNull();
        legacy["isDeactivated"]!.GetValue<bool>().Should().BeTrue();
        var archivedAt = DateTimeOffset.Parse(Str(legacy["archivedAt"]));
        archivedAt.Should().BeAfter(DateTimeOffset.Parse(Str(legacy["createdAt"])));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/restore")]
    [InlineData("POST", "/setup")]
    public async Task An_unknown_selector_is_404_not_found(string method, string suffix)
    {
        using var membrane = fixture.Emulator.Membrane();
        var selector = UniqueKey("missing");
        var request = new HttpRequestMessage(new HttpMethod(method), $"{Integrations}/{selector}{suffix}");
        if (method is "PUT" or "PATCH") request.Content = JsonContent(new JsonObject { ["name"] = "x" });

        await membrane.SendAsync(request).ShouldBeNotFoundAsync(selector);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("key")]
    public async Task Patch_merges_and_changes_revision_and_updatedAt(string by)
    {
        using var membrane = fixture.Emulator.Membrane();
        var before = await membrane.GetIntegrationAsync("zendesk");

        var patched = await membrane.PatchJsonAsync($"{Integrations}/{Selector(before, by)}", new JsonObject
        {
            ["name"] = "Zendesk EU",
            ["meta"] = new JsonObject { ["tier"] = "gold" },
        }).OkJsonAsync();

        Str(patched["name"]).Should().Be("Zendesk EU");
        Str(patched["meta"]!["tier"]).Should().Be("gold");
        Str(patched["description"]).Should().Be(Str(before["description"]), "PATCH keeps what the body does not name");
        Str(patched["parameters"]!["subdomain"]).Should().Be("emulator");
        KeyOf(patched).Should().Be("zendesk");
        Str(patched["connectorId"]).Should().Be(Str(before["connectorId"]));
        Str(patched["revision"]).Should().NotBe(Str(before["revision"]));
        DateTimeOffset.Parse(Str(patched["updatedAt"])).Should().BeAfter(DateTimeOffset.Parse(Str(before["updatedAt"])));
        Str(patched["createdAt"]).Should().Be(Str(before["createdAt"]));
        IdOf(patched).Should().Be(IdOf(before));
        (await membrane.GetIntegrationAsync(IdOf(before))).ToJsonString().Should().Be(patched.ToJsonString());
    }

    [Theory]
    [InlineData("id")]
    [InlineData("key")]
    public async Task Put_clears_absent_editable_fields_but_keeps_key_name_and_connector(string by)
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await membrane.CreateUniqueAsync("put", new JsonObject
        {
            ["description"] = "d",
            ["meta"] = new JsonObject { ["a"] = 1 },
            ["parameters"] = new JsonObject { ["p"] = "v" },
            ["optionsConfig"] = new JsonObject { ["oauth2"] = new JsonObject { ["disabled"] = true } },
            ["oAuthCallbackUri"] = "https://example.com/cb",
            ["externalAppId"] = "ext-1",
            ["connectorKey"] = "slack",
        });

        var put = await membrane.PutJsonAsync($"{Integrations}/{Selector(created, by)}", new JsonObject { ["description"] = "only this" }).OkJsonAsync();

        Str(put["description"]).Should().Be("only this");
        foreach (var cleared in new[] { "meta", "parameters", "optionsConfig", "oAuthCallbackUri" })
            put.ContainsKey(cleared).Should().BeFalse($"PUT clears {cleared} when the body omits it");
        Str(put["externalAppId"]).Should().NotBe("ext-1", "PUT clears the integration's own externalAppId (the connector's shows through)");
        KeyOf(put).Should().Be(KeyOf(created));
        Str(put["name"]).Should().Be(Str(created["name"]));
        Str(put["connectorId"]).Should().Be(Str(created["connectorId"]));
        Str(put["uuid"]).Should().Be(Str(created["uuid"]));
        Str(put["revision"]).Should().NotBe(Str(created["revision"]));
        (await membrane.GetIntegrationAsync(IdOf(created))).ToJsonString().Should().Be(put.ToJsonString());
    }

    [Fact]
    public async Task Put_on_a_seeded_integration_changes_updatedAt()
    {
        using var membrane = fixture.Emulator.Membrane();
        var before = await membrane.GetIntegrationAsync("slack");

        var put = await membrane.PutJsonAsync($"{Integrations}/slack", new JsonObject()).OkJsonAsync();

        put.ContainsKey("description").Should().BeFalse();
        Str(put["name"]).Should().Be("Slack");
        DateTimeOffset.Parse(Str(put["updatedAt"])).Should().BeAfter(DateTimeOffset.Parse(Str(before["updatedAt"])));
        Str(put["revision"]).Should().NotBe(Str(before["revision"]));
    }

    [Fact]
    public async Task Patch_can_rename_the_key_unless_taken_and_the_uuid_cannot_change()
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await membrane.CreateUniqueAsync("rk");
        var newKey = UniqueKey("renamed");

        await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["key"] = "hubspot" }).ShouldAlreadyExistAsync("hubspot");
        await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["uuid"] = Guid.NewGuid().ToString() }).ShouldBeBadRequestAsync("uuid");
        var same = await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["key"] = KeyOf(created), ["uuid"] = Str(created["uuid"]) }).OkJsonAsync();
        KeyOf(same).Should().Be(KeyOf(created));

        var renamed = await membrane.PatchJsonAsync($"{Integrations}/{KeyOf(created)}", new JsonObject { ["key"] = newKey }).OkJsonAsync();

        KeyOf(renamed).Should().Be(newKey);
        IdOf(await membrane.GetIntegrationAsync(newKey)).Should().Be(IdOf(created));
        await membrane.GetAsync($"{Integrations}/{KeyOf(created)}").ShouldBeNotFoundAsync();
    }

    [Fact]
    public async Task Patch_can_change_the_connector_and_rejects_an_unknown_one_naming_the_field()
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await membrane.CreateUniqueAsync("cc");
        created["connectorId"].Should().BeNull();

        var patched = await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["connectorKey"] = "notion" }).OkJsonAsync();
        Str(patched["authType"]).Should().Be("oauth2");
        patched["eventsCount"]!.GetValue<int>().Should().Be(0);
        patched["hasEvents"]!.GetValue<bool>().Should().BeFalse();
        patched["operationsCount"]!.GetValue<int>().Should().Be(4);

        await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["connectorKey"] = "nope" }).ShouldBeBadRequestAsync("connectorKey");
        await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["oAuthCallbackUri"] = "nope" }).ShouldBeBadRequestAsync("oAuthCallbackUri");
        Str((await membrane.GetIntegrationAsync(IdOf(created)))["connectorId"]).Should().Be(Str(patched["connectorId"]));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("key")]
    public async Task Delete_archives_the_integration_which_stays_gettable_but_hidden_and_frozen_until_restored(string by)
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await membrane.CreateUniqueAsync("del", new JsonObject { ["connectorKey"] = "hubspot" });
        var selector = Selector(created, by);

        using (var archive = await membrane.DeleteAsync($"{Integrations}/{selector}"))
        {
            archive.IsSuccessStatusCode.Should().BeTrue();
            var archived = (await archive.OkNodeAsync()).AsObject();
            archived["archivedAt"].Should().NotBeNull();
            archived["isDeactivated"]!.GetValue<bool>().Should().BeTrue();
            Str(archived["revision"]).Should().NotBe(Str(created["revision"]));
        }

        var fetched = await membrane.GetIntegrationAsync(selector);
        fetched["archivedAt"].Should().NotBeNull();
        Keys(await membrane.GetAsync(Integrations).OkJsonAsync()).Should().NotContain(KeyOf(created));
        Keys(await membrane.GetAsync($"{Integrations}?includeArchived=true").OkJsonAsync()).Should().Contain(KeyOf(created));

        await membrane.PatchJsonAsync($"{Integrations}/{selector}", new JsonObject { ["name"] = "x" }).ShouldBeBadRequestAsync("archived");
        await membrane.PutJsonAsync($"{Integrations}/{selector}", new JsonObject { ["name"] = "x" }).ShouldBeBadRequestAsync("archived");
        await membrane.PostEmptyAsync($"{Integrations}/{selector}/setup").ShouldBeBadRequestAsync("archived");
        Str((await membrane.GetIntegrationAsync(selector))["name"]).Should().Be(Str(created["name"]));

        // Archiving again changes nothing.
        var again = await membrane.DeleteAsync($"{Integrations}/{selector}");
        var twice = (await again.OkNodeAsync()).AsObject();
        Str(twice["archivedAt"]).Should().Be(Str(fetched["archivedAt"]));
        Str(twice["revision"]).Should().Be(Str(fetched["revision"]));

        var restored = await membrane.PostEmptyAsync($"{Integrations}/{selector}/restore").OkJsonAsync();
        restored.ContainsKey("archivedAt").Should().BeFalse();
        restored["isDeactivated"]!.GetValue<bool>().Should().BeFalse();
        Str(restored["revision"]).Should().NotBe(Str(fetched["revision"]));
        Keys(await membrane.GetAsync(Integrations).OkJsonAsync()).Should().Contain(KeyOf(created));
        Str((await membrane.PatchJsonAsync($"{Integrations}/{selector}", new JsonObject { ["name"] = "back" }).OkJsonAsync())["name"]).Should().Be("back");
    }

    [Fact]
    public async Task Restoring_the_archived_seeded_integration_lists_it_again()
    {
        using var membrane = fixture.Emulator.Membrane();

        var restored = await membrane.PostEmptyAsync($"{Integrations}/{ArchivedKey}/restore").OkJsonAsync();

        restored.ContainsKey("archivedAt").Should().BeFalse();
        Keys(await membrane.GetAsync(Integrations).OkJsonAsync()).Should().Equal([.. SeededLiveKeys, ArchivedKey]);
        var live = await membrane.PostEmptyAsync($"{Integrations}/hubspot/restore").OkJsonAsync();
        live.ContainsKey("archivedAt").Should().BeFalse("restoring a live integration is a no-op");
    }

    [Theory]
    [InlineData("create")]
    [InlineData("rename")]
    [InlineData("generate")]
    public async Task Restore_is_409_when_another_integration_took_the_key_meanwhile(string how)
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey("reuse");
        var old = await membrane.CreateIntegrationAsync(new JsonObject { ["key"] = key, ["name"] = key });
        (await membrane.DeleteAsync($"{Integrations}/{IdOf(old)}")).EnsureSuccessStatusCode();

        // The key is unique among live integrations: an archived one does not hold it.
        var replacement = how switch
        {
            "create" => await membrane.CreateIntegrationAsync(new JsonObject { ["key"] = key, ["name"] = "New" }),
            "rename" => await membrane.PatchJsonAsync($"{Integrations}/{IdOf(await membrane.CreateUniqueAsync())}", new JsonObject { ["key"] = key }).OkJsonAsync(),
            _ => await membrane.CreateIntegrationAsync(new JsonObject { ["name"] = key }),
        };
        KeyOf(replacement).Should().Be(key);

        await membrane.PostEmptyAsync($"{Integrations}/{IdOf(old)}/restore").ShouldAlreadyExistAsync(key);
        (await membrane.GetIntegrationAsync(IdOf(old)))["archivedAt"].Should().NotBeNull();
        IdOf(await membrane.GetIntegrationAsync(key)).Should().Be(IdOf(replacement), "the key selects the live integration");
        Keys(await membrane.GetAsync($"{Integrations}?search={key}&includeArchived=true").OkJsonAsync()).Should().Equal(key, key);
    }

    [Fact]
    public async Task Setup_recomputes_state_from_the_connector_parameters()
    {
        using var membrane = fixture.Emulator.Membrane();

        var failing = await membrane.PostEmptyAsync($"{Integrations}/salesforce/setup").OkJsonAsync();
        Str(failing["state"]).Should().Be("CONFIGURATION_ERROR");
        failing["hasMissingParameters"]!.GetValue<bool>().Should().BeTrue();
        var error = failing["errors"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        Str(error["message"]).Should().Contain("instanceUrl");
        Str(error["type"]).Should().Be("configuration");

        var patched = await membrane.PatchJsonAsync($"{Integrations}/salesforce", new JsonObject { ["parameters"] = new JsonObject { ["instanceUrl"] = "https://x" } }).OkJsonAsync();
        patched["hasMissingParameters"]!.GetValue<bool>().Should().BeFalse();

        var ready = await membrane.PostEmptyAsync($"{Integrations}/salesforce/setup").OkJsonAsync();
        Str(ready["state"]).Should().Be("READY");
        ready.ContainsKey("errors").Should().BeFalse();
        Str(ready["revision"]).Should().NotBe(Str(patched["revision"]));
        Str((await membrane.GetIntegrationAsync("salesforce"))["state"]).Should().Be("READY");

        // PUT without the parameter and setup again: back to CONFIGURATION_ERROR.
        await membrane.PutJsonAsync($"{Integrations}/salesforce", new JsonObject()).OkJsonAsync();
        var again = await membrane.PostEmptyAsync($"{Integrations}/salesforce/setup").OkJsonAsync();
        Str(again["state"]).Should().Be("CONFIGURATION_ERROR");
    }

    [Theory]
    [InlineData("pipedrive", "SETUP_FAILED")]
    [InlineData("google-sheets", "BUILDING")]
    public async Task Setup_of_a_connector_without_required_parameters_ends_READY(string key, string seededState)
    {
        using var membrane = fixture.Emulator.Membrane();
        Str((await membrane.GetIntegrationAsync(key))["state"]).Should().Be(seededState);

        var ready = await membrane.PostEmptyAsync($"{Integrations}/{key}/setup").OkJsonAsync();

        Str(ready["state"]).Should().Be("READY");
        ready.ContainsKey("errors").Should().BeFalse();
    }

    [Theory]
    [InlineData("restore")]
    [InlineData("setup")]
    public async Task Restore_and_setup_take_no_body_or_an_empty_one(string action)
    {
        using var membrane = fixture.Emulator.Membrane();
        var url = $"{Integrations}/hubspot/{action}";

        await membrane.PostEmptyAsync(url).OkJsonAsync();
        await membrane.SendRawAsync(HttpMethod.Post, url, "", contentType: null).OkJsonAsync();
        await membrane.PostJsonAsync(url, new JsonObject()).OkJsonAsync();

        await membrane.PostJsonAsync(url, new JsonObject { ["force"] = true }).ShouldBeBadRequestAsync();
        using var form = await membrane.SendRawAsync(HttpMethod.Post, url, "force=true", "application/x-www-form-urlencoded");
        var error = await ErrorOf(form);
        error.Type.Should().Be("bad_request");
        error.Status.Should().Be(HttpStatusCode.UnsupportedMediaType, "a non-empty body must be JSON");
    }

    [Fact]
    public async Task Selectors_are_taken_verbatim_an_id_beats_a_key_that_looks_like_an_id()
    {
        using var membrane = fixture.Emulator.Membrane();
        var hubspot = await membrane.GetIntegrationAsync("hubspot");
        var impostor = await membrane.CreateIntegrationAsync(new JsonObject { ["key"] = IdOf(hubspot), ["name"] = "Impostor" });

        KeyOf(await membrane.GetIntegrationAsync(IdOf(hubspot))).Should().Be("hubspot", "an id match wins over a key match");
        Str((await membrane.GetIntegrationAsync(IdOf(impostor)))["name"]).Should().Be("Impostor");
    }

    private static System.Net.Http.Json.JsonContent JsonContent(JsonNode body) => System.Net.Http.Json.JsonContent.Create(body);
}
