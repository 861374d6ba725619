using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress.Seeding;

namespace IntegrationsApiEmulator.Tests.Fixtures;

/// <summary><c>--no-seed</c> and <c>--seed-count</c> for Botpress, and the default fixture set.</summary>
public sealed class BotpressSeedProfileTests
{
    [Fact]
    public async Task Without_seeding_only_the_default_workspace_and_bot_exist()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = false });
        using var client = emulator.CreateBotpressClient();

        var workspace = await client.GetFromJsonAsync<JsonObject>("v1/admin/integrations");
        var hub = await client.GetFromJsonAsync<JsonObject>("v1/admin/hub/integrations");

        workspace!["integrations"]!.AsArray().Should().BeEmpty();
        hub!["integrations"]!.AsArray().Should().BeEmpty();
        var state = BotpressSeeder.Build(new SeedProfile(1, Generate: false));
        state.Workspaces.Keys.Should().Equal("wkspace_01JEMULATEDEFAULTWORKSPACE");
        state.Bots.Keys.Should().Equal("bot_01JEMULATEDEFAULTBOT000000");
        state.Interfaces.Should().NotBeEmpty("interfaces are platform data integrations refer to");
    }

    [Fact]
    public async Task The_default_fixture_set_without_seeding_serves_exactly_that_set()
    {
        var defaults = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "default");
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seeded = false, FixturesDirectory = defaults });
        using var client = emulator.CreateBotpressClient();

        var workspace = await client.GetFromJsonAsync<JsonObject>("v1/admin/integrations");
        var dev = await client.GetFromJsonAsync<JsonObject>("v1/admin/integrations?dev=true");
        var installed = await client.GetFromJsonAsync<JsonObject>("v1/admin/hub/integrations?installedByBotId=bot_01JEMULATEDEFAULTBOT000000");

        Names(workspace!).Should().BeEquivalentTo(["emulator/helpdesk@1.0.0", "emulator/helpdesk@1.1.0"]);
        Names(dev!).Should().Equal("emulator/notes-dev@0.1.0");
        Names(installed!).Should().Equal("emulator/helpdesk@1.0.0");
    }

    [Fact]
    public void A_seed_count_scales_the_hub_catalogue_deterministically()
    {
        var large = BotpressSeeder.Build(new SeedProfile(7, Count: 200));
        var again = BotpressSeeder.Build(new SeedProfile(7, Count: 200));
        var standard = BotpressSeeder.Build(new SeedProfile(7));

        var names = large.All.Items.Where(i => i.IsOnHub).Select(i => i.Name).Distinct().ToList();
        names.Should().HaveCountGreaterThan(150, "each of the 200 names has a public version unless its owner's verification hides it");
        large.All.Items.Select(i => i.Id).Should().Equal(again.All.Items.Select(i => i.Id));
        large.All.Items.Count.Should().BeGreaterThan(3 * standard.All.Items.Count);
        large.All.Items.Select(i => $"{i.Name}@{i.Version}").Should().OnlyHaveUniqueItems();
        large.All.Items.Should().OnlyContain(i => i.UpdatedAt < BotpressSeeder.Reference, "seeded times stay before the reference, however large the catalogue");
    }

    [Fact]
    public void The_default_profile_builds_the_same_template_as_the_seed_alone()
    {
        var bySeed = BotpressSeeder.Build(EmulatorOptions.DefaultSeed);
        var byProfile = BotpressSeeder.Build(EmulatorOptions.Default.SeedProfile);

        byProfile.All.Items.Select(i => i.Id).Should().Equal(bySeed.All.Items.Select(i => i.Id));
    }

    private static IEnumerable<string> Names(JsonObject page) =>
        page["integrations"]!.AsArray().Select(i => $"{i!["name"]}@{i["version"]}");
}
