using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.Botpress.Model;
using Semver;

namespace Emulator.Vendors.Botpress;

/// <summary>
/// One Botpress tenant in a state snapshot, and back. The interface catalogue is not written (it is the
/// same for every tenant and comes from the template); the creation index and the per-name version lists
/// are rebuilt from the integrations.
/// <code>
/// {"lastSeq":42,
///  "workspaces":{"wkspace_1":{"handle":"emulator","name":"...","icons":{"&lt;name&gt;":{"svg":"...","url":"..."}}}},
///  "integrations":[{"id":"...","workspaceId":"...","name":"...","version":"1.0.0","seq":1,"createdAt":"...",...}],
///  "bots":{"bot_1":{"workspaceId":"...","name":"...","installed":{"alias":"intver_..."},"sandboxedConversations":{"intver_...":2}}},
///  "integrationApiKeys":{"iak_1":{"workspaceId":"...","integrationId":"...","note":"...","createdAt":"...","value":"bp_iak_..."}},
///  "shareableIds":[{"botId":"...","integrationId":"...","shareableId":"...","createdAt":"..."}],
///  "logs":{"intver_...":[{"timestamp":"...","level":"info","message":"...","workflowId":null,"userId":null,"conversationId":null}]}}
/// </code>
/// </summary>
public static class BotpressSnapshot
{
    public static JsonObject Write(BotpressState state)
    {
        lock (state.Gate)
        {
            return new JsonObject
            {
                ["lastSeq"] = state.LastSeq,
                ["workspaces"] = SnapshotWrite.Map(state.Workspaces, workspace => new JsonObject
                {
                    ["handle"] = workspace.Handle,
                    ["name"] = workspace.Name,
                    ["icons"] = SnapshotWrite.Map(workspace.Icons, icon => new JsonObject { ["svg"] = icon.Svg, ["url"] = icon.Url }),
                }),
                ["integrations"] = new JsonArray([.. state.All.Items.Select(WriteIntegration)]),
                ["bots"] = SnapshotWrite.Map(state.Bots, bot => new JsonObject
                {
                    ["workspaceId"] = bot.WorkspaceId,
                    ["name"] = bot.Name,
                    ["installed"] = SnapshotWrite.Map(bot.Installed),
                    ["sandboxedConversations"] = SnapshotWrite.Map(bot.SandboxedConversations, count => count),
                }),
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
    }

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

        foreach (var (id, bot) in tenant["bots"].Entries())
        {
            var conversations = bot["sandboxedConversations"];
            state.Bots[id] = new Bot
            {
                Id = id,
                WorkspaceId = bot["workspaceId"].String(),
                Name = bot["name"].String(),
                Installed = new(bot["installed"].StringMap(), StringComparer.Ordinal),
                SandboxedConversations = new(conversations.IsNull ? [] : conversations.Entries().Select(e => KeyValuePair.Create(e.Key, e.Value.Int())), StringComparer.Ordinal),
            };
        }

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
