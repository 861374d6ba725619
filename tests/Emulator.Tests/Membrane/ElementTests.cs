using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>
/// Integration-level elements — actions, flows, data-sources, field-mappings — under
/// <c>/integrations/{selector}/{kind}</c>: list, create, get/put/patch/archive by id or key, reset.
/// </summary>
public sealed class ElementTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string> Kinds() => [.. ElementKinds];

    /// <summary>The key of each kind's seeded element in the HubSpot integration.</summary>
    private static string SeededHubSpotKey(string kind) => kind switch
    {
        "actions" => "create-contact",
        "flows" => "sync-contacts",
        "data-sources" => "contacts",
        _ => "contact-fields",
    };

    /// <summary>A property specific to the kind, with a value to create with and one to change to.</summary>
    private static (string Name, JsonNode Original, JsonNode Changed) KindProperty(string kind) => kind switch
    {
        "actions" => ("config", new JsonObject { ["operationKey"] = "list-contacts" }, new JsonObject { ["operationKey"] = "create-deal" }),
        "flows" => ("enabled", JsonValue.Create(true), JsonValue.Create(false)),
        "data-sources" => ("collectionKey", JsonValue.Create("contacts"), JsonValue.Create("deals")),
        _ => ("direction", JsonValue.Create("import"), JsonValue.Create("export")),
    };

    private static JsonObject CreateBody(string kind, string key, string? name = null)
    {
        var (property, original, _) = KindProperty(kind);
        return new JsonObject
        {
            ["key"] = key,
            ["name"] = name ?? $"Element {key}",
            ["description"] = "as created",
            ["meta"] = new JsonObject { ["origin"] = "test" },
            [property] = original.DeepClone(),
        };
    }

    private static async Task<JsonObject> CreateElementAsync(HttpClient membrane, string integration, string kind, string? key = null, string? name = null) =>
        await membrane.PostJsonAsync($"{Integrations}/{integration}/{kind}", CreateBody(kind, key ?? UniqueKey(kind[..3]), name)).OkJsonAsync();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_seeded_integration_has_one_element_of_each_kind(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var hubspot = await membrane.GetIntegrationAsync("hubspot");

        var page = await membrane.GetAsync($"{Integrations}/hubspot/{kind}").OkJsonAsync();

        var element = Items(page).Should().ContainSingle().Subject;
        page.ContainsKey("cursor").Should().BeFalse();
        KeyOf(element).Should().Be(SeededHubSpotKey(kind));
        Str(element["integrationId"]).Should().Be(IdOf(hubspot));
        Str(element["integrationKey"]).Should().Be("hubspot");
        Str(element["integrationUuid"]).Should().Be(Str(hubspot["uuid"]));
        Str(element["state"]).Should().Be("READY");
        element["isCustomized"]!.GetValue<bool>().Should().BeFalse();
        element["isDeactivated"]!.GetValue<bool>().Should().BeFalse();

        foreach (var key in SeededLiveKeys)
            Items(await membrane.GetAsync($"{Integrations}/{key}/{kind}").OkJsonAsync()).Should().ContainSingle();
        var legacy = Items(await membrane.GetAsync($"{Integrations}/{ArchivedKey}/{kind}").OkJsonAsync()).Should().ContainSingle().Subject;
        legacy["isDeactivated"]!.GetValue<bool>().Should().BeTrue("the elements of an archived integration are deactivated");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Create_then_get_by_id_and_by_key_under_the_integration_id_or_key(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var hubspot = await membrane.GetIntegrationAsync("hubspot");
        var key = UniqueKey(kind[..3]);
        var (property, original, _) = KindProperty(kind);

        var created = await membrane.PostJsonAsync($"{Integrations}/{IdOf(hubspot)}/{kind}", CreateBody(kind, key, "My element")).OkJsonAsync();

        IdOf(created).Should().MatchRegex("^[0-9a-f]{24}$");
        KeyOf(created).Should().Be(key);
        Str(created["name"]).Should().Be("My element");
        Str(created["description"]).Should().Be("as created");
        Str(created["meta"]!["origin"]).Should().Be("test");
        created[property]!.ToJsonString().Should().Be(original.ToJsonString());
        Str(created["integrationId"]).Should().Be(IdOf(hubspot));
        Str(created["integrationKey"]).Should().Be("hubspot");
        created["isCustomized"]!.GetValue<bool>().Should().BeFalse();
        created.ContainsKey("archivedAt").Should().BeFalse();
        Str(created["revision"]).Should().NotBeEmpty();

        foreach (var url in new[]
        {
            $"{Integrations}/hubspot/{kind}/{IdOf(created)}",
            $"{Integrations}/hubspot/{kind}/{key}",
            $"{Integrations}/{IdOf(hubspot)}/{kind}/{key}",
        })
            (await membrane.GetAsync(url).OkJsonAsync()).ToJsonString().Should().Be(created.ToJsonString(), url);

        Keys(await membrane.GetAsync($"{Integrations}/hubspot/{kind}").OkJsonAsync()).Should().Equal(SeededHubSpotKey(kind), key);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_key_is_unique_per_integration_and_kind(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey(kind[..3]);
        await CreateElementAsync(membrane, "hubspot", kind, key);

        await membrane.PostJsonAsync($"{Integrations}/hubspot/{kind}", CreateBody(kind, key)).ShouldAlreadyExistAsync(key);
        await membrane.PostJsonAsync($"{Integrations}/hubspot/{kind}", CreateBody(kind, SeededHubSpotKey(kind))).ShouldAlreadyExistAsync(SeededHubSpotKey(kind));

        var elsewhere = await CreateElementAsync(membrane, "slack", kind, key);
        KeyOf(elsewhere).Should().Be(key);
        Str(elsewhere["integrationKey"]).Should().Be("slack");
        var otherKind = ElementKinds.First(k => k != kind);
        KeyOf(await CreateElementAsync(membrane, "hubspot", otherKind, key)).Should().Be(key);

        Items(await membrane.GetAsync($"{Integrations}/hubspot/{kind}?search={key}").OkJsonAsync()).Should().ContainSingle();
        Str((await membrane.GetAsync($"{Integrations}/slack/{kind}/{key}").OkJsonAsync())["integrationKey"]).Should().Be("slack");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_supplied_uuid_is_kept_and_unique_per_kind(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var uuid = Guid.NewGuid().ToString();
        var body = CreateBody(kind, UniqueKey("uuid"));
        body["uuid"] = uuid;

        var created = await membrane.PostJsonAsync($"{Integrations}/hubspot/{kind}", body).OkJsonAsync();
        Str(created["uuid"]).Should().Be(uuid);

        body["key"] = UniqueKey("uuid");
        await membrane.PostJsonAsync($"{Integrations}/slack/{kind}", body).ShouldAlreadyExistAsync(uuid);
        Items(await membrane.GetAsync($"{Integrations}/slack/{kind}").OkJsonAsync()).Should().ContainSingle("the refused element was not stored");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Without_a_key_it_is_made_from_the_name(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var tag = Guid.NewGuid().ToString("N")[..8];

        var created = await membrane.PostJsonAsync($"{Integrations}/slack/{kind}", new JsonObject { ["name"] = $"Post To Channel {tag}" }).OkJsonAsync();
        var empty = await membrane.PostJsonAsync($"{Integrations}/slack/{kind}", new JsonObject()).OkJsonAsync();

        KeyOf(created).Should().Be($"post-to-channel-{tag}");
        Str(empty["name"]).Should().NotBeNullOrEmpty();
        KeyOf(empty).Should().NotBeNullOrEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_list_pages_by_cursor_searches_and_hides_archived_elements(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>();
        for (var i = 0; i < 4; i++) created.Add(KeyOf(await CreateElementAsync(membrane, "zendesk", kind, name: $"Tagged {tag} {i}")));
        var url = $"{Integrations}/zendesk/{kind}";

        var first = await membrane.GetAsync($"{url}?limit=2&cursor=0").OkJsonAsync();
        Items(first).Should().HaveCount(2);
        var walked = await WalkAsync(membrane, url, limit: 2);
        walked.Select(KeyOf).Should().OnlyHaveUniqueItems().And.HaveCount(5);
        walked.Skip(1).Select(KeyOf).Should().Equal(created);
        Keys(first).Should().Equal(walked.Take(2).Select(KeyOf));

        Keys(await membrane.GetAsync($"{url}?search={tag.ToUpperInvariant()}").OkJsonAsync()).Should().Equal(created);
        Keys(await membrane.GetAsync($"{url}?search=no-such-{tag}").OkJsonAsync()).Should().BeEmpty();

        (await membrane.DeleteAsync($"{url}/{created[1]}")).EnsureSuccessStatusCode();
        Keys(await membrane.GetAsync($"{url}?search={tag}").OkJsonAsync()).Should().Equal(created[0], created[2], created[3]);
        Keys(await membrane.GetAsync($"{url}?search={tag}&includeArchived=true").OkJsonAsync()).Should().Equal(created);
        Keys(await membrane.GetAsync($"{url}?search={tag}&includeArchived=false").OkJsonAsync()).Should().Equal(created[0], created[2], created[3]);

        await membrane.GetAsync($"{url}?limit=0").ShouldBeBadRequestAsync("limit");
        await membrane.GetAsync($"{url}?limit=1001").ShouldBeBadRequestAsync("limit");
        await membrane.GetAsync($"{url}?cursor=forged").ShouldBeBadRequestAsync("cursor");
        var cursor = Str(first["cursor"]);
        await membrane.GetAsync(WithCursor($"{Integrations}/hubspot/{kind}?limit=2", cursor)).ShouldBeBadRequestAsync("cursor");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Patch_merges_put_replaces_both_mark_the_element_customized_and_change_its_revision(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await CreateElementAsync(membrane, "hubspot", kind);
        var (property, original, changed) = KindProperty(kind);
        var url = $"{Integrations}/hubspot/{kind}/{IdOf(created)}";

        var patched = await membrane.PatchJsonAsync(url, new JsonObject { ["description"] = "patched", [property] = changed.DeepClone() }).OkJsonAsync();
        Str(patched["description"]).Should().Be("patched");
        patched[property]!.ToJsonString().Should().Be(changed.ToJsonString());
        Str(patched["meta"]!["origin"]).Should().Be("test", "PATCH keeps what the body does not name");
        patched["isCustomized"]!.GetValue<bool>().Should().BeTrue();
        Str(patched["revision"]).Should().NotBe(Str(created["revision"]));
        KeyOf(patched).Should().Be(KeyOf(created));
        Str(patched["name"]).Should().Be(Str(created["name"]));

        var put = await membrane.PutJsonAsync($"{Integrations}/hubspot/{kind}/{KeyOf(created)}", new JsonObject { ["name"] = "Renamed" }).OkJsonAsync();
        Str(put["name"]).Should().Be("Renamed");
        put.ContainsKey("description").Should().BeFalse("PUT replaces the editable properties");
        put.ContainsKey("meta").Should().BeFalse();
        put.ContainsKey(property).Should().BeFalse();
        KeyOf(put).Should().Be(KeyOf(created));
        put["isCustomized"]!.GetValue<bool>().Should().BeTrue();
        Str(put["revision"]).Should().NotBe(Str(patched["revision"]));
        Str(put["createdAt"]).Should().Be(Str(created["createdAt"]));
        (await membrane.GetAsync(url).OkJsonAsync()).ToJsonString().Should().Be(put.ToJsonString());

        var newKey = UniqueKey("renamed");
        var rekeyed = await membrane.PatchJsonAsync(url, new JsonObject { ["key"] = newKey }).OkJsonAsync();
        KeyOf(rekeyed).Should().Be(newKey);
        await membrane.PatchJsonAsync(url, new JsonObject { ["key"] = SeededHubSpotKey(kind) }).ShouldAlreadyExistAsync(SeededHubSpotKey(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Changing_a_seeded_element_changes_updatedAt(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var url = $"{Integrations}/salesforce/{kind}";
        var seeded = Items(await membrane.GetAsync(url).OkJsonAsync()).Single();

        var patched = await membrane.PatchJsonAsync($"{url}/{KeyOf(seeded)}", new JsonObject { ["description"] = "x" }).OkJsonAsync();

        DateTimeOffset.Parse(Str(patched["updatedAt"])).Should().BeAfter(DateTimeOffset.Parse(Str(seeded["updatedAt"])));
        Str(patched["createdAt"]).Should().Be(Str(seeded["createdAt"]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Delete_archives_the_element_which_stays_gettable_and_frees_its_key(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await CreateElementAsync(membrane, "slack", kind);
        var url = $"{Integrations}/slack/{kind}/{KeyOf(created)}";

        using (var archive = await membrane.DeleteAsync(url))
        {
            var archived = (await archive.OkNodeAsync()).AsObject();
            archived["archivedAt"].Should().NotBeNull();
            archived["isDeactivated"]!.GetValue<bool>().Should().BeTrue();
        }

        var fetched = await membrane.GetAsync($"{Integrations}/slack/{kind}/{IdOf(created)}").OkJsonAsync();
        fetched["archivedAt"].Should().NotBeNull();
        Keys(await membrane.GetAsync($"{Integrations}/slack/{kind}").OkJsonAsync()).Should().NotContain(KeyOf(created));
        await membrane.PatchJsonAsync(url, new JsonObject { ["description"] = "x" }).ShouldBeBadRequestAsync("archived");
        await membrane.PutJsonAsync(url, new JsonObject { ["description"] = "x" }).ShouldBeBadRequestAsync("archived");

        // The key is unique among live elements: a new one may take it, and the key then selects the live one.
        var successor = await CreateElementAsync(membrane, "slack", kind, KeyOf(created));
        IdOf(await membrane.GetAsync(url).OkJsonAsync()).Should().Be(IdOf(successor));
        IdOf(await membrane.GetAsync($"{Integrations}/slack/{kind}/{IdOf(created)}").OkJsonAsync()).Should().Be(IdOf(created));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Reset_restores_the_created_properties_and_clears_isCustomized(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await CreateElementAsync(membrane, "pipedrive", kind);
        var (property, original, changed) = KindProperty(kind);
        var url = $"{Integrations}/pipedrive/{kind}/{IdOf(created)}";
        await membrane.PatchJsonAsync(url, new JsonObject { ["name"] = "Renamed", ["description"] = "changed", [property] = changed.DeepClone(), ["meta"] = new JsonObject { ["x"] = 1 } }).OkJsonAsync();
        var put = await membrane.PutJsonAsync(url, new JsonObject { ["description"] = "replaced" }).OkJsonAsync();

        var reset = await membrane.PostEmptyAsync($"{url}/reset").OkJsonAsync();

        reset["isCustomized"]!.GetValue<bool>().Should().BeFalse();
        Str(reset["description"]).Should().Be("as created");
        Str(reset["name"]).Should().Be(Str(created["name"]));
        KeyOf(reset).Should().Be(KeyOf(created));
        reset["meta"]!.ToJsonString().Should().Be("""{"origin":"test"}""");
        reset[property]!.ToJsonString().Should().Be(original.ToJsonString());
        Str(reset["revision"]).Should().NotBe(Str(put["revision"]));
        (await membrane.GetAsync(url).OkJsonAsync()).ToJsonString().Should().Be(reset.ToJsonString());

        // The SDK's reset() sends no body (form content type, length 0); a JSON {} is fine too; anything else is not.
        await membrane.PostJsonAsync($"{url}/reset", new JsonObject()).OkJsonAsync();
        await membrane.PostJsonAsync($"{url}/reset", new JsonObject { ["x"] = 1 }).ShouldBeBadRequestAsync();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Reset_of_a_seeded_element_restores_its_seeded_properties(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var url = $"{Integrations}/hubspot/{kind}/{SeededHubSpotKey(kind)}";
        var seeded = await membrane.GetAsync(url).OkJsonAsync();
        await membrane.PutJsonAsync(url, new JsonObject()).OkJsonAsync();

        var reset = await membrane.PostEmptyAsync($"{url}/reset").OkJsonAsync();

        reset.Remove("revision");
        reset.Remove("updatedAt");
        seeded.Remove("revision");
        seeded.Remove("updatedAt");
        reset.ToJsonString().Should().Be(seeded.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_unknown_element_or_integration_is_404_not_found(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var missing = UniqueKey("missing");
        var otherKind = ElementKinds.First(k => k != kind);
        var otherKindId = IdOf(Items(await membrane.GetAsync($"{Integrations}/hubspot/{otherKind}").OkJsonAsync()).Single());
        var slackElementId = IdOf(Items(await membrane.GetAsync($"{Integrations}/slack/{kind}").OkJsonAsync()).Single());

        foreach (var element in new[] { missing, otherKindId, slackElementId })
        {
            var url = $"{Integrations}/hubspot/{kind}/{element}";
            await membrane.GetAsync(url).ShouldBeNotFoundAsync(element);
            await membrane.PatchJsonAsync(url, new JsonObject { ["name"] = "x" }).ShouldBeNotFoundAsync(element);
            await membrane.PutJsonAsync(url, new JsonObject { ["name"] = "x" }).ShouldBeNotFoundAsync(element);
            await membrane.DeleteAsync(url).ShouldBeNotFoundAsync(element);
            await membrane.PostEmptyAsync($"{url}/reset").ShouldBeNotFoundAsync(element);
        }

        await membrane.GetAsync($"{Integrations}/{missing}/{kind}").ShouldBeNotFoundAsync(missing);
        await membrane.PostJsonAsync($"{Integrations}/{missing}/{kind}", new JsonObject { ["name"] = "x" }).ShouldBeNotFoundAsync(missing);
        await membrane.GetAsync($"{Integrations}/{missing}/{kind}/{SeededHubSpotKey(kind)}").ShouldBeNotFoundAsync(missing);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Creating_on_an_archived_integration_is_400(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var integration = await membrane.CreateUniqueAsync("arch");
        (await membrane.DeleteAsync($"{Integrations}/{IdOf(integration)}")).EnsureSuccessStatusCode();

        await membrane.PostJsonAsync($"{Integrations}/{ArchivedKey}/{kind}", new JsonObject { ["name"] = "x" }).ShouldBeBadRequestAsync("archived");
        await membrane.PostJsonAsync($"{Integrations}/{KeyOf(integration)}/{kind}", new JsonObject { ["name"] = "x" }).ShouldBeBadRequestAsync("archived");

        await membrane.PostEmptyAsync($"{Integrations}/{KeyOf(integration)}/restore").OkJsonAsync();
        await CreateElementAsync(membrane, KeyOf(integration), kind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Unknown_and_computed_keys_in_an_element_body_are_not_echoed(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var body = CreateBody(kind, UniqueKey("strip"));
        body["favouriteColour"] = "teal";
        body["integrationId"] = "000000000000000000000000";
        body["isCustomized"] = true;
        body["state"] = "BUILDING";

        var created = await membrane.PostJsonAsync($"{Integrations}/hubspot/{kind}", body).OkJsonAsync();

        created.ContainsKey("favouriteColour").Should().BeFalse();
        Str(created["integrationKey"]).Should().Be("hubspot");
        created["isCustomized"]!.GetValue<bool>().Should().BeFalse();
        Str(created["state"]).Should().Be("READY");

        var patched = await membrane.PatchJsonAsync($"{Integrations}/hubspot/{kind}/{IdOf(created)}", new JsonObject { ["favouriteColour"] = "red" }).OkJsonAsync();
        patched.ContainsKey("favouriteColour").Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_create_with_an_unknown_key_never_breaks_the_list_of_the_integration(string kind)
    {
        using var membrane = fixture.Emulator.Membrane();
        var body = CreateBody(kind, UniqueKey("poison"));
        body["favouriteColour"] = "teal";

        using (await membrane.PostJsonAsync($"{Integrations}/slack/{kind}", body))
        {
            // Whatever the create answered, the tenant must stay readable.
        }

        var page = await membrane.GetAsync($"{Integrations}/slack/{kind}").OkJsonAsync();
        Items(page).Should().OnlyContain(e => !e.ContainsKey("favouriteColour"));
    }

    [Fact]
    public async Task An_action_created_with_an_intent_is_accepted_and_the_intent_not_echoed()
    {
        using var membrane = fixture.Emulator.Membrane();

        // `intent` is in CreateActionRequest but not in ActionApiResponse (which is strict).
        var created = await membrane.PostJsonAsync($"{Integrations}/hubspot/actions", new JsonObject
        {
            ["key"] = UniqueKey("intent"),
            ["intent"] = "create a contact from a signup",
        }).OkJsonAsync();

        created.ContainsKey("intent").Should().BeFalse();
        await membrane.GetAsync($"{Integrations}/hubspot/actions").OkJsonAsync();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Elements_are_per_tenant(string kind)
    {
        using var a = fixture.Emulator.Membrane();
        using var b = fixture.Emulator.Membrane();
        var created = await CreateElementAsync(a, "hubspot", kind);

        await b.GetAsync($"{Integrations}/hubspot/{kind}/{IdOf(created)}").ShouldBeNotFoundAsync();
        Items(await b.GetAsync($"{Integrations}/hubspot/{kind}").OkJsonAsync()).Should().ContainSingle();
    }
}
