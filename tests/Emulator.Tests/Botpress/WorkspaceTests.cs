using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Tests.ControlPlane;
using IntegrationsApiEmulator.Vendors.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>listWorkspaces, getWorkspace, updateWorkspace, checkHandleAvailability; and the interface catalogue.</summary>
public sealed class WorkspaceTests(ValidatingEmulatorFixture fixture) : IClassFixture<ValidatingEmulatorFixture>
{
    private const string Workspaces = "v1/admin/workspaces";
    private const string Availability = "v1/admin/workspaces/handle-availability";

    private static async Task<List<JsonObject>> ListWorkspacesAsync(HttpClient client)
    {
        var workspaces = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = await client.GetAsync(WithToken(Workspaces, token)).OkJsonAsync();
            workspaces.AddRange(page["workspaces"]!.AsArray().Select(w => w!.AsObject()));
            token = (string?)page["meta"]!["nextToken"];
        }
        while (token is not null);
        return workspaces;
    }

    private static Task<JsonObject> AvailabilityAsync(HttpClient client, string handle) =>
        client.PutJsonAsync(Availability, new JsonObject { ["handle"] = handle }).OkJsonAsync();

    [Fact]
    public async Task The_default_workspace_is_listed_and_gettable_with_its_account_fields()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var listed = await ListWorkspacesAsync(botpress);
        var workspace = await botpress.GetAsync($"{Workspaces}/{BotpressDefaults.WorkspaceId}").OkJsonAsync();

        listed.Select(w => Str(w["id"])).Should().Equal(new[] { BotpressDefaults.WorkspaceId }, "the hub publishers' workspaces belong to other users");
        Str(workspace["handle"]).Should().Be("emulator");
        Str(workspace["ownerId"]).Should().Be(BotpressDefaults.UserId);
        workspace["botCount"]!.GetValue<int>().Should().Be(3);
        workspace["activeTrialId"].Should().BeNull();
        workspace.ToJsonString().Should().Be(listed[0].ToJsonString());
    }

    [Fact]
    public async Task A_workspace_id_a_caller_has_sent_is_theirs_and_unknown_ids_are_404()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = WorkspaceOf(botpress);
        await botpress.GetAsync("v1/admin/bots").OkJsonAsync();

        var workspace = await botpress.GetAsync($"{Workspaces}/{id}").OkJsonAsync();

        workspace.ContainsKey("handle").Should().BeFalse("a new workspace has no handle yet");
        workspace["botCount"]!.GetValue<int>().Should().Be(0);
        (await ListWorkspacesAsync(botpress)).Select(w => Str(w["id"])).Should().Contain(id);
        var unknown = NewWorkspaceId();
        await botpress.GetAsync($"{Workspaces}/{unknown}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", unknown);
        using var otherTenant = fixture.Emulator.CreateBotpressClient();
        await otherTenant.GetAsync($"{Workspaces}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        var hubOwner = Str(IntegrationsOf(await botpress.GetAsync($"{Hub}?name=telegram").OkJsonAsync())[0]["ownerWorkspace"]!["id"]);
        await botpress.GetAsync($"{Workspaces}/{hubOwner}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", hubOwner);
    }

    [Fact]
    public async Task A_refused_request_leaves_no_workspace_behind()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = WorkspaceOf(botpress);

        await botpress.DeleteAsync("v1/admin/bots/bot_nosuchbot").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "bot_nosuchbot");

        (await ListWorkspacesAsync(botpress)).Select(w => Str(w["id"])).Should().NotContain(id, "the only request naming it was refused");
        await botpress.GetAsync($"{Workspaces}/{id}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        await botpress.GetAsync("v1/admin/bots").OkJsonAsync();
        (await ListWorkspacesAsync(botpress)).Select(w => Str(w["id"])).Should().Contain(id, "a request that succeeded made it theirs");
    }

    [Fact]
    public async Task UpdateWorkspace_keeps_what_it_is_sent()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = WorkspaceOf(botpress);
        await botpress.GetAsync("v1/admin/bots").OkJsonAsync();

        var updated = await botpress.PutJsonAsync($"{Workspaces}/{id}", new JsonObject
        {
            ["name"] = "Renamed",
            ["about"] = "We build bots",
            ["website"] = "https://example.test",
            ["socialAccounts"] = new JsonArray("https://x.test/a"),
            ["spendingLimit"] = 250,
            ["isPublic"] = true,
        }).OkJsonAsync();

        Str(updated["name"]).Should().Be("Renamed");
        updated["spendingLimit"]!.GetValue<double>().Should().Be(250);
        (await botpress.GetAsync($"{Workspaces}/{id}").OkJsonAsync()).ToJsonString().Should().Be(updated.ToJsonString());
        await botpress.PutJsonAsync($"{Workspaces}/{id}", new JsonObject { ["name"] = "" })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "name");
        await botpress.PutJsonAsync($"{Workspaces}/{id}", new JsonObject { ["handle"] = "Bad Handle" })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "handle");
    }

    [Fact]
    public async Task A_handle_is_unique_in_the_tenant_suggestions_are_free_and_claiming_takes_it()
    {
        using var mine = fixture.Emulator.CreateClientInNewWorkspace();
        using var other = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(mine));
        using var otherTenant = fixture.Emulator.CreateClientInNewWorkspace();
        await mine.GetAsync("v1/admin/bots").OkJsonAsync();
        await other.GetAsync("v1/admin/bots").OkJsonAsync();
        var hubHandle = Str(IntegrationsOf(await mine.GetAsync($"{Hub}?name=telegram").OkJsonAsync())[0]["ownerWorkspace"]!["handle"]);

        foreach (var taken in (string[])["emulator", hubHandle])
        {
            var answer = await AvailabilityAsync(mine, taken);
            answer["available"]!.GetValue<bool>().Should().BeFalse(taken);
            answer["suggestions"]!.AsArray().Should().NotBeEmpty();
            foreach (var suggestion in answer["suggestions"]!.AsArray())
                (await AvailabilityAsync(mine, Str(suggestion)))["available"]!.GetValue<bool>().Should().BeTrue();
        }

        var handle = "h" + Guid.NewGuid().ToString("N")[..12];
        var free = await AvailabilityAsync(mine, handle);
        free["available"]!.GetValue<bool>().Should().BeTrue();
        free["suggestions"]!.AsArray().Should().BeEmpty();
        Str((await mine.PutJsonAsync($"{Workspaces}/{WorkspaceOf(mine)}", new JsonObject { ["handle"] = handle }).OkJsonAsync())["handle"]).Should().Be(handle);

        (await AvailabilityAsync(mine, handle))["available"]!.GetValue<bool>().Should().BeTrue("it is the caller's own workspace's handle");
        var refused = await AvailabilityAsync(other, handle);
        refused["available"]!.GetValue<bool>().Should().BeFalse();
        Str(refused["usedBy"]).Should().Be(WorkspaceOf(mine));
        await other.PutJsonAsync($"{Workspaces}/{WorkspaceOf(other)}", new JsonObject { ["handle"] = handle })
            .ShouldFailAsync(HttpStatusCode.Conflict, "AlreadyExists", handle);
        (await AvailabilityAsync(otherTenant, handle))["available"]!.GetValue<bool>().Should().BeTrue("handles are unique per tenant");
        await mine.PutJsonAsync(Availability, new JsonObject { ["handle"] = "UPPER" })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "handle");
    }

    [Fact]
    public async Task Workspace_account_fields_survive_a_state_export_and_import()
    {
        await using var emulator = await StateTestKit.StartFrozenAsync();
        using var botpress = emulator.CreateClientInNewWorkspace();
        var id = WorkspaceOf(botpress);
        await botpress.GetAsync("v1/admin/bots").OkJsonAsync();
        var before = await botpress.PutJsonAsync($"{Workspaces}/{id}", new JsonObject
        {
            ["handle"] = "roundtrip",
            ["contactEmail"] = "team@example.test",
            ["socialAccounts"] = new JsonArray("a", "b"),
        }).OkJsonAsync();

        await StateTestKit.RoundTripAsync(emulator);

        (await botpress.GetAsync($"{Workspaces}/{id}").OkJsonAsync()).ToJsonString().Should().Be(before.ToJsonString());
    }

    [Fact]
    public async Task Interfaces_are_listed_and_found_by_id_and_by_name_and_version()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();
        var catalogue = Interfaces(fixture.Emulator);

        var listed = (await botpress.GetAsync("v1/admin/interfaces").OkJsonAsync())["interfaces"]!.AsArray();
        var hitl = catalogue.Single(i => i.Name == "hitl");
        var byId = (await botpress.GetAsync($"v1/admin/interfaces/{hitl.Id}").OkJsonAsync())["interface"]!;
        var byName = (await botpress.GetAsync($"v1/admin/interfaces/hitl/{hitl.Version}").OkJsonAsync())["interface"]!;
        var latest = (await botpress.GetAsync("v1/admin/interfaces/hitl/latest").OkJsonAsync())["interface"]!;

        listed.Should().HaveCount(catalogue.Count);
        Str(byId["name"]).Should().Be("hitl");
        byId["actions"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(hitl.Actions);
        byId["channels"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(hitl.Channels);
        byName.ToJsonString().Should().Be(byId.ToJsonString());
        latest.ToJsonString().Should().Be(byId.ToJsonString());
        (await botpress.GetAsync("v1/admin/interfaces?name=llm").OkJsonAsync())["interfaces"]!.AsArray().Should().ContainSingle();
        await botpress.GetAsync("v1/admin/interfaces/intver_missing").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await botpress.GetAsync("v1/admin/interfaces/hitl/9.9.9").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "hitl", "9.9.9");

        // The hub answers the same public catalogue without a workspace.
        using var hub = fixture.Emulator.CreateBotpressClient(workspaceId: null);
        (await hub.GetAsync("v1/admin/hub/interfaces").OkJsonAsync())["interfaces"]!.ToJsonString().Should().Be(listed.ToJsonString());
        (await hub.GetAsync($"v1/admin/hub/interfaces/{hitl.Id}").OkJsonAsync())["interface"]!.ToJsonString().Should().Be(byId.ToJsonString());
        (await hub.GetAsync("v1/admin/hub/interfaces/hitl/latest").OkJsonAsync())["interface"]!.ToJsonString().Should().Be(byId.ToJsonString());
        await hub.GetAsync("v1/admin/hub/interfaces/hitl/9.9.9").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "hitl");
    }
}
