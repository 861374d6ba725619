using System.Text;
using Bogus;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress.Seeding;

/// <summary>
/// Builds the Botpress template every tenant starts from, deterministically from a seed: an interface
/// catalogue; a public hub catalogue owned by an official and several community workspaces (several
/// versions per name, every verification status, deprecated and unlisted versions); the default
/// workspace with public, private, unlisted and dev integrations (0.2.0 / 0.10.0 / 1.0.0 of one name);
/// bots with installed integrations and sandboxed conversations; logs.
/// </summary>
internal static class BotpressSeeder
{
    /// <summary>All seeded times are before this instant, whatever the clock says.</summary>
    public static readonly DateTimeOffset Reference = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] HubNames =
        ["telegram", "slack", "whatsapp", "messenger", "instagram", "discord", "teams", "webchat", "zendesk", "hubspot", "notion",
         "google-sheets", "gmail", "linear", "github", "jira", "intercom", "twilio", "stripe", "shopify", "openai", "calendly", "airtable"];

    private static readonly string[] MessagingNames = ["telegram", "slack", "whatsapp", "messenger", "instagram", "discord", "teams", "webchat", "twilio", "intercom"];

    public static BotpressState Build(int seed) => Build(new SeedProfile(seed));

    /// <summary>
    /// The template for <paramref name="profile"/>: its count is the number of hub integration names (23 by default,
    /// each with 1–4 versions); without generation only the interface catalogue, the default workspace and the default bot.
    /// </summary>
    public static BotpressState Build(SeedProfile profile)
    {
        var faker = new Faker { Random = new Randomizer(profile.Seed) };
        var state = new BotpressState { Interfaces = Interfaces(faker).ToDictionary(i => i.Id, StringComparer.Ordinal) };
        if (!profile.Generate)
        {
            state.Workspaces[BotpressDefaults.WorkspaceId] = new Workspace { Id = BotpressDefaults.WorkspaceId, Handle = "emulator", Name = "Emulator Workspace" };
            state.Bots[BotpressDefaults.BotId] = new Bot
            {
                Id = BotpressDefaults.BotId,
                WorkspaceId = BotpressDefaults.WorkspaceId,
                Name = "Support Bot",
                SigningSecret = "bpss_" + faker.Random.Hash(48),
            };
            return state;
        }
        var definitions = new DefinitionFaker(faker, [.. state.Interfaces.Values]);
        var errors = new BotpressErrors(TimeProvider.System);
        var names = profile.CountOr(HubNames.Length);
        var seeder = new SeedSteps(faker, state, definitions, errors, Math.Max(0, names - HubNames.Length));

        // The hub's publishers are other users' workspaces (their handles are taken in every tenant).
        var officialId = Id(faker, "wkspace_");
        var official = seeder.Workspace(officialId, "botpress", "Botpress", ownerId: PublisherOf(officialId));
        var community = Enumerable.Range(0, 3).Select(_ =>
        {
            var company = faker.Company.CompanyName();
            var id = Id(faker, "wkspace_");
            return seeder.Workspace(id, Handle(company), company, ownerId: PublisherOf(id));
        }).ToList();
        var home = seeder.Workspace(BotpressDefaults.WorkspaceId, "emulator", "Emulator Workspace");

        foreach (var name in HubCatalogue(names))
        {
            var owner = faker.Random.Bool(0.7f) ? official : faker.PickRandom(community);
            var fullName = owner == official ? name : $"{owner.Handle}/{name}";
            var versions = Versions(faker);
            for (var v = 0; v < versions.Count; v++)
            {
                var newest = v == versions.Count - 1;
                seeder.Integration(owner, fullName, versions[v], MessagingNames.Contains(name.Split('-')[0]),
                    visibility: newest || faker.Random.Bool(0.8f) ? Visibilities.Public : Visibilities.Unlisted,
                    verification: owner == official ? "approved" : faker.PickRandom("approved", "approved", "pending", "rejected", "unapproved"),
                    lifecycle: !newest && faker.Random.Bool(0.4f) ? "deprecated" : "published");
            }
        }

        // The default workspace: one of everything a workspace list can show.
        seeder.Integration(home, "emulator/crm-sync", "0.2.0", false, Visibilities.Private, "unapproved", "published");
        seeder.Integration(home, "emulator/crm-sync", "0.10.0", false, Visibilities.Private, "unapproved", "published");
        seeder.Integration(home, "emulator/crm-sync", "1.0.0", false, Visibilities.Public, "approved", "published");
        seeder.Integration(home, "emulator/ticketing", "1.0.0", true, Visibilities.Public, "pending", "published");
        seeder.Integration(home, "emulator/ticketing", "1.1.0", true, Visibilities.Unlisted, "rejected", "published");
        seeder.Integration(home, "emulator/payments", "2.3.1", false, Visibilities.Public, "approved", "deprecated");
        seeder.Integration(home, "emulator/weather", "0.4.0", false, Visibilities.Private, "unapproved", "published");
        seeder.Integration(home, "emulator/inventory", "0.1.0", false, Visibilities.Private, "unapproved", "published", dev: true);
        seeder.Integration(home, "emulator/chat-sandbox", "0.0.1", true, Visibilities.Private, "unapproved", "published", dev: true);

        seeder.Bots(home);
        return state;
    }

    // The well-known names first, then numbered variants of them ("telegram-2") for larger catalogues.
    private static IEnumerable<string> HubCatalogue(int count) =>
        Enumerable.Range(0, count).Select(i => i < HubNames.Length ? HubNames[i] : $"{HubNames[i % HubNames.Length]}-{i / HubNames.Length + 1}");

    private static IEnumerable<InterfaceDefinition> Interfaces(Faker faker)
    {
        (string Name, string Version, string[] Entities, string[] Actions, string[] Events, string[] Channels)[] catalogue =
        [
            ("creatable", "0.0.1", ["item"], ["itemCreate"], ["itemCreated"], []),
            ("readable", "0.0.1", ["item"], ["itemRead"], [], []),
            ("listable", "0.0.1", ["item"], ["itemList"], [], []),
            ("deletable", "0.0.1", ["item"], ["itemDelete"], ["itemDeleted"], []),
            ("typing-indicator", "0.0.1", [], ["startTypingIndicator", "stopTypingIndicator"], [], []),
            ("hitl", "1.0.0", [], ["startHitl", "stopHitl", "createUser"], ["hitlAssigned", "hitlStopped"], ["hitl"]),
            ("llm", "7.0.0", [], ["generateContent", "listLanguageModels"], [], []),
            ("proactive-conversation", "0.1.0", [], ["getOrCreateConversation"], [], []),
        ];
        foreach (var (name, version, entities, actions, events, channels) in catalogue)
            yield return new InterfaceDefinition(Id(faker, "intver_"), name, version, entities, actions, events, channels);
    }

    private static List<string> Versions(Faker faker)
    {
        var count = faker.Random.Int(1, 4);
        var major = faker.Random.Int(0, 2);
        var minor = faker.Random.Int(0, 3);
        var versions = new List<string>();
        for (var i = 0; i < count; i++)
        {
            versions.Add($"{major}.{minor}.{faker.Random.Int(0, 9)}");
            if (faker.Random.Bool()) major++;
            else minor += faker.Random.Int(1, 8);
        }
        return versions.Distinct().OrderBy(v => SemVersion.Parse(v, SemVersionStyles.Strict), SemVersion.PrecedenceComparer).ToList();
    }

    // A publisher's user id, derived from its workspace id (drawing it from the faker would change the whole catalogue).
    private static string PublisherOf(string workspaceId) => "user_" + workspaceId["wkspace_".Length..];

    internal static string Id(Faker faker, string prefix) =>
        prefix + Ulid.New(Reference.AddDays(-faker.Random.Int(30, 900)), new Random(faker.Random.Int()));

    private static string Handle(string company) =>
        new string(company.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').ToArray()).Trim().Split(' ')[0] is { Length: > 1 } h
            ? h : "community";

    internal static string Svg(string letter, string color) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"4\" fill=\"{color}\"/><text x=\"12\" y=\"17\" font-size=\"14\" text-anchor=\"middle\" fill=\"#fff\">{letter}</text></svg>"));
}
