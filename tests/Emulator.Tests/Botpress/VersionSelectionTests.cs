using System.Net;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>The <c>{name}/{version}</c> lookups (getIntegrationByName, getPublicIntegration): exact, range, latest.</summary>
public sealed class VersionSelectionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("latest", "1.0.0")]
    [InlineData("0.10.0", "0.10.0")]
    [InlineData("0.2.0", "0.2.0")]
    [InlineData("%5E0.2.0", "0.2.0")]
    [InlineData("^0.10.0", "0.10.0")]
    [InlineData("0.x", "0.10.0")]
    [InlineData("~0.10", "0.10.0")]
    [InlineData("%3E%3D0.2.0%20%3C1.0.0", "0.10.0")]
    [InlineData("*", "1.0.0")]
    public async Task Get_by_name_resolves_versions_ranges_and_latest_by_semver_precedence(string version, string expected)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        var integration = (await botpress.GetAsync($"{Integrations}/emulator%2Fcrm-sync/{version}").OkJsonAsync())["integration"]!;

        Str(integration["name"]).Should().Be("emulator/crm-sync");
        Str(integration["version"]).Should().Be(expected);
    }

    [Fact]
    public async Task Latest_is_the_highest_semver_not_the_newest_or_the_highest_string()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        foreach (var version in (string[])["0.9.0", "0.10.0", "0.10.0-beta.1", "0.2.0"])
            await CreateAsync(botpress, name, version);

        async Task<string> Resolve(string version) =>
            Str((await botpress.GetAsync($"{Integrations}/{name}/{version}").OkJsonAsync())["integration"]!["version"]);

        (await Resolve("latest")).Should().Be("0.10.0");
        (await Resolve("%5E0.9.0")).Should().Be("0.9.0");
        (await Resolve("%3C0.11.0")).Should().Be("0.10.0");
        (await Resolve("0.10.0-beta.1")).Should().Be("0.10.0-beta.1");
        var latestListed = IntegrationsOf(await botpress.GetAsync($"{Integrations}?name={name}&version=latest").OkJsonAsync());
        latestListed.Select(i => Str(i["version"])).Should().Equal("0.10.0");
    }

    [Fact]
    public async Task A_handle_prefixed_name_is_one_percent_encoded_segment()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = $"acme/{UniqueName()}";
        var created = await CreateAsync(botpress, name, "1.0.0", new System.Text.Json.Nodes.JsonObject { ["visibility"] = "public" });
        var encoded = Uri.EscapeDataString(name);
        encoded.Should().Contain("%2F");

        IdOf((await botpress.GetAsync($"{Integrations}/{encoded}/latest").OkJsonAsync())["integration"]!.AsObject()).Should().Be(IdOf(created));
        IdOf((await botpress.GetAsync($"{Hub}/{encoded}/1.0.0").OkJsonAsync())["integration"]!.AsObject()).Should().Be(IdOf(created));
        await botpress.GetAsync($"{Integrations}/{name}/latest").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task The_hub_resolves_among_publicly_readable_versions_only()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        Str((await botpress.GetAsync($"{Hub}/emulator%2Fcrm-sync/latest").OkJsonAsync())["integration"]!["version"]).Should().Be("1.0.0");
        await botpress.GetAsync($"{Hub}/emulator%2Fcrm-sync/%5E0.2.0").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "emulator/crm-sync", "^0.2.0");
        Str((await botpress.GetAsync($"{Hub}/emulator%2Fticketing/latest").OkJsonAsync())["integration"]!["version"]).Should().Be("1.1.0");
    }

    [Theory]
    [InlineData("1.0.0.0")]
    [InlineData("banana")]
    [InlineData("%5E%5E1")]
    public async Task An_unparseable_version_is_400_naming_it(string version)
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.GetAsync($"{Integrations}/emulator%2Fcrm-sync/{version}").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "version", Uri.UnescapeDataString(version));
        await botpress.GetAsync($"{Hub}/emulator%2Fcrm-sync/{version}").ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "version", Uri.UnescapeDataString(version));
    }

    [Fact]
    public async Task A_range_no_version_satisfies_is_404()
    {
        using var botpress = fixture.Emulator.CreateBotpressClient();

        await botpress.GetAsync($"{Integrations}/emulator%2Fcrm-sync/%5E3.0.0").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "emulator/crm-sync", "^3.0.0");
        await botpress.GetAsync($"{Integrations}/emulator%2Fcrm-sync/9.9.9").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "9.9.9");
    }
}
