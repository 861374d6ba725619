using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.Botpress.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.Botpress.Seeding;

/// <summary>
/// Loads <c>botpress.json</c> from a fixtures directory into the template: workspaces, integrations (each a
/// createIntegration body, checked by the same schema and rules as the API) and bots with installed
/// integrations (<c>alias → "name@version-or-range-or-latest"</c>). The format is in fixtures/README.md.
/// A file that breaks the format is refused with the file, the JSON path and the reason.
/// </summary>
public static class BotpressFixtures
{
    public const string FileName = "botpress.json";

    public static void LoadInto(BotpressState state, string directory, int seed, SchemaRegistry schemas)
    {
        var file = Path.Combine(directory, FileName);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Fixtures directory {directory} does not exist.");
        if (!File.Exists(file)) return;

        var document = Parse(file);
        Check(file, "", schemas.Validate("fixtures", BotpressModule.VendorName, SchemaPart.Fixture, document));
        var root = JsonNode.Parse(document.ToString())!.AsObject();
        var errors = new BotpressErrors(TimeProvider.System);
        var random = new Random(seed);
        var time = BotpressSeeder.Reference;

        foreach (var (workspace, index) in Items(root, "workspaces"))
        {
            var id = (string)workspace["id"]!;
            if (state.Workspaces.ContainsKey(id)) throw Refused(file, $"workspaces[{index}].id", $"workspace \"{id}\" already exists");
            state.Workspaces[id] = new Workspace { Id = id, Handle = (string?)workspace["handle"], Name = (string)workspace["name"]! };
        }

        foreach (var (entry, index) in Items(root, "integrations"))
        {
            var path = $"integrations[{index}]";
            var body = entry["integration"]!.AsObject();
            Check(file, path + ".integration.", schemas.Validate(BotpressModule.VendorName, "createIntegration", SchemaPart.Request, JToken.Parse(body.ToJsonString())));
            time = time.AddMinutes(1);
            var context = new IntegrationRules.Context(state, (string?)entry["workspaceId"] ?? BotpressDefaults.WorkspaceId, time, errors,
                prefix => prefix + Ulid.New(time, random));
            try
            {
                var plan = IntegrationRules.PlanCreate(context, body);
                plan.Integration.VerificationStatus = (string?)entry["verificationStatus"] ?? plan.Integration.VerificationStatus;
                plan.Integration.LifecycleStatus = (string?)entry["lifecycleStatus"] ?? plan.Integration.LifecycleStatus;
                IntegrationRules.Commit(context, plan, created: true);
            }
            catch (ApiException e)
            {
                throw Refused(file, path + ".integration", (string)e.Body["message"]!);
            }
        }

        foreach (var (entry, index) in Items(root, "bots"))
        {
            var bot = new Bot { Id = (string)entry["id"]!, WorkspaceId = (string?)entry["workspaceId"] ?? BotpressDefaults.WorkspaceId, Name = (string)entry["name"]! };
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
                    throw Refused(file, $"bots[{index}].installed.{alias}", (string)e.Body["message"]!);
                }
            }
            state.Bots[bot.Id] = bot;
        }
    }

    private static JToken Parse(string file)
    {
        try
        {
            using var reader = new JsonTextReader(File.OpenText(file)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            throw new InvalidDataException($"Fixture {file} is not valid JSON: {e.Message}");
        }
    }

    private static IEnumerable<(JsonObject Item, int Index)> Items(JsonObject root, string key) =>
        (root[key]?.AsArray() ?? []).Select((item, index) => (item!.AsObject(), index));

    private static void Check(string file, string prefix, IReadOnlyList<SchemaViolation> violations)
    {
        if (violations.Count > 0) throw Refused(file, prefix + violations[0].Path, violations[0].Reason);
    }

    private static InvalidDataException Refused(string file, string path, string reason) =>
        new($"Fixture {file} is refused at {path.TrimEnd('.')}: {reason}");
}
