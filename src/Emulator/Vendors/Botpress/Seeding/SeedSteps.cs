using System.Text;
using Bogus;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress.Seeding;

/// <summary>
/// The steps of <see cref="BotpressSeeder.Build(IntegrationsApiEmulator.Core.SeedProfile)"/> — seeded workspaces, integration versions (with
/// their icons and logs) and bots — written in the order of a made-up history, sharing one faker, one state and one clock.
/// </summary>
internal sealed class SeedSteps(Faker faker, BotpressState state, DefinitionFaker definitions, BotpressErrors errors, int extraNames = 0)
{
    // An integration every 1.5 days on average (3.8 days a name): 400 days hold the default catalogue; larger ones start earlier, so every
    // seeded time stays before the reference.
    private DateTimeOffset _clock = BotpressSeeder.Reference.AddDays(-400 - 4.5 * extraNames);

    /// <summary>
    /// A workspace created at the start of the seeded history. <paramref name="ownerId"/>: the user owning it (the hub's
    /// publishers are other users). A handle another workspace holds gets a number (handles are unique in a tenant).
    /// </summary>
    public Workspace Workspace(string id, string? handle, string name, string ownerId = BotpressDefaults.UserId)
    {
        var wanted = handle;
        for (var n = 2; handle is not null && state.HandleHolder(handle) is not null; n++) handle = $"{wanted}-{n}";
        var workspace = new Workspace { Id = id, Handle = handle, Name = name, OwnerId = ownerId, CreatedAt = _clock, UpdatedAt = _clock };
        state.Workspaces[id] = workspace;
        return workspace;
    }

    public IntegrationVersion Integration(Workspace owner, string name, string version, bool messaging, string visibility,
        string verification, string lifecycle, bool dev = false)
    {
        _clock = _clock.AddMinutes(faker.Random.Int(60, 60 * 24 * 3));
        var bare = name[(name.IndexOf('/') + 1)..];
        var body = definitions.Body(bare, messaging);
        var integration = new IntegrationVersion
        {
            Id = BotpressSeeder.Id(faker, "intver_"),
            WorkspaceId = owner.Id,
            Name = name,
            Version = SemVersion.Parse(version, SemVersionStyles.Strict),
            Seq = state.LastSeq + 1,
            CreatedAt = _clock,
            UpdatedAt = _clock.AddMinutes(faker.Random.Int(0, 60 * 24 * 20)),
            Dev = dev,
            Title = string.Join(' ', bare.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
            Description = faker.Company.CatchPhrase() is var phrase && phrase.Length <= 256 ? phrase : phrase[..256],
            Url = dev ? $"https://{faker.Internet.DomainWord()}.ngrok.app" : "",
            Visibility = visibility,
            VerificationStatus = verification,
            LifecycleStatus = lifecycle,
            Readme = $"# {bare}\n\n{faker.Lorem.Paragraph()}\n",
            SdkVersion = $"4.{faker.Random.Int(0, 20)}.{faker.Random.Int(0, 9)}",
            Definition = IntegrationDefinition.FromCreateBody(body, state, errors),
            Installs = visibility == Visibilities.Public ? faker.Random.Long(0, 50_000) : 0,
            Views = visibility == Visibilities.Public ? faker.Random.Long(100, 500_000) : faker.Random.Long(0, 50),
        };
        integration.Secrets["API_TOKEN"] = faker.Random.AlphaNumeric(32);
        if (faker.Random.Bool()) integration.Secrets["WEBHOOK_SECRET"] = faker.Random.AlphaNumeric(24);
        integration.SigningSecrets.Add("bpss_" + faker.Random.Hash(48));
        state.Add(integration);
        if (!owner.Icons.ContainsKey(name))
            owner.SetIcon(name, Encoding.UTF8.GetString(Convert.FromBase64String(BotpressSeeder.Svg(bare[..1].ToUpperInvariant(), faker.Internet.Color()))));
        Logs(integration);
        return integration;
    }

    public void Bots(Workspace home)
    {
        var hub = state.All.Items.Where(i => i.IsOnHub).ToList();
        var defaultBot = Bot(BotpressDefaults.BotId, home, "Support Bot");
        defaultBot.Tags["team"] = "support";
        foreach (var name in (string[])["telegram", "slack", "webchat", "emulator/crm-sync"])
            Install(defaultBot, hub.Where(i => i.Name == name || i.Name.EndsWith("/" + name, StringComparison.Ordinal)));
        defaultBot.SandboxedConversations[defaultBot.Integrations.Values.First().IntegrationId] = 3;

        foreach (var botName in (string[])["Sales Assistant", "Internal Helpdesk"])
        {
            var bot = Bot(BotpressSeeder.Id(faker, "bot_"), home, botName);
            foreach (var name in faker.PickRandom(hub.Select(i => i.Name).Distinct(), 3)) Install(bot, hub.Where(i => i.Name == name));
        }
    }

    // Bots come after the integrations: created in the last weeks before the reference time, updated since.
    private Bot Bot(string id, Workspace home, string name)
    {
        var created = BotpressSeeder.Reference.AddDays(-faker.Random.Int(10, 60)).AddMinutes(faker.Random.Int(0, 1440));
        var bot = new Bot
        {
            Id = id,
            WorkspaceId = home.Id,
            Name = name,
            CreatedAt = created,
            UpdatedAt = created.AddDays(faker.Random.Int(0, 9)),
            SigningSecret = "bpss_" + faker.Random.Hash(48),
        };
        bot.DeployedAt = bot.UpdatedAt;
        state.Bots[id] = bot;
        return bot;
    }

    // Installs the highest version, enabled; the instance alias is the integration's name.
    private void Install(Bot bot, IEnumerable<IntegrationVersion> versions)
    {
        var latest = versions.MaxBy(i => i.Version, SemVersion.PrecedenceComparer);
        if (latest is null) return;
        bot.Integrations[latest.Name] = new BotIntegrationInstance(latest.Id, faker.Random.Guid().ToString(), true, [], null, []);
        latest.Installs++;
    }

    private void Logs(IntegrationVersion integration)
    {
        var time = integration.CreatedAt;
        state.Log(integration.Id, new LogLine(time, "info", $"Integration {integration.Name}@{integration.Version} created"));
        for (var i = faker.Random.Int(3, 12); i > 0; i--)
        {
            time = time.AddMinutes(faker.Random.Int(1, 600));
            var level = faker.PickRandom("info", "info", "info", "debug", "warn", "error");
            state.Log(integration.Id, new LogLine(time, level, level switch
            {
                "error" => $"Request to {faker.Internet.DomainName()} failed: {faker.PickRandom("ETIMEDOUT", "401 Unauthorized", "429 Too Many Requests")}",
                "warn" => $"Retrying webhook delivery ({faker.Random.Int(1, 3)}/3)",
                "debug" => $"Received event {faker.Random.Hexadecimal(8, "")}",
                _ => $"Handled {faker.PickRandom("message", "action", "event")} in {faker.Random.Int(5, 900)} ms",
            },
            faker.Random.Bool(0.3f) ? "wf_" + faker.Random.AlphaNumeric(12) : null,
            faker.Random.Bool(0.5f) ? "user_" + faker.Random.AlphaNumeric(10) : null,
            faker.Random.Bool(0.5f) ? "conv_" + faker.Random.AlphaNumeric(10) : null));
        }
    }
}
