using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.ControlPlane;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>An emulator that checks every response against its schema (a shape error answers 500, so the tests see it).</summary>
public sealed class ValidatingEmulatorFixture : IAsyncLifetime
{
    public IntegrationsEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default);

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>createBot, getBot, updateBot, deleteBot, listBots; integration instances; snapshots of bots.</summary>
public sealed class BotTests(ValidatingEmulatorFixture fixture) : IClassFixture<ValidatingEmulatorFixture>
{
    private const string Bots = "v1/admin/bots";

    private static async Task<JsonObject> CreateBotAsync(HttpClient client, JsonObject? body = null) =>
        (await client.PostJsonAsync(Bots, body ?? new JsonObject()).OkJsonAsync())["bot"]!.AsObject();

    private static async Task<JsonObject> UpdateBotAsync(HttpClient client, string id, JsonObject body) =>
        (await client.PutJsonAsync($"{Bots}/{id}", body).OkJsonAsync())["bot"]!.AsObject();

    private static async Task<JsonObject> GetBotAsync(HttpClient client, string id) =>
        (await client.GetAsync($"{Bots}/{id}").OkJsonAsync())["bot"]!.AsObject();

    private static async Task<List<JsonObject>> ListBotsAsync(HttpClient client, string query = "")
    {
        var bots = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = await client.GetAsync(WithToken(Bots + query, token)).OkJsonAsync();
            bots.AddRange(page["bots"]!.AsArray().Select(b => b!.AsObject()));
            token = (string?)page["meta"]!["nextToken"];
        }
        while (token is not null);
        return bots;
    }

    private static async Task<string> HubIntegrationIdAsync(HttpClient client, string name = "telegram") =>
        IdOf(IntegrationsOf(await client.GetAsync($"{Hub}?name={name}").OkJsonAsync())[0]);

    [Fact]
    public async Task The_seeded_bots_are_listed_and_the_default_bot_has_its_integrations()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var bots = await ListBotsAsync(botpress);
        var bot = await GetBotAsync(botpress, BotpressDefaults.BotId);

        bots.Select(b => Str(b["id"])).Should().Contain(BotpressDefaults.BotId).And.HaveCount(3);
        Str(bot["name"]).Should().Be("Support Bot");
        bot["integrations"]!.AsObject().Should().HaveCount(4);
        foreach (var (key, instance) in bot["integrations"]!.AsObject())
        {
            Str(instance!["id"]).Should().Be(key, "without x-multiple-integrations instances are keyed by integration id");
            Str(instance["webhookUrl"]).Should().Be($"http://localhost/botpress/webhooks/{Str(instance["webhookId"])}");
            Str(instance["status"]).Should().Be("registered");
        }
    }

    [Fact]
    public async Task Create_get_update_list_and_delete_a_bot()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName("bot");

        var created = await CreateBotAsync(botpress, new JsonObject
        {
            ["name"] = name,
            ["tags"] = new JsonObject { ["owner"] = "tests" },
            ["states"] = new JsonObject { ["session"] = new JsonObject { ["type"] = "conversation", ["schema"] = new JsonObject() } },
            ["recurringEvents"] = new JsonObject
            {
                ["tick"] = new JsonObject { ["schedule"] = new JsonObject { ["cron"] = "* * * * *" }, ["type"] = "tick", ["payload"] = new JsonObject() },
            },
        });
        var id = Str(created["id"]);
        id.Should().StartWith("bot_");
        Str(created["name"]).Should().Be(name);
        created["recurringEvents"]!["tick"]!["failedAttempts"]!.GetValue<int>().Should().Be(0);
        (await GetBotAsync(botpress, id)).ToJsonString().Should().Be(created.ToJsonString());

        var updated = await UpdateBotAsync(botpress, id, new JsonObject
        {
            ["tags"] = new JsonObject { ["stage"] = "test" },
            ["states"] = new JsonObject { ["session"] = null, ["profile"] = new JsonObject { ["type"] = "user", ["schema"] = new JsonObject() } },
            ["subscriptions"] = new JsonObject { ["events"] = new JsonObject { ["slack:reactionAdded"] = new JsonObject() } },
            ["conversation"] = new JsonObject { ["tags"] = new JsonObject { ["topic"] = new JsonObject { ["title"] = "Topic" } } },
            ["alwaysAlive"] = true,
        });

        updated["states"]!.AsObject().Select(p => p.Key).Should().Equal("profile");
        updated["tags"]!.ToJsonString().Should().Be("""{"owner":"tests","stage":"test"}""");
        updated["subscriptions"]!["events"]!.AsObject().Select(p => p.Key).Should().Equal("slack:reactionAdded");
        updated["conversation"]!["tags"]!.AsObject().ContainsKey("topic").Should().BeTrue();
        updated["alwaysAlive"]!.GetValue<bool>().Should().BeTrue();
        (await GetBotAsync(botpress, id)).ToJsonString().Should().Be(updated.ToJsonString(), "a later read sees the update");
        (await ListBotsAsync(botpress)).Select(b => Str(b["id"])).Should().Equal(id);

        (await botpress.DeleteJsonAsync($"{Bots}/{id}").OkJsonAsync()).Should().BeEmpty();
        await botpress.GetAsync($"{Bots}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        await botpress.DeleteJsonAsync($"{Bots}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        (await ListBotsAsync(botpress)).Should().BeEmpty();
    }

    [Fact]
    public async Task Event_attributes_merge_and_null_removes_one()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        static JsonObject Event(JsonObject attributes) => new() { ["schema"] = new JsonObject(), ["attributes"] = attributes };
        var id = Str((await CreateBotAsync(botpress, new JsonObject
        {
            ["events"] = new JsonObject { ["ping"] = Event(new JsonObject { ["a"] = "1" }) },
        }))["id"]);

        var merged = await UpdateBotAsync(botpress, id, new JsonObject { ["events"] = new JsonObject { ["ping"] = Event(new JsonObject { ["b"] = "2" }) } });
        var removed = await UpdateBotAsync(botpress, id, new JsonObject { ["events"] = new JsonObject { ["ping"] = Event(new JsonObject { ["a"] = null }) } });

        merged["events"]!["ping"]!["attributes"]!.ToJsonString().Should().Be("""{"a":"1","b":"2"}""");
        removed["events"]!["ping"]!["attributes"]!.ToJsonString().Should().Be("""{"b":"2"}""");
    }

    [Fact]
    public async Task Bots_are_scoped_to_their_workspace_and_tenant()
    {
        using var owner = fixture.Emulator.CreateClientInNewWorkspace();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(owner));
        using var otherTenant = fixture.Emulator.CreateBotpressClient(workspaceId: WorkspaceOf(owner));
        var id = Str((await CreateBotAsync(owner))["id"]);

        foreach (var stranger in (HttpClient[])[otherWorkspace, otherTenant])
        {
            await stranger.GetAsync($"{Bots}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
            await stranger.PutJsonAsync($"{Bots}/{id}", new JsonObject { ["name"] = "x" }).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
            (await ListBotsAsync(stranger)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task ListBots_pages_by_creation_and_filters_dev_and_tags()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var ids = new List<string>();
        for (var i = 0; i < 45; i++) ids.Add(Str((await CreateBotAsync(botpress, new JsonObject { ["tags"] = new JsonObject { ["parity"] = i % 2 == 0 ? "even" : "odd" } }))["id"]));
        var dev = Str((await CreateBotAsync(botpress, new JsonObject { ["dev"] = true, ["url"] = "http://127.0.0.1:9/dev" }))["id"]);

        var first = await botpress.GetAsync(Bots).OkJsonAsync();
        first["bots"]!.AsArray().Should().HaveCount(BotEndpoints.PageSize);
        (await ListBotsAsync(botpress)).Select(b => Str(b["id"])).Should().Equal(ids, "oldest first, each once, dev bots apart");
        (await ListBotsAsync(botpress, "?sortDirection=desc")).Select(b => Str(b["id"])).Should().Equal(Enumerable.Reverse(ids));
        (await ListBotsAsync(botpress, "?dev=true")).Select(b => Str(b["id"])).Should().Equal(dev);
        (await ListBotsAsync(botpress, "?tags.parity=odd")).Should().HaveCount(22);
        (await ListBotsAsync(botpress, "?pageSize=7")).Should().HaveCount(45);
        await botpress.GetAsync($"{Bots}?nextToken=forged").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
        await botpress.GetAsync($"{Bots}?sortField=name").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "sortField");
        var token = Str(first["meta"]!["nextToken"]);
        await botpress.GetAsync($"{Bots}?sortDirection=desc&nextToken={Uri.EscapeDataString(token)}")
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "nextToken");
    }

    [Fact]
    public async Task UpdateBot_installs_updates_and_uninstalls_integration_instances()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var integrationId = await HubIntegrationIdAsync(botpress);
        var id = Str((await CreateBotAsync(botpress))["id"]);

        var installed = await UpdateBotAsync(botpress, id, new JsonObject
        {
            ["integrations"] = new JsonObject
            {
                ["tg"] = new JsonObject { ["integrationId"] = integrationId, ["configuration"] = new JsonObject { ["token"] = "t" } },
            },
        });
        var instance = installed["integrations"]![integrationId]!;
        instance["enabled"]!.GetValue<bool>().Should().BeTrue("enabled defaults to true");
        instance["configuration"]!.ToJsonString().Should().Be("""{"token":"t"}""");
        var webhookId = Str(instance["webhookId"]);
        Str(instance["webhookUrl"]).Should().Be("http://localhost/botpress/webhooks/" + webhookId);

        var (aliases, webhookAlias) = StateOf(fixture.Emulator, botpress).Read(state => (state.Bots[id].Integrations.Keys.ToList(), state.FindWebhook(webhookId)!.Value.Alias));
        aliases.Should().Contain("tg");
        webhookAlias.Should().Be("tg");

        var disabled = await UpdateBotAsync(botpress, id, new JsonObject
        {
            ["integrations"] = new JsonObject { ["tg"] = new JsonObject { ["enabled"] = false } },
        });
        disabled["integrations"]![integrationId]!["enabled"]!.GetValue<bool>().Should().BeFalse("the key is the alias of an instance");
        Str(disabled["integrations"]![integrationId]!["webhookId"]).Should().Be(webhookId, "the webhook id is kept for the instance's life");
        disabled["integrations"]![integrationId]!["configuration"]!.ToJsonString().Should().Be("""{"token":"t"}""");

        // Hub views count the install.
        var hubItem = IntegrationsOf(await botpress.GetAsync($"{Hub}?installedByBotId={id}").OkJsonAsync()).Should().ContainSingle().Subject;
        IdOf(hubItem).Should().Be(integrationId);

        (await UpdateBotAsync(botpress, id, new JsonObject { ["integrations"] = new JsonObject { [integrationId] = null } }))["integrations"]!.AsObject()
            .Should().BeEmpty("null under the integration id uninstalls its instances");
    }

    [Fact]
    public async Task Keyed_by_integration_id_an_instance_is_aliased_by_name_and_the_header_keys_by_alias()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var hubItem = IntegrationsOf(await botpress.GetAsync($"{Hub}?limit=1").OkJsonAsync())[0];
        var integrationId = IdOf(hubItem);
        var id = Str((await CreateBotAsync(botpress))["id"]);

        await UpdateBotAsync(botpress, id, new JsonObject { ["integrations"] = new JsonObject { [integrationId] = new JsonObject { ["enabled"] = true } } });
        botpress.DefaultRequestHeaders.Add("x-multiple-integrations", "true");
        var byAlias = await GetBotAsync(botpress, id);

        var (alias, instance) = byAlias["integrations"]!.AsObject().Should().ContainSingle().Subject;
        alias.Should().Be(Str(hubItem["name"]));
        Str(instance!["id"]).Should().Be(integrationId);
    }

    [Fact]
    public async Task Installing_what_does_not_exist_or_may_not_be_installed_is_refused_and_changes_nothing()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = Str((await CreateBotAsync(botpress, new JsonObject { ["name"] = "before" }))["id"]);
        var telegram = await HubIntegrationIdAsync(botpress);
        var missing = "intver_01JNOTANINTEGRATION000000";

        await botpress.PutJsonAsync($"{Bots}/{id}", new JsonObject
        {
            ["name"] = "after",
            ["integrations"] = new JsonObject { ["x"] = new JsonObject { ["integrationId"] = missing } },
        }).ShouldFailAsync(HttpStatusCode.BadRequest, "ReferenceNotFound", "integrations.x.integrationId", missing);
        await botpress.PutJsonAsync($"{Bots}/{id}", new JsonObject { ["integrations"] = new JsonObject { [missing] = new JsonObject() } })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "ReferenceNotFound", missing);
        await botpress.PutJsonAsync($"{Bots}/{id}", new JsonObject
        {
            ["integrations"] = new JsonObject { ["tg"] = new JsonObject { ["integrationId"] = telegram, ["configurationType"] = "nope" } },
        }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "integrations.tg.configurationType", "nope");
        await botpress.PutJsonAsync($"{Bots}/{id}", new JsonObject
        {
            ["integrations"] = new JsonObject { ["tg"] = new JsonObject { ["integrationId"] = telegram, ["disabledChannels"] = new JsonArray("nope") } },
        }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "integrations.tg.disabledChannels", "nope");
        await botpress.PutJsonAsync($"{Bots}/{id}", new JsonObject { ["plugins"] = new JsonObject { ["p"] = new JsonObject { ["id"] = "plugin_x" } } })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "ReferenceNotFound", "plugins.p.id");
        await botpress.PutJsonAsync($"{Bots}/{id}", new JsonObject { ["bogus"] = 1 })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "bogus");
        await botpress.PostJsonAsync(Bots, new JsonObject { ["name"] = "" })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "name");

        var bot = await GetBotAsync(botpress, id);
        Str(bot["name"]).Should().Be("before", "a refused update changes nothing");
        bot["integrations"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task A_dev_bot_as_bp_dev_makes_it_and_a_production_bot_install_dev_integrations()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var dev = IdOf(await CreateAsync(botpress, UniqueName(), extra: new JsonObject { ["dev"] = true, ["url"] = "http://127.0.0.1:9/dev" }));

        var bot = await CreateBotAsync(botpress, new JsonObject { ["dev"] = true, ["url"] = "https://tunnel.example.test" });
        var id = Str(bot["id"]);
        (await GetBotAsync(botpress, id))["dev"]!.GetValue<bool>().Should().BeTrue();
        var updated = await UpdateBotAsync(botpress, id, new JsonObject
        {
            ["url"] = "https://tunnel2.example.test",
            ["integrations"] = new JsonObject { [dev] = new JsonObject { ["enabled"] = true, ["configuration"] = new JsonObject() } },
        });

        updated["integrations"]!.AsObject().Should().ContainKey(dev);
        StateOf(fixture.Emulator, botpress).Read(state => state.Bots[id].Url).Should().Be("https://tunnel2.example.test");
        // A production bot of the workspace installs it too (how its developer tries it on a real bot).
        var production = Str((await CreateBotAsync(botpress, new JsonObject { ["name"] = "prod" }))["id"]);
        (await UpdateBotAsync(botpress, production, new JsonObject { ["integrations"] = new JsonObject { [dev] = new JsonObject() } }))["integrations"]!
            .AsObject().Should().ContainKey(dev);
        await botpress.DeleteJsonAsync($"{Bots}/{production}").OkJsonAsync();
        // The dev integration is installed now: deleting it is refused until the bot lets it go.
        await botpress.DeleteJsonAsync($"{Integrations}/{dev}").ShouldFailAsync(HttpStatusCode.Conflict, "ReferenceConstraint", dev);
        await botpress.DeleteJsonAsync($"{Bots}/{id}").OkJsonAsync();
        await botpress.DeleteJsonAsync($"{Integrations}/{dev}").OkJsonAsync();
    }

    [Fact]
    public async Task Uninstalling_drops_the_shareable_id_of_that_integration()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var bot = await GetBotAsync(botpress, BotpressDefaults.BotId);
        var integrationId = bot["integrations"]!.AsObject().First().Key;
        var url = $"{Bots}/{BotpressDefaults.BotId}/integrations/{integrationId}/shareable-id";
        await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync();

        await UpdateBotAsync(botpress, BotpressDefaults.BotId, new JsonObject { ["integrations"] = new JsonObject { [integrationId] = null } });

        await botpress.GetAsync(url).ShouldFailAsync(HttpStatusCode.Conflict, "RelationConflict", integrationId);
        StateOf(fixture.Emulator, botpress).Read(state => state.ShareableIds.Keys.ToList()).Should().NotContain((BotpressDefaults.BotId, integrationId));
    }

    [Fact]
    public async Task Bots_and_their_instances_survive_a_state_export_and_import()
    {
        await using var emulator = await StateTestKit.StartFrozenAsync();
        using var botpress = emulator.CreateClientInNewWorkspace();
        var integrationId = await HubIntegrationIdAsync(botpress);
        var id = Str((await CreateBotAsync(botpress, new JsonObject { ["name"] = "kept", ["tags"] = new JsonObject { ["a"] = "b" } }))["id"]);
        var before = await UpdateBotAsync(botpress, id, new JsonObject
        {
            ["integrations"] = new JsonObject { ["tg"] = new JsonObject { ["integrationId"] = integrationId, ["disabledChannels"] = new JsonArray() } },
            ["code"] = "console.log('hi')",
        });

        await StateTestKit.RoundTripAsync(emulator);

        (await GetBotAsync(botpress, id)).ToJsonString().Should().Be(before.ToJsonString());
        emulator.Reset();
        await botpress.GetAsync($"{Bots}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
    }

    [Fact]
    public async Task A_snapshot_from_before_bots_were_entities_still_imports()
    {
        await using var emulator = await StateTestKit.StartFrozenAsync();
        using var botpress = emulator.CreateBotpressClient();
        var seeded = await GetBotAsync(botpress, BotpressDefaults.BotId);
        var snapshot = emulator.ExportState();
        var tenant = snapshot["vendors"]!["botpress"]!["tenants"]![IntegrationsEmulator.TenantKeyOf(TokenOf(botpress))]!.AsObject();
        // The old shape: a bot had a workspace, a name and installed aliases; a workspace had a handle, a name and icons.
        var installed = new JsonObject();
        foreach (var (alias, instance) in tenant["bots"]![BotpressDefaults.BotId]!["integrations"]!.AsObject())
            installed[alias] = instance!["integrationId"]!.GetValue<string>();
        tenant["bots"]![BotpressDefaults.BotId] = new JsonObject { ["workspaceId"] = BotpressDefaults.WorkspaceId, ["name"] = "Support Bot", ["installed"] = installed };
        var workspace = tenant["workspaces"]![BotpressDefaults.WorkspaceId]!.AsObject();
        foreach (var key in workspace.Select(p => p.Key).Where(k => k is not ("handle" or "name" or "icons")).ToList()) workspace.Remove(key);

        emulator.ImportState(snapshot);

        var bot = await GetBotAsync(botpress, BotpressDefaults.BotId);
        bot["integrations"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(seeded["integrations"]!.AsObject().Select(p => p.Key));
        Str((await botpress.GetAsync($"v1/admin/workspaces/{BotpressDefaults.WorkspaceId}").OkJsonAsync())["handle"]).Should().Be("emulator");
    }
}
