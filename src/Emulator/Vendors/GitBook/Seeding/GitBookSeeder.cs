using System.Text.Json.Nodes;
using Bogus;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook.Seeding;

/// <summary>
/// Builds the GitBook template deterministically from a seed: the user; the default organization
/// (<see cref="GitBookDefaults.OrganizationId"/>), the marketplace publisher <c>gitbook</c> and two
/// generated organizations, with spaces and sites; public marketplace integrations (blocks, content
/// sources, site scripts, visitor auth), a private and an unlisted one; and installations of the default
/// organization on its space and site, with their set-up events.
/// </summary>
internal static class GitBookSeeder
{
    /// <summary>All seeded times are before this instant, whatever the clock says.</summary>
    public static readonly DateTimeOffset Reference = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static GitBookState Build(int seed) => Build(new SeedProfile(seed));

    /// <summary>
    /// The template for <paramref name="profile"/>: its count is the number of marketplace integrations of <c>gitbook</c>
    /// (10 by default; more are numbered variants, <c>slack-2</c>); without generation only the fixed identities — the
    /// user, the organizations <c>emulator-org</c> and <c>gitbook</c>, the default space and site — and nothing else.
    /// </summary>
    public static GitBookState Build(SeedProfile profile)
    {
        var faker = new Faker { Random = new Randomizer(profile.Seed) };
        var time = Reference.AddDays(-300);
        DateTimeOffset Later(int maxHours = 72) => time = time.AddMinutes(faker.Random.Int(30, maxHours * 60));

        var state = new GitBookState
        {
            User = new User(GitBookDefaults.UserId, "Emulator User", "user@emulator.test", "https://avatars.emulator.test/emulator-user.png"),
        };
        var home = Organization(state, GitBookDefaults.OrganizationId, "Emulator Docs", "emulator", Later(), "business", "pro_2024", ["emulator.test"]);
        Organization(state, GitBookDefaults.MarketplaceOrganizationId, "GitBook", "gitbook", Later(), "business", "enterprise_2024", ["gitbook.com"]);
        if (!profile.Generate)
        {
            state.Spaces[GitBookDefaults.SpaceId] = DocsSpace(faker.Random.AlphaNumeric(20), Later(), Later());
            state.Sites[GitBookDefaults.SiteId] = DocsSite("basic", 1, Later());
            return state;
        }
        var others = Enumerable.Range(0, 2).Select(_ =>
        {
            var company = faker.Company.CompanyName();
            var hostname = new string(company.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
            return Organization(state, faker.Random.AlphaNumeric(20), company.Length >= 2 ? company : "Company " + company, hostname.Length >= 3 ? hostname : null,
                Later(), faker.PickRandom("business", "community"), faker.PickRandom("free_2024", "plus_2024", "pro_2024"), [faker.Internet.DomainName()]);
        }).ToList();

        state.Spaces[GitBookDefaults.SpaceId] = DocsSpace(faker.Random.AlphaNumeric(20), Later(), Later());
        foreach (var org in others.Prepend(home))
        {
            for (var i = org == home ? 3 : 2; i > 0; i--)
            {
                var id = faker.Random.AlphaNumeric(20);
                state.Spaces[id] = new Space(id, org.Id, faker.PickRandom("API Reference", "Handbook", "Changelog", "Guides", "Internal Wiki", "Runbooks"),
                    faker.PickRandom("1f680", "1f4da", "2699", "1f4dd", "1f9ed"), faker.PickRandom("public", "private", "unlisted", "share-link"),
                    faker.Random.AlphaNumeric(20), Later(), Later());
            }
            if (org == home) state.Sites[GitBookDefaults.SiteId] = DocsSite(faker.PickRandom("basic", "premium", "ultimate"), faker.Random.Int(1, 4), Later());
            else
            {
                var siteId = "site_" + faker.Random.AlphaNumeric(5);
                state.Sites[siteId] = new Site(siteId, org.Id, org.Title + " Docs", faker.PickRandom("basic", "premium", "ultimate"), "public", true, faker.Random.Int(1, 4), Later());
            }
            if (org == home)
            {
                var handbook = "site_" + faker.Random.AlphaNumeric(5);
                state.Sites[handbook] = new Site(handbook, home.Id, "Internal Handbook", "basic", "share-link", false, 1, Later());
            }
        }

        // Built in catalogue order (seq, versions and times follow it), published in name order (each an append).
        var published = new List<PublishedIntegration>();
        foreach (var (name, body) in Catalogue.Integrations(profile.CountOr(Catalogue.MarketplaceCount)))
        {
            var owner = name.StartsWith("emulator-", StringComparison.Ordinal) ? home.Id : GitBookDefaults.MarketplaceOrganizationId;
            published.Add(new PublishedIntegration
            {
                Name = name,
                OwnerId = owner,
                Version = faker.Random.Int(1, 40),
                Seq = state.NextSeq(),
                PublishedAt = Later(),
                Verified = owner == GitBookDefaults.MarketplaceOrganizationId,
                Definition = IntegrationEndpoints.Definition(name, body),
                Script = "export default createIntegration({});",
                HasIcon = true,
            });
        }
        foreach (var integration in published.OrderBy(i => i.Name, StringComparer.Ordinal)) state.Publish(integration);

        // A smaller catalogue (--seed-count) leaves out the installations of integrations it does not have.
        if (state.Integrations.ContainsKey("slack"))
            Install(state, faker, Later(), "slack", home.Id, new JsonObject { ["channel"] = "#docs" }, spaceIds: [GitBookDefaults.SpaceId]);
        if (state.Integrations.ContainsKey("google-analytics"))
            Install(state, faker, Later(), "google-analytics", home.Id, [], siteIds: [GitBookDefaults.SiteId], siteConfiguration: new JsonObject { ["tracking_id"] = "G-EMULATOR1" });
        if (state.Integrations.ContainsKey("mermaid")) Install(state, faker, Later(), "mermaid", home.Id, [], spaceSelection: "all");
        if (state.Integrations.ContainsKey("figma")) Install(state, faker, Later(), "figma", home.Id, [], spaceIds: [GitBookDefaults.SpaceId]);
        if (state.Integrations.ContainsKey("intercom")) Install(state, faker, Later(), "intercom", others[0].Id, new JsonObject { ["app_id"] = faker.Random.AlphaNumeric(8) });
        return state;
    }

    private static Space DocsSpace(string revision, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(GitBookDefaults.SpaceId, GitBookDefaults.OrganizationId, "Product Docs", "1f4d8", "public", revision, createdAt, updatedAt);

    private static Site DocsSite(string type, int siteSpaces, DateTimeOffset createdAt) =>
        new(GitBookDefaults.SiteId, GitBookDefaults.OrganizationId, "Emulator Docs Site", type, "public", true, siteSpaces, createdAt);

    private static Organization Organization(GitBookState state, string id, string title, string? hostname, DateTimeOffset createdAt, string type, string plan, string[] domains)
    {
        var org = new Organization(id, title, hostname, createdAt, type, plan, domains);
        state.Organizations[id] = org;
        return org;
    }

    private static void Install(GitBookState state, Faker faker, DateTimeOffset at, string name, string organizationId, JsonObject configuration,
        string[]? spaceIds = null, string[]? siteIds = null, string spaceSelection = "selected", JsonObject? siteConfiguration = null)
    {
        var integration = state.Integrations[name];
        var installation = new Installation
        {
            Id = faker.Random.AlphaNumeric(20),
            IntegrationName = name,
            OrganizationId = organizationId,
            Seq = state.NextSeq(),
            CreatedAt = at,
            UpdatedAt = at,
            SpaceSelection = spaceSelection,
            Configuration = configuration,
            ExternalIds = [faker.Random.AlphaNumeric(12)],
        };
        installation.Status = InstallationRules.StatusFor(integration, "account", configuration);
        state.Installations[installation.Id] = installation;
        Event(state, faker, at, name, installation.Id, "installation_setup", new JsonObject { ["installationId"] = installation.Id, ["status"] = installation.Status });
        foreach (var (kind, ids) in new[] { (ContentKind.Space, spaceIds ?? []), (ContentKind.Site, siteIds ?? []) })
        {
            foreach (var targetId in ids)
            {
                var content = new ContentInstallation
                {
                    Kind = kind,
                    IntegrationName = name,
                    InstallationId = installation.Id,
                    TargetId = targetId,
                    Seq = state.NextSeq(),
                    Configuration = kind == ContentKind.Site && siteConfiguration is not null ? (JsonObject)siteConfiguration.DeepClone() : [],
                };
                content.Status = InstallationRules.StatusFor(integration, kind == ContentKind.Space ? "space" : "site", content.Configuration);
                state.ContentInstallations.Add(content);
                var level = kind == ContentKind.Space ? "space" : "site";
                Event(state, faker, at.AddSeconds(5), name, installation.Id, level + "_installation_setup",
                    new JsonObject { ["installationId"] = installation.Id, [level + "Id"] = targetId, ["status"] = content.Status });
            }
        }
    }

    private static void Event(GitBookState state, Faker faker, DateTimeOffset at, string name, string installationId, string type, JsonObject fields) =>
        GitBookEvents.Add(state, "evt_" + faker.Random.AlphaNumeric(20), at, name, installationId, type, fields);
}
