using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress.Model;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The domain rules of createBot and updateBot. Both build the bot as it would be after the call on a copy and
/// throw the error the call would raise before anything is stored; the handler then stores the copy.
/// Bodies are schema-checked already, so shapes are known; these rules check references and meaning.
/// </summary>
internal static class BotRules
{
    /// <summary>The bot as it will be, and the integration versions the write installs and uninstalls (see <see cref="Commit"/>).</summary>
    public sealed record Plan(Bot Bot, List<IntegrationVersion> Installed, List<string> Uninstalled);

    private static readonly string[] Maps = ["states", "events", "actions", "recurringEvents"];
    private static readonly string[] TaggedObjects = ["user", "conversation", "message"];

    /// <summary>A new bot of the context's workspace from a createBot body.</summary>
    public static Plan Create(RuleContext context, JsonObject body)
    {
        var id = context.NewId("bot_");
        var bot = new Bot
        {
            Id = id,
            WorkspaceId = context.WorkspaceId,
            // "if not provided will be auto-generated" (createBot): a name derived from the id.
            Name = (string?)body["name"] ?? "bot-" + id[^8..].ToLowerInvariant(),
            Dev = body["dev"]?.GetValue<bool>() ?? false,
            CreatedAt = context.Now,
            UpdatedAt = context.Now,
            SigningSecret = IntegrationRules.NewSigningSecret(),
        };
        return Apply(context, bot, body);
    }

    /// <summary>A copy of <paramref name="current"/> with an updateBot body applied (the caller stores it in its place).</summary>
    public static Plan Update(RuleContext context, Bot current, JsonObject body)
    {
        var bot = current.Clone();
        bot.UpdatedAt = context.Now;
        // A deploy (`bp deploy`) sends the bot's code.
        if (body.ContainsKey("code")) bot.DeployedAt = context.Now;
        return Apply(context, bot, body);
    }

    /// <summary>Stores the planned bot and updates what its installs touch: install counts, shareable ids of what it uninstalled.</summary>
    public static void Commit(BotpressState state, Plan plan)
    {
        state.Bots[plan.Bot.Id] = plan.Bot;
        foreach (var integration in plan.Installed) integration.Installs++;
        foreach (var integrationId in plan.Uninstalled)
        {
            if (!plan.Bot.HasInstalled(integrationId)) state.ShareableIds.Remove((plan.Bot.Id, integrationId));
        }
    }

    private static Plan Apply(RuleContext context, Bot bot, JsonObject body)
    {
        var plan = new Plan(bot, [], []);
        if (body["name"] is { } name) bot.Name = (string)name!;
        if (body.ContainsKey("description")) bot.Description = (string?)body["description"];
        if (body.ContainsKey("url")) bot.Url = (string?)body["url"];
        if (body.ContainsKey("code")) bot.Code = (string?)body["code"];
        if (body["alwaysAlive"] is { } alwaysAlive) bot.AlwaysAlive = alwaysAlive.GetValue<bool>();
        if (body["blocked"] is { } blocked) bot.Blocked = blocked.GetValue<bool>();
        if (body["maxExecutionTime"] is { } maxExecutionTime) bot.MaxExecutionTime = maxExecutionTime.GetValue<double>();
        if (body["authentication"] is { } authentication) bot.Authentication = (string)authentication!;
        if (body["layers"] is JsonArray layers) bot.Layers = [.. layers.Select(l => (string)l!)];
        // Tags merge into the bot's (the schema allows no null, so a tag is never removed by an update).
        foreach (var (key, value) in body["tags"]?.AsObject() ?? []) bot.Tags[key] = (string)value!;

        var definition = (JsonObject)bot.Definition.DeepClone();
        // Named definitions merge: an object adds or replaces, null removes (updateBot: "null removes a key").
        foreach (var map in Maps)
        {
            if (body[map] is not JsonObject changes) continue;
            var target = definition[map]!.AsObject();
            foreach (var (key, value) in changes)
            {
                if (value is null) target.Remove(key);
                else target[key] = map == "recurringEvents" ? RecurringEvent(value.AsObject(), target[key]) : WithAttributes(value.AsObject(), target[key]);
            }
        }
        foreach (var tagged in TaggedObjects)
        {
            if (body[tagged]?["tags"] is not JsonObject changes) continue;
            var target = definition[tagged]!["tags"]!.AsObject();
            foreach (var (key, value) in changes)
            {
                if (value is null) target.Remove(key);
                else target[key] = value.DeepClone();
            }
        }
        if (body["configuration"] is JsonObject configuration)
        {
            foreach (var part in (string[])["data", "schema"])
            {
                if (configuration[part] is { } value) definition["configuration"]![part] = value.DeepClone();
            }
        }
        if (body["subscriptions"] is JsonObject subscriptions)
        {
            // events: null = subscribed to every event; an object adds (or with null removes) subscriptions.
            if (subscriptions["events"] is not JsonObject events) definition["subscriptions"]!["events"] = null;
            else
            {
                var target = definition["subscriptions"]!["events"] as JsonObject ?? [];
                foreach (var (key, value) in events)
                {
                    if (value is null) target.Remove(key);
                    else target[key] = new JsonObject();
                }
                definition["subscriptions"]!["events"] = target;
            }
        }
        if (body["medias"] is JsonArray medias) definition["medias"] = medias.DeepClone();
        bot.Definition = definition;

        if (body["integrations"] is JsonObject integrations) Install(context, plan, integrations);
        if (body["plugins"] is JsonObject plugins)
        {
            // No plugin exists in the emulator: installing one names an unknown plugin; uninstalling (null) is a no-op.
            foreach (var (alias, plugin) in plugins)
            {
                if (plugin is not null)
                    throw context.Errors.ReferenceNotFound($"plugins.{alias}.id: no plugin has the id \"{(string?)plugin["id"]}\" (the emulator has no plugins)");
            }
        }
        return plan;
    }

    private static JsonObject RecurringEvent(JsonObject value, JsonNode? current)
    {
        var copy = (JsonObject)value.DeepClone();
        copy["failedAttempts"] = current?["failedAttempts"]?.DeepClone() ?? 0;
        copy["lastFailureReason"] = current?["lastFailureReason"]?.DeepClone();
        return copy;
    }

    // Event and action attributes merge into the current ones: "Set attributes to null to remove them" (updateBot).
    private static JsonObject WithAttributes(JsonObject value, JsonNode? current)
    {
        var copy = (JsonObject)value.DeepClone();
        var attributes = current?["attributes"]?.DeepClone() as JsonObject ?? [];
        foreach (var (key, attribute) in copy["attributes"] as JsonObject ?? [])
        {
            if (attribute is null) attributes.Remove(key);
            else attributes[key] = attribute.DeepClone();
        }
        if (attributes.Count > 0) copy["attributes"] = attributes;
        else copy.Remove("attributes");
        return copy;
    }

    /// <summary>
    /// updateBot's <c>integrations</c>: removals (null) first, then installs and updates. With <c>integrationId</c> the
    /// key is the instance alias; without it the key is an existing alias or an integration version id, as older clients
    /// (the 0.8 CLI) send it: that version's instance is updated, or a new one is installed under the integration's name.
    /// </summary>
    private static void Install(RuleContext context, Plan plan, JsonObject integrations)
    {
        var bot = plan.Bot;
        foreach (var (key, value) in integrations)
        {
            if (value is not null) continue;
            if (bot.Integrations.Remove(key, out var removed)) Forget(plan, removed.IntegrationId);
            else
            {
                foreach (var alias in bot.Integrations.Where(p => p.Value.IntegrationId == key).Select(p => p.Key).ToList())
                {
                    bot.Integrations.Remove(alias);
                    Forget(plan, key);
                }
            }
        }
        foreach (var (key, value) in integrations)
        {
            if (value is not JsonObject entry) continue;
            var path = $"integrations.{key}";
            string alias;
            string integrationId;
            if ((string?)entry["integrationId"] is { } explicitId)
            {
                (alias, integrationId) = (key, explicitId);
                path += ".integrationId";
            }
            else if (bot.Integrations.TryGetValue(key, out var byAlias)) (alias, integrationId) = (key, byAlias.IntegrationId);
            else
            {
                integrationId = key;
                alias = bot.Integrations.FirstOrDefault(p => p.Value.IntegrationId == key).Key ?? AliasFor(context, bot, key, path);
            }

            var integration = Installable(context, bot, integrationId, path);
            bot.Integrations.TryGetValue(alias, out var current);
            var switching = current?.IntegrationId != integrationId;
            if (switching && integration.LifecycleStatus == "deprecated")
                throw context.Errors.InvalidPayload($"{path}: integration \"{integration.Name}\" version \"{integration.Version}\" is deprecated and can no longer be installed");

            var configurationType = entry.ContainsKey("configurationType") ? (string?)entry["configurationType"] : current?.ConfigurationType;
            if (configurationType is not null && integration.Definition["configurations"]?[configurationType] is null)
                throw context.Errors.InvalidPayload($"integrations.{key}.configurationType: integration \"{integration.Name}\" has no configuration type \"{configurationType}\"");
            var disabledChannels = entry["disabledChannels"] is JsonArray channels
                ? [.. channels.Select(c => (string)c!).Distinct()]
                : current?.DisabledChannels ?? [];
            foreach (var channel in disabledChannels)
            {
                if (integration.Definition["channels"]?[channel] is null)
                    throw context.Errors.InvalidPayload($"integrations.{key}.disabledChannels: integration \"{integration.Name}\" has no channel \"{channel}\"");
            }

            bot.Integrations[alias] = new BotIntegrationInstance(
                integrationId,
                current?.WebhookId ?? NewWebhookId(context),
                entry["enabled"]?.GetValue<bool>() ?? current?.Enabled ?? true,
                entry["configuration"] is JsonObject configuration ? (JsonObject)configuration.DeepClone() : current?.Configuration ?? [],
                configurationType,
                disabledChannels)
            {
                // The same integration keeps its registration outcome (IntegrationRegistration re-registers it if needed).
                Status = switching ? BotIntegrationInstance.Registered : current!.Status,
                StatusReason = switching ? null : current!.StatusReason,
            };
            if (switching)
            {
                if (current is not null) Forget(plan, current.IntegrationId);
                plan.Installed.Add(integration);
            }
        }
    }

    /// <summary>
    /// The integration version a bot may install: its workspace's own or a public/unlisted one. A dev version too, on
    /// any bot of its workspace: that is how its developer tries it (Botpress lists dev integrations in the workspace).
    /// </summary>
    private static IntegrationVersion Installable(RuleContext context, Bot bot, string integrationId, string path)
    {
        if (!context.State.Integrations.TryGetValue(integrationId, out var integration) || !(integration.WorkspaceId == bot.WorkspaceId || integration.IsPubliclyReadable))
            throw context.Errors.ReferenceNotFound($"{path}: Integration \"{integrationId}\" not found in workspace \"{bot.WorkspaceId}\" or the hub");
        return integration;
    }

    // A new instance keyed by integration id: its alias is the integration's name (an instance of another version of the
    // same integration is upgraded in place, as with one instance per integration), or the name with a number if another
    // integration holds it.
    private static string AliasFor(RuleContext context, Bot bot, string integrationId, string path)
    {
        var name = context.State.Integrations.TryGetValue(integrationId, out var integration)
            ? integration.Name
            : throw context.Errors.ReferenceNotFound($"{path}: Integration \"{integrationId}\" not found (the key is neither an instance alias of the bot nor an integration id)");
        var alias = name;
        for (var n = 2; bot.Integrations.TryGetValue(alias, out var taken) && context.State.Integrations.GetValueOrDefault(taken.IntegrationId)?.Name != name; n++)
            alias = $"{name}-{n}";
        return alias;
    }

    /// <summary>An uninstalled integration version leaves nothing behind: its sandboxed conversations now, its shareable id at commit.</summary>
    private static void Forget(Plan plan, string integrationId)
    {
        if (plan.Bot.HasInstalled(integrationId)) return;
        plan.Bot.SandboxedConversations.Remove(integrationId);
        plan.Uninstalled.Add(integrationId);
    }

    /// <summary>Removes a deleted bot's traces from the tenant.</summary>
    public static void Delete(BotpressState state, Bot bot)
    {
        state.Bots.Remove(bot.Id);
        foreach (var pair in state.ShareableIds.Keys.Where(k => k.BotId == bot.Id).ToList()) state.ShareableIds.Remove(pair);
    }

    private static string NewWebhookId(RuleContext context) => Guid.CreateVersion7(context.Now).ToString();
}
