using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>rotateIntegrationSigningSecrets (client-only operation of @botpress/client 1.45.0).</summary>
public sealed class SigningSecretTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Each_rotation_returns_a_new_secret_and_the_previous_one_stays_valid()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var id = IdOf(await CreateAsync(botpress, UniqueName()));
        var url = $"{Integrations}/{id}/signing-secrets/rotate";

        var first = await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync();
        var second = await botpress.PostAsync(url, null).OkJsonAsync();
        var third = await botpress.PostJsonAsync(url, new JsonObject()).OkJsonAsync();

        first.Select(p => p.Key).Should().Equal("newSigningSecret");
        var secrets = new[] { first, second, third }.Select(r => Str(r["newSigningSecret"])).ToList();
        secrets.Should().OnlyHaveUniqueItems().And.OnlyContain(s => s.Length >= 16);
        var stored = StateOf(fixture.Emulator, botpress).Integrations[id].SigningSecrets;
        stored.Should().Equal(secrets[2], secrets[1]); // the newest plus the one it replaced (still valid for a while)
        (await GetIntegrationAsync(botpress, id)).ToJsonString().Should().NotContain(secrets[2], "secrets are only shown by the rotation");
    }

    [Fact]
    public async Task Rotation_errors()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        using var otherWorkspace = fixture.Emulator.CreateClientInNewWorkspace(TokenOf(botpress));
        var id = IdOf(await CreateAsync(botpress, UniqueName()));
        var before = StateOf(fixture.Emulator, botpress).Integrations[id].SigningSecrets.ToList();

        await botpress.PostJsonAsync($"{Integrations}/intver_missing/signing-secrets/rotate", new JsonObject())
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");
        await otherWorkspace.PostJsonAsync($"{Integrations}/{id}/signing-secrets/rotate", new JsonObject())
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", id);
        await botpress.PostJsonAsync($"{Integrations}/{id}/signing-secrets/rotate", new JsonObject { ["keepOld"] = false })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "keepOld");
        await botpress.GetAsync($"{Integrations}/{id}/signing-secrets/rotate").ShouldFailAsync(HttpStatusCode.MethodNotAllowed, "MethodNotFound");
        StateOf(fixture.Emulator, botpress).Integrations[id].SigningSecrets.Should().Equal(before);
    }
}
