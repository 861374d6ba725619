using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.Botpress.Model;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.Botpress.Seeding;

/// <summary>
/// Loads <c>botpress.json</c> from a fixtures directory into the template: workspaces, integrations (each a
/// createIntegration body, checked by the same schema and rules as the API) and bots with installed
/// integrations (<c>alias → "name@version-or-range-or-latest"</c>). The format is in fixtures/README.md.
/// A document that breaks the format is refused with its source, the JSON path and the reason.
/// </summary>
public static class BotpressFixtures
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
            state.Workspaces[id] = new Workspace { Id = id, Handle = (string?)workspace["handle"], Name = (string)workspace["name"]! };
        }

        foreach (var (entry, index) in Fixtures.Items(root, "integrations"))
        {
            var path = $"integrations[{index}]";
            var body = entry["integration"]!.AsObject();
            fixture.Check(path + ".integration.", fixture.Schemas.Validate(BotpressModule.VendorName, "createIntegration", SchemaPart.Request, JToken.Parse(body.ToJsonString())));
            time = time.AddMinutes(1);
            var rules = new IntegrationRules.Context(state, (string?)entry["workspaceId"] ?? BotpressDefaults.WorkspaceId, time, errors,
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
            var bot = new Bot { Id = (string)entry["id"]!, WorkspaceId = (string?)entry["workspaceId"] ?? BotpressDefaults.WorkspaceId, Name = (string)entry["name"]! };
            // An existing bot (the default one) keeps its installations and gets the fixture's on top.
            if (state.Bots.TryGetValue(bot.Id, out var existing))
            {
                if (existing.WorkspaceId != bot.WorkspaceId)
                    throw fixture.Refused($"bots[{index}].workspaceId", $"bot \"{bot.Id}\" exists in workspace \"{existing.WorkspaceId}\"");
                foreach (var (alias, id) in existing.Installed) bot.Installed[alias] = id;
                foreach (var (id, count) in existing.SandboxedConversations) bot.SandboxedConversations[id] = count;
            }
            state.WorkspaceFor(bot.WorkspaceId);
            foreach (var (alias, reference) in entry["installed"]?.AsObject() ?? [])
            {
                var text = (string)reference!;
                var at = text.LastIndexOf('@');
                var candidates = state.All.Items.Where(i => i.WorkspaceId == bot.WorkspaceId || i.IsPubliclyReadable);
                try
                {
                    bot.Installed[alias] = VersionSelector.Resolve(candidates, text[..at], text[(at + 1)..], errors).Id;
                }
                catch (ApiException e)
                {
                    throw fixture.Refused($"bots[{index}].installed.{alias}", (string)e.Body["message"]!);
                }
            }
            state.Bots[bot.Id] = bot;
        }
    }
}
