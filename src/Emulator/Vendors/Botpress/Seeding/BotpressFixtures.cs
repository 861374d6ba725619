using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Botpress.Seeding;

/// <summary>
/// Loads <c>botpress.json</c> from a fixtures directory into the template: workspaces, integrations (each a
/// createIntegration body, checked by the same schema and rules as the API) and bots with installed
/// integrations (<c>alias → "name@version-or-range-or-latest"</c>). The format is in fixtures/README.md.
/// A document that breaks the format is refused with its source, the JSON path and the reason.
/// </summary>
internal static class BotpressFixtures
{
    /// <summary>Loads a <c>botpress.json</c> document into <paramref name="state"/>; throws <see cref="InvalidDataException"/>.</summary>
    public static void Apply(BotpressState state, JToken document, FixtureContext fixture)
    {
        fixture.CheckDocument(BotpressModule.VendorName, document);
        var root = Fixtures.AsObject(document);
        var errors = new BotpressErrors(TimeProvider.System);
        var random = new Random(fixture.Seed);
        var time = BotpressSeeder.Reference;

        foreach (var (workspace, index) in Fixtures.Items(root, "workspaces"))
        {
            var id = (string)workspace["id"]!;
            if (state.Workspaces.ContainsKey(id)) throw fixture.Refused($"workspaces[{index}].id", $"workspace \"{id}\" already exists");
            var handle = (string?)workspace["handle"];
            if (handle is not null && state.HandleHolder(handle) is { } holder)
                throw fixture.Refused($"workspaces[{index}].handle", $"handle \"{handle}\" is the handle of workspace \"{holder.Id}\" (handles are unique)");
            state.Workspaces[id] = new Workspace { Id = id, Handle = handle, Name = (string)workspace["name"]!, CreatedAt = time, UpdatedAt = time };
        }

        foreach (var (entry, index) in Fixtures.Items(root, "integrations"))
        {
            var path = $"integrations[{index}]";
            var body = entry["integration"]!.AsObject();
            fixture.Check(path + ".integration.", fixture.Schemas.Validate(BotpressModule.VendorName, "createIntegration", SchemaPart.Request, JToken.Parse(body.ToJsonString())));
            time = time.AddMinutes(1);
            var rules = new RuleContext(state, (string?)entry["workspaceId"] ?? BotpressDefaults.WorkspaceId, time, errors,
                prefix => prefix + Ulid.New(time, random));
            try
            {
                var plan = IntegrationRules.PlanCreate(rules, body);
                plan.Integration.VerificationStatus = (string?)entry["verificationStatus"] ?? plan.Integration.VerificationStatus;
                plan.Integration.LifecycleStatus = (string?)entry["lifecycleStatus"] ?? plan.Integration.LifecycleStatus;
                IntegrationRules.Commit(rules, plan, created: true);
            }
            catch (ApiException e)
            {
                throw fixture.Refused(path + ".integration", (string)e.Body["message"]!);
            }
        }

        foreach (var (entry, index) in Fixtures.Items(root, "bots"))
        {
            var botId = (string)entry["id"]!;
            var workspaceId = (string?)entry["workspaceId"] ?? BotpressDefaults.WorkspaceId;
            // An existing bot (the default one) keeps its installations and gets the fixture's on top.
            if (state.Bots.TryGetValue(botId, out var bot))
            {
                if (bot.WorkspaceId != workspaceId)
                    throw fixture.Refused($"bots[{index}].workspaceId", $"bot \"{botId}\" exists in workspace \"{bot.WorkspaceId}\"");
                bot.Name = (string)entry["name"]!;
            }
            else
            {
                time = time.AddMinutes(1);
                bot = new Bot
                {
                    Id = botId,
                    WorkspaceId = workspaceId,
                    Name = (string)entry["name"]!,
                    CreatedAt = time,
                    UpdatedAt = time,
                    SigningSecret = "bpss_" + Convert.ToHexStringLower(RandomBytes(random, 24)),
                };
            }
            state.WorkspaceFor(bot.WorkspaceId, time);
            foreach (var (alias, reference) in entry["installed"]?.AsObject() ?? [])
            {
                var text = (string)reference!;
                var at = text.LastIndexOf('@');
                var candidates = state.All.Items.Where(i => i.WorkspaceId == bot.WorkspaceId || i.IsPubliclyReadable);
                try
                {
                    var integration = VersionSelector.Resolve(candidates, text[..at], text[(at + 1)..], errors);
                    var webhookId = bot.Integrations.TryGetValue(alias, out var current) ? current.WebhookId : new Guid(RandomBytes(random, 16)).ToString();
                    bot.Integrations[alias] = new BotIntegrationInstance(integration.Id, webhookId, true, [], null, []);
                }
                catch (ApiException e)
                {
                    throw fixture.Refused($"bots[{index}].installed.{alias}", (string)e.Body["message"]!);
                }
            }
            state.Bots[bot.Id] = bot;
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
