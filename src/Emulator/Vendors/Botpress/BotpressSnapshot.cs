using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// One Botpress tenant in a state snapshot, and back. The interface catalogue is not written (it is the
/// same for every tenant and comes from the template); the creation index and the per-name version lists
/// are rebuilt from the integrations.
/// <code>
/// {"lastSeq":42,
///  "workspaces":{"wkspace_1":{"handle":"emulator","name":"...","ownerId":"user_...","createdAt":"...","updatedAt":"...",
///    "billingVersion":"v4","plan":"community","blocked":false,"spendingLimit":100,"about":"","profilePicture":"","contactEmail":"",
///    "website":"","socialAccounts":[],"isPublic":false,"icons":{"&lt;name&gt;":{"svg":"...","url":"..."}}}},
///  "integrations":[{"id":"...","workspaceId":"...","name":"...","version":"1.0.0","seq":1,"createdAt":"...",...}],
///  "bots":{"bot_1":{"workspaceId":"...","name":"...","description":null,"dev":false,"url":null,"code":null,"createdAt":"...",
///    "updatedAt":"...","deployedAt":null,"createdBy":"user_...","signingSecret":"bpss_...","alwaysAlive":false,"blocked":false,
///    "maxExecutionTime":null,"authentication":null,"layers":[],"tags":{},"definition":{"states":{},...},
///    "integrations":{"alias":{"integrationId":"intver_...","webhookId":"...","enabled":true,"configuration":{},
///      "configurationType":null,"disabledChannels":[],"status":"registered","statusReason":null}},
///    "sandboxedConversations":{"intver_...":2}}},
///  "integrationApiKeys":{"iak_1":{"workspaceId":"...","integrationId":"...","note":"...","createdAt":"...","value":"bp_iak_..."}},
///  "shareableIds":[{"botId":"...","integrationId":"...","shareableId":"...","createdAt":"..."}],
///  "logs":{"intver_...":[{"timestamp":"...","level":"info","message":"...","workflowId":null,"userId":null,"conversationId":null}]}}
/// </code>
/// </summary>
internal static class BotpressSnapshot
{
    public static JsonObject Write(BotpressState state)
    {
        return new JsonObject
        {
            ["lastSeq"] = state.LastSeq,
            ["workspaces"] = SnapshotWrite.Map(state.Workspaces, workspace => new JsonObject
            {
                ["handle"] = workspace.Handle,
                ["name"] = workspace.Name,
                ["ownerId"] = workspace.OwnerId,
                ["createdAt"] = SnapshotWrite.Time(workspace.CreatedAt),
                ["updatedAt"] = SnapshotWrite.Time(workspace.UpdatedAt),
                ["billingVersion"] = workspace.BillingVersion,
                ["plan"] = workspace.Plan,
                ["blocked"] = workspace.Blocked,
                ["spendingLimit"] = workspace.SpendingLimit,
                ["about"] = workspace.About,
                ["profilePicture"] = workspace.ProfilePicture,
                ["contactEmail"] = workspace.ContactEmail,
                ["website"] = workspace.Website,
                ["socialAccounts"] = SnapshotWrite.Strings(workspace.SocialAccounts),
                ["isPublic"] = workspace.IsPublic,
                ["icons"] = SnapshotWrite.Map(workspace.Icons, icon => new JsonObject { ["svg"] = icon.Svg, ["url"] = icon.Url }),
            }),
            ["integrations"] = new JsonArray([.. state.All.Items.Select(WriteIntegration)]),
            ["bots"] = SnapshotWrite.Map(state.Bots, WriteBot),
            ["integrationApiKeys"] = SnapshotWrite.Map(state.ApiKeys, key => new JsonObject
            {
                ["workspaceId"] = key.WorkspaceId,
                ["integrationId"] = key.IntegrationId,
                ["note"] = key.Note,
                ["createdAt"] = SnapshotWrite.Time(key.CreatedAt),
                ["value"] = key.Value,
            }),
            ["shareableIds"] = new JsonArray([.. state.ShareableIds.Select(pair => (JsonNode)new JsonObject
            {
                ["botId"] = pair.Key.BotId,
                ["integrationId"] = pair.Key.IntegrationId,
                ["shareableId"] = pair.Value.ShareableId,
                ["createdAt"] = SnapshotWrite.Time(pair.Value.CreatedAt),
            })]),
            ["logs"] = SnapshotWrite.Map(state.Logs, lines => new JsonArray([.. lines.Select(line => (JsonNode)new JsonObject
            {
                ["timestamp"] = SnapshotWrite.Time(line.Timestamp),
                ["level"] = line.Level,
                ["message"] = line.Message,
                ["workflowId"] = line.WorkflowId,
                ["userId"] = line.UserId,
                ["conversationId"] = line.ConversationId,
            })])),
        };
    }

    private static JsonObject WriteBot(Bot bot) => new()
    {
        ["workspaceId"] = bot.WorkspaceId,
        ["name"] = bot.Name,
        ["description"] = bot.Description,
        ["dev"] = bot.Dev,
        ["url"] = bot.Url,
        ["code"] = bot.Code,
        ["createdAt"] = SnapshotWrite.Time(bot.CreatedAt),
        ["updatedAt"] = SnapshotWrite.Time(bot.UpdatedAt),
        ["deployedAt"] = SnapshotWrite.Time(bot.DeployedAt),
        ["createdBy"] = bot.CreatedBy,
        ["signingSecret"] = bot.SigningSecret,
        ["alwaysAlive"] = bot.AlwaysAlive,
        ["blocked"] = bot.Blocked,
        ["maxExecutionTime"] = bot.MaxExecutionTime,
        ["authentication"] = bot.Authentication,
        ["layers"] = SnapshotWrite.Strings(bot.Layers),
        ["tags"] = SnapshotWrite.Map(bot.Tags),
        ["definition"] = SnapshotWrite.Copy(bot.Definition),
        ["integrations"] = SnapshotWrite.Map(bot.Integrations, instance => new JsonObject
        {
            ["integrationId"] = instance.IntegrationId,
            ["webhookId"] = instance.WebhookId,
            ["enabled"] = instance.Enabled,
            ["configuration"] = SnapshotWrite.Copy(instance.Configuration),
            ["configurationType"] = instance.ConfigurationType,
            ["disabledChannels"] = SnapshotWrite.Strings(instance.DisabledChannels),
            ["status"] = instance.Status,
            ["statusReason"] = instance.StatusReason,
        }),
        ["sandboxedConversations"] = SnapshotWrite.Map(bot.SandboxedConversations, count => count),
    };

    private static JsonNode WriteIntegration(IntegrationVersion i) => new JsonObject
    {
        ["id"] = i.Id,
        ["workspaceId"] = i.WorkspaceId,
        ["name"] = i.Name,
        ["version"] = i.Version.ToString(),
        ["seq"] = i.Seq,
        ["createdAt"] = SnapshotWrite.Time(i.CreatedAt),
        ["updatedAt"] = SnapshotWrite.Time(i.UpdatedAt),
        ["dev"] = i.Dev,
        ["title"] = i.Title,
        ["description"] = i.Description,
        ["url"] = i.Url,
        ["visibility"] = i.Visibility,
        ["verificationStatus"] = i.VerificationStatus,
        ["lifecycleStatus"] = i.LifecycleStatus,
        ["readme"] = i.Readme,
        ["code"] = i.Code,
        ["sdkVersion"] = i.SdkVersion,
        ["definition"] = SnapshotWrite.Copy(i.Definition),
        ["extras"] = SnapshotWrite.Copy(i.Extras),
        ["secrets"] = SnapshotWrite.Map(i.Secrets),
        ["signingSecrets"] = SnapshotWrite.Strings(i.SigningSecrets),
        ["installs"] = i.Installs,
        ["views"] = i.Views,
    };

    /// <summary>Builds a tenant from its snapshot; the interface catalogue is the template's.</summary>
    public static BotpressState Read(SnapshotReader tenant, BotpressState template)
    {
        var state = new BotpressState { Interfaces = template.Interfaces, LastSeq = tenant["lastSeq"].Long() };
        foreach (var (id, workspace) in tenant["workspaces"].Entries())
        {
            var icons = workspace["icons"];
            state.Workspaces[id] = new Workspace
            {
                Id = id,
                Handle = workspace["handle"].StringOrNull(),
                Name = workspace["name"].String(),
                // Account fields are optional: snapshots from before they existed hold none (the defaults apply).
                OwnerId = Optional(workspace["ownerId"], r => r.String(), BotpressDefaults.UserId),
                CreatedAt = Optional(workspace["createdAt"], r => r.Time(), Seeding.BotpressSeeder.Reference),
                UpdatedAt = Optional(workspace["updatedAt"], r => r.Time(), Seeding.BotpressSeeder.Reference),
                BillingVersion = Optional(workspace["billingVersion"], r => r.OneOf("v1", "v2", "v3", "v4"), "v4"),
                Plan = Optional(workspace["plan"], r => r.OneOf("community", "team", "enterprise", "plus"), "community"),
                Blocked = Optional(workspace["blocked"], r => r.Bool(), false),
                SpendingLimit = Optional(workspace["spendingLimit"], r => r.Double(), 100),
                About = Optional(workspace["about"], r => r.String(), ""),
                ProfilePicture = Optional(workspace["profilePicture"], r => r.String(), ""),
                ContactEmail = Optional(workspace["contactEmail"], r => r.String(), ""),
                Website = Optional(workspace["website"], r => r.String(), ""),
                SocialAccounts = Optional(workspace["socialAccounts"], r => r.Strings(), []),
                IsPublic = Optional(workspace["isPublic"], r => r.Bool(), false),
                Icons = new(icons.IsNull ? [] : icons.Entries().Select(e =>
                    KeyValuePair.Create(e.Key, new IntegrationIcon(e.Value["svg"].String(), e.Value["url"].String()))), StringComparer.Ordinal),
            };
        }

        foreach (var integration in tenant["integrations"].List(ReadIntegration))
        {
            if (state.Integrations.ContainsKey(integration.Id)) throw tenant["integrations"].Error($"integration id \"{integration.Id}\" appears twice");
            if (!state.Workspaces.ContainsKey(integration.WorkspaceId))
                throw tenant["integrations"].Error($"integration \"{integration.Id}\" names workspace \"{integration.WorkspaceId}\", which is not in workspaces");
            state.Add(integration);
        }

        foreach (var (id, bot) in tenant["bots"].Entries()) state.Bots[id] = ReadBot(id, bot, state);

        foreach (var (id, key) in tenant["integrationApiKeys"].Entries())
        {
            state.ApiKeys[id] = new IntegrationApiKey(id, key["workspaceId"].String(), key["integrationId"].String(), key["note"].String(),
                key["createdAt"].Time(), key["value"].String());
        }

        foreach (var link in tenant["shareableIds"].List(link => link))
        {
            var pair = (link["botId"].String(), link["integrationId"].String());
            if (!state.ShareableIds.TryAdd(pair, new ShareableLink(link["shareableId"].String(), link["createdAt"].Time())))
                throw link.Error($"a second shareable id for bot \"{pair.Item1}\" and integration \"{pair.Item2}\"");
        }

        foreach (var (integrationId, lines) in tenant["logs"].Entries())
        {
            state.Logs[integrationId] = lines.List(line => new LogLine(
                line["timestamp"].Time(), line["level"].String(), line["message"].String(),
                line["workflowId"].StringOrNull(), line["userId"].StringOrNull(), line["conversationId"].StringOrNull()));
        }
        return state;
    }

    private static Bot ReadBot(string id, SnapshotReader bot, BotpressState state)
    {
        var conversations = bot["sandboxedConversations"];
        var workspaceId = bot["workspaceId"].String();
        if (!state.Workspaces.ContainsKey(workspaceId)) throw bot["workspaceId"].Error($"bot \"{id}\" names workspace \"{workspaceId}\", which is not in workspaces");
        // Everything but the workspace and name is optional: snapshots from before bots were entities hold only those and
        // "installed" (alias → integration id).
        var read = new Bot
        {
            Id = id,
            WorkspaceId = workspaceId,
            Name = bot["name"].String(),
            Description = bot["description"].StringOrNull(),
            Dev = Optional(bot["dev"], r => r.Bool(), false),
            Url = bot["url"].StringOrNull(),
            Code = bot["code"].StringOrNull(),
            CreatedAt = Optional(bot["createdAt"], r => r.Time(), Seeding.BotpressSeeder.Reference),
            UpdatedAt = Optional(bot["updatedAt"], r => r.Time(), Seeding.BotpressSeeder.Reference),
            DeployedAt = bot["deployedAt"].TimeOrNull(),
            CreatedBy = Optional(bot["createdBy"], r => r.String(), BotpressDefaults.UserId),
            SigningSecret = Optional(bot["signingSecret"], r => r.String(), "bpss_" + id),
            AlwaysAlive = Optional(bot["alwaysAlive"], r => r.Bool(), false),
            Blocked = Optional(bot["blocked"], r => r.Bool(), false),
            MaxExecutionTime = bot["maxExecutionTime"].IsNull ? null : bot["maxExecutionTime"].Double(),
            Authentication = bot["authentication"].StringOrNull(),
            Layers = Optional(bot["layers"], r => r.Strings(), []),
            Tags = new(Optional(bot["tags"], r => r.StringMap(), []).ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
            Definition = Optional(bot["definition"], r => r.Json(), Bot.Defaults()),
            SandboxedConversations = new(conversations.IsNull ? [] : conversations.Entries().Select(e => KeyValuePair.Create(e.Key, e.Value.Int())), StringComparer.Ordinal),
        };
        if (bot["integrations"].IsNull && !bot["installed"].IsNull)
        {
            foreach (var (alias, integrationId) in bot["installed"].StringMap())
            {
                if (!state.Integrations.ContainsKey(integrationId)) throw bot["installed"][alias].Error($"integration \"{integrationId}\" is not in integrations");
                var webhookId = new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(id + "/" + alias))).ToString();
                read.Integrations[alias] = new BotIntegrationInstance(integrationId, webhookId, true, [], null, []);
            }
            return read;
        }
        foreach (var (alias, instance) in bot["integrations"].Entries())
        {
            var integrationId = instance["integrationId"].String();
            if (!state.Integrations.ContainsKey(integrationId))
                throw instance["integrationId"].Error($"integration \"{integrationId}\" is not in integrations");
            read.Integrations[alias] = new BotIntegrationInstance(
                integrationId,
                instance["webhookId"].String(),
                instance["enabled"].Bool(),
                instance["configuration"].Json(),
                instance["configurationType"].StringOrNull(),
                instance["disabledChannels"].Strings(),
                instance["status"].String(),
                instance["statusReason"].StringOrNull());
        }
        return read;
    }

    private static T Optional<T>(SnapshotReader reader, Func<SnapshotReader, T> read, T absent) => reader.IsNull ? absent : read(reader);

    private static IntegrationVersion ReadIntegration(SnapshotReader i)
    {
        var versionText = i["version"].String();
        if (!SemVersion.TryParse(versionText, SemVersionStyles.Strict, out var version))
            throw i["version"].Error($"\"{versionText}\" is not a semantic version");
        return new IntegrationVersion
        {
            Id = i["id"].String(),
            WorkspaceId = i["workspaceId"].String(),
            Name = i["name"].String(),
            Version = version,
            Seq = i["seq"].Long(),
            CreatedAt = i["createdAt"].Time(),
            UpdatedAt = i["updatedAt"].Time(),
            Dev = i["dev"].Bool(),
            Title = i["title"].String(),
            Description = i["description"].String(),
            Url = i["url"].String(),
            Visibility = i["visibility"].OneOf(Visibilities.Public, Visibilities.Private, Visibilities.Unlisted),
            VerificationStatus = i["verificationStatus"].String(),
            LifecycleStatus = i["lifecycleStatus"].String(),
            Readme = i["readme"].StringOrNull(),
            Code = i["code"].StringOrNull(),
            SdkVersion = i["sdkVersion"].StringOrNull(),
            Definition = i["definition"].Json(),
            Extras = i["extras"].Json(),
            Secrets = new(i["secrets"].StringMap().ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
            SigningSecrets = i["signingSecrets"].Strings(),
            Installs = i["installs"].Long(),
            Views = i["views"].Long(),
        };
    }
}
