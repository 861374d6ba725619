using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>Integration API keys: listIntegrationApiKeys, createIntegrationApiKey, deleteIntegrationApiKey.</summary>
public sealed class ApiKeyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_value_is_shown_once_and_the_list_shows_the_rest()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var integrationId = IdOf(await CreateAsync(botpress, UniqueName()));

        var key = await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId, ["note"] = "ci key" }).OkJsonAsync();
        var other = await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId }).OkJsonAsync();

        key.Select(p => p.Key).Should().BeEquivalentTo(["id", "createdAt", "note", "value"]);
        Str(key["note"]).Should().Be("ci key");
        Str(other["note"]).Should().BeEmpty();
        Str(key["value"]).Should().NotBeNullOrEmpty().And.NotBe(Str(other["value"]));
        var list = await botpress.GetAsync($"{Iaks}?integrationId={integrationId}").OkJsonAsync();
        var iaks = list["iaks"]!.AsArray().Select(k => k!.AsObject()).ToList();
        iaks.Select(k => Str(k["id"])).Should().BeEquivalentTo([Str(key["id"]), Str(other["id"])]);
        iaks.Should().OnlyContain(k => !k.ContainsKey("value"));
        list.ToJsonString().Should().NotContain(Str(key["value"]));
    }

    [Fact]
    public async Task A_minted_value_is_a_bearer_token_of_the_same_tenant_until_the_key_is_deleted()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var integrationId = IdOf(await CreateAsync(botpress, UniqueName()));
        var key = await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId }).OkJsonAsync();

        using (var asKey = fixture.Emulator.CreateBotpressClient(Str(key["value"]), WorkspaceOf(botpress)))
        {
            IdOf(await GetIntegrationAsync(asKey, integrationId)).Should().Be(integrationId);
            await CreateAsync(asKey, UniqueName()); // writes land in the minting tenant too
        }
        IntegrationsOf(await botpress.GetAsync(Integrations).OkJsonAsync()).Should().HaveCount(2);

        (await botpress.DeleteJsonAsync($"{Iaks}/{Str(key["id"])}").OkJsonAsync()).Should().BeEmpty();

        using var revoked = fixture.Emulator.CreateBotpressClient(Str(key["value"]), WorkspaceOf(botpress));
        await revoked.GetAsync($"{Integrations}/{integrationId}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", integrationId);
        (await botpress.GetAsync($"{Iaks}?integrationId={integrationId}").OkJsonAsync())["iaks"]!.AsArray().Should().BeEmpty();
        await botpress.DeleteJsonAsync($"{Iaks}/{Str(key["id"])}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", Str(key["id"]));
    }

    [Fact]
    public async Task Deleting_the_integration_revokes_its_keys()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var integrationId = IdOf(await CreateAsync(botpress, UniqueName()));
        var keep = IdOf(await CreateAsync(botpress, UniqueName()));
        var key = await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId }).OkJsonAsync();

        await botpress.DeleteJsonAsync($"{Integrations}/{integrationId}").OkJsonAsync();

        using var revoked = fixture.Emulator.CreateBotpressClient(Str(key["value"]), WorkspaceOf(botpress));
        await revoked.GetAsync($"{Integrations}/{keep}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", keep);
        await botpress.DeleteJsonAsync($"{Iaks}/{Str(key["id"])}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_workspace_and_tenant()
    {
        using var owner = fixture.Emulator.CreateClientInNewWorkspace();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(owner));
        using var otherTenant = fixture.Emulator.CreateBotpressClient(workspaceId: WorkspaceOf(owner));
        var integrationId = IdOf(await CreateAsync(owner, UniqueName()));
        var keyId = Str((await owner.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId }).OkJsonAsync())["id"]);

        foreach (var stranger in (HttpClient[])[otherWorkspace, otherTenant])
        {
            await stranger.GetAsync($"{Iaks}?integrationId={integrationId}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", integrationId);
            await stranger.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId }).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", integrationId);
            await stranger.DeleteJsonAsync($"{Iaks}/{keyId}").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", keyId);
        }
        (await owner.GetAsync($"{Iaks}?integrationId={integrationId}").OkJsonAsync())["iaks"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Bad_key_requests_name_the_field()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var integrationId = IdOf(await CreateAsync(botpress, UniqueName()));

        await botpress.GetAsync(Iaks).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidQuery", "integrationId");
        await botpress.GetAsync($"{Iaks}?integrationId=intver_missing").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await botpress.PostJsonAsync(Iaks, new JsonObject { ["note"] = "n" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "integrationId");
        await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId, ["scope"] = "all" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "scope");
        await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = integrationId, ["note"] = 7 }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "note");
        await botpress.PostJsonAsync(Iaks, new JsonObject { ["integrationId"] = "intver_missing" }).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await botpress.DeleteJsonAsync($"{Iaks}/iak_missing").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "iak_missing");
        (await botpress.GetAsync($"{Iaks}?integrationId={integrationId}").OkJsonAsync())["iaks"]!.AsArray().Should().BeEmpty();
    }
}
