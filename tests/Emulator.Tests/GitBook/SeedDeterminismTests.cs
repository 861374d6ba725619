using System.Text;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.GitBook;
using IntegrationsApiEmulator.Vendors.GitBook.Seeding;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>The GitBook template is a function of the seed: two builds of one seed are identical, another seed differs.</summary>
public sealed class SeedDeterminismTests
{
    /// <summary>Everything the template holds, written through the API views.</summary>
    private static string Dump(GitBookState state)
    {
        var views = new GitBookViews("http://emulator.test/gitbook/v1", state);
        var text = new StringBuilder();
        text.AppendLine(views.User(state.User).ToJsonString());
        foreach (var org in state.Organizations.Values.OrderBy(o => o.Id, StringComparer.Ordinal)) text.AppendLine(views.Organization(org).ToJsonString());
        foreach (var space in state.Spaces.Values.OrderBy(s => s.Id, StringComparer.Ordinal)) text.AppendLine(views.Space(space).ToJsonString());
        foreach (var site in state.Sites.Values.OrderBy(s => s.Id, StringComparer.Ordinal)) text.AppendLine(views.Site(site).ToJsonString());
        foreach (var integration in state.IntegrationsByName) text.AppendLine(views.Integration(integration).ToJsonString());
        foreach (var installation in state.Installations.Values.OrderBy(i => i.Seq)) text.AppendLine(views.Installation(installation).ToJsonString());
        foreach (var content in state.ContentInstallations) text.AppendLine(views.Content(content, extended: true).ToJsonString());
        foreach (var record in state.Events) text.AppendLine(GitBookViews.Event(record).ToJsonString());
        return text.ToString();
    }

    [Fact]
    public void Two_independent_builds_of_one_seed_are_identical_and_another_seed_differs()
    {
        var first = Dump(GitBookSeeder.Build(4242));

        Dump(GitBookSeeder.Build(4242)).Should().Be(first);
        Dump(GitBookSeeder.Build(4243)).Should().NotBe(first);
        first.Should().Contain("\"id\":\"emulator-org\"").And.Contain("\"name\":\"slack\"").And.Contain(GitBookDefaults.SiteId);
    }

    [Fact]
    public void The_fixed_identifiers_are_the_same_for_every_seed()
    {
        foreach (var seed in new[] { 1, 4242, EmulatorOptions.DefaultSeed })
        {
            var state = GitBookSeeder.Build(seed);
            state.Organizations.Should().ContainKeys(GitBookDefaults.OrganizationId, GitBookDefaults.MarketplaceOrganizationId);
            state.Spaces.Should().ContainKey(GitBookDefaults.SpaceId);
            state.Sites.Should().ContainKey(GitBookDefaults.SiteId);
            state.IntegrationsByName.Select(i => i.Name).Should().BeInAscendingOrder(StringComparer.Ordinal).And.HaveCount(12);
        }
    }

    [Fact]
    public async Task Emulators_started_with_different_seeds_serve_different_generated_organizations()
    {
        await using var first = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = 777 });
        await using var same = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = 777 });
        await using var other = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Seed = 778 });
        using var a = Client(first);
        using var b = Client(same);
        using var c = Client(other);

        var orgsA = await a.GetStringAsync("v1/orgs?limit=100");
        (await b.GetStringAsync("v1/orgs?limit=100")).Should().Be(orgsA);
        (await c.GetStringAsync("v1/orgs?limit=100")).Should().NotBe(orgsA);
        (await b.GetStringAsync("v1/integrations/slack/installations")).Should().Be(await a.GetStringAsync("v1/integrations/slack/installations"));
    }
}
