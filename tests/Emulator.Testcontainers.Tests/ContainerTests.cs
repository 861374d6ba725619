using System.Net;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Testcontainers.Tests;

/// <summary>The module against the emulator's image: addresses, the three vendors, and the builder's options.</summary>
public sealed class ContainerTests(EmulatorContainerFixture fixture) : IClassFixture<EmulatorContainerFixture>
{
    private IntegrationsEmulatorContainer Container => fixture.Container;

    [Fact]
    public async Task The_wait_strategy_returns_once_health_answers_ok()
    {
        using var root = VendorClients.On(Container.GetBaseAddress());

        var health = await root.GetJsonAsync("_emulator/health");

        health["status"]!.GetValue<string>().Should().Be("ok");
        health["vendors"]!.AsArray().Select(v => v!.GetValue<string>()).Should().BeEquivalentTo("botpress", "gitbook", "membrane");
    }

    [Fact]
    public void Every_address_ends_with_a_slash_after_its_segment()
    {
        var root = Container.GetBaseAddress();

        root.AbsolutePath.Should().Be("/");
        root.Port.Should().Be(Container.GetMappedPublicPort(IntegrationsEmulatorBuilder.HttpPort));
        Container.GetBotpressBaseAddress().Should().Be(new Uri(root, "botpress/"));
        Container.GetGitBookBaseAddress().Should().Be(new Uri(root, "gitbook/"));
        Container.GetMembraneBaseAddress().Should().Be(new Uri(root, "membrane/"));
        Container.GetControlPlaneAddress().Should().Be(new Uri(root, "_emulator/"));
    }

    [Fact]
    public async Task Botpress_base_address_serves_the_hub()
    {
        using var botpress = VendorClients.On(Container.GetBotpressBaseAddress(), EmulatorImage.Fresh("bp_pat_"));

        var page = await botpress.GetJsonAsync("v1/admin/hub/integrations");

        page["integrations"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task GitBook_base_address_lists_integrations()
    {
        using var gitbook = VendorClients.On(Container.GetGitBookBaseAddress(), EmulatorImage.Fresh("gb_"));

        var page = await gitbook.GetJsonAsync("v1/integrations");

        page["items"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Membrane_base_address_lists_integrations()
    {
        using var membrane = VendorClients.On(Container.GetMembraneBaseAddress(), EmulatorImage.Fresh("pat-"));

        var page = await membrane.GetJsonAsync("integrations");

        page["items"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task WithAdminToken_guards_the_journal_and_the_container_knows_the_token()
    {
        var marker = EmulatorImage.Fresh("missing-");
        using (var gitbook = VendorClients.On(Container.GetGitBookBaseAddress(), EmulatorImage.Fresh("gb_")))
            (await gitbook.GetAsync($"v1/integrations/{marker}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var anonymous = VendorClients.On(Container.GetControlPlaneAddress());
        using var admin = VendorClients.On(Container.GetControlPlaneAddress(), Container.AdminToken);

        (await anonymous.GetAsync("requests")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var journal = await admin.GetJsonAsync("requests?vendor=gitbook&status=404");

        Container.AdminToken.Should().Be(fixture.AdminToken);
        journal["requests"]!.ToJsonString().Should().Contain(marker);
    }

    [Fact]
    public async Task WithFixtures_loads_the_files_of_the_host_directory()
    {
        using var gitbook = VendorClients.On(Container.GetGitBookBaseAddress(), EmulatorImage.Fresh("gb_"));

        var integration = await gitbook.GetJsonAsync("v1/integrations/docs-notifier");

        integration["title"]!.GetValue<string>().Should().Be("Docs Notifier");
    }

    [Fact]
    public async Task WithSeed_serves_the_data_of_the_in_process_host_with_that_seed()
    {
        var token = EmulatorImage.Fresh("bp_pat_");
        using var botpress = VendorClients.On(Container.GetBotpressBaseAddress(), token);

        var fromContainer = HubIds(await botpress.GetJsonAsync("v1/admin/hub/integrations"));

        fromContainer.Should().Equal(await InProcessHubIds(EmulatorContainerFixture.Seed, token));
        fromContainer.Should().NotEqual(await InProcessHubIds(EmulatorOptions.DefaultSeed, token), "the seed must change the data");
    }

    private static async Task<string[]> InProcessHubIds(int seed, string token)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with
        {
            Seed = seed,
            FixturesDirectory = EmulatorContainerFixture.FixturesDirectory,
        });
        using var botpress = emulator.CreateBotpressClient(token);
        return HubIds(await botpress.GetJsonAsync("v1/admin/hub/integrations"));
    }

    private static string[] HubIds(JsonNode page) =>
        page["integrations"]!.AsArray().Select(i => $"{i!["id"]} {i["name"]}@{i["version"]}").ToArray();
}
