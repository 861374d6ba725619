using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>The JSON shapes of bots: the full <c>Bot</c> (getBot, createBot, updateBot) and the listBots item.</summary>
internal static class BotViews
{
    /// <summary>
    /// The <c>x-multiple-integrations</c> header: with it, <c>bot.integrations</c> is keyed by instance alias; without it
    /// (older clients, such as the 0.8 CLI) by integration version id.
    /// </summary>
    public static bool KeysByAlias(HttpRequest request) =>
        request.Headers.TryGetValue("x-multiple-integrations", out var value) && !string.Equals(value.ToString(), "false", StringComparison.OrdinalIgnoreCase);

    public static JsonObject Full(Bot bot, BotpressState state, HttpRequest request)
    {
        var d = bot.Definition;
        var json = new JsonObject
        {
            ["id"] = bot.Id,
            ["createdAt"] = BotpressViews.Iso(bot.CreatedAt),
            ["updatedAt"] = BotpressViews.Iso(bot.UpdatedAt),
            ["signingSecret"] = bot.SigningSecret,
            ["integrations"] = Integrations(bot, state, request),
            ["plugins"] = new JsonObject(),
        };
        if (bot.MaxExecutionTime is { } maxExecutionTime) json["maxExecutionTime"] = maxExecutionTime;
        foreach (var key in (string[])["user", "conversation", "message", "states", "configuration", "events", "recurringEvents", "subscriptions", "actions"])
            json[key] = d[key]!.DeepClone();
        json["tags"] = new JsonObject([.. bot.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
        json["name"] = bot.Name;
        if (bot.Description is not null) json["description"] = bot.Description;
        if (bot.DeployedAt is { } deployedAt) json["deployedAt"] = BotpressViews.Iso(deployedAt);
        json["dev"] = bot.Dev;
        json["createdBy"] = bot.CreatedBy;
        json["alwaysAlive"] = bot.AlwaysAlive;
        json["status"] = "active";
        json["medias"] = d["medias"]!.DeepClone();
        return json;
    }

    public static JsonObject ListItem(Bot bot)
    {
        var json = new JsonObject
        {
            ["id"] = bot.Id,
            ["createdAt"] = BotpressViews.Iso(bot.CreatedAt),
            ["updatedAt"] = BotpressViews.Iso(bot.UpdatedAt),
            ["name"] = bot.Name,
        };
        if (bot.DeployedAt is { } deployedAt) json["deployedAt"] = BotpressViews.Iso(deployedAt);
        json["tags"] = new JsonObject([.. bot.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
        return json;
    }

    // Keyed by integration id, two instances of one version would share a key: the first (by alias) is shown.
    private static JsonObject Integrations(Bot bot, BotpressState state, HttpRequest request)
    {
        var byAlias = KeysByAlias(request);
        var json = new JsonObject();
        foreach (var (alias, instance) in bot.Integrations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!state.Integrations.TryGetValue(instance.IntegrationId, out var integration)) continue;
            var key = byAlias ? alias : instance.IntegrationId;
            if (!json.ContainsKey(key)) json[key] = Instance(instance, integration, state, request);
        }
        return json;
    }

    private static JsonObject Instance(BotIntegrationInstance instance, IntegrationVersion integration, BotpressState state, HttpRequest request)
    {
        // The integration's icon, as its own views show it (one per name, kept by its workspace).
        var iconUrl = state.Workspaces.TryGetValue(integration.WorkspaceId, out var owner) && owner.Icons.TryGetValue(integration.Name, out var icon) ? icon.Url : "";
        return new JsonObject
        {
            ["enabled"] = instance.Enabled,
            ["name"] = integration.Name,
            ["version"] = integration.Version.ToString(),
            ["webhookUrl"] = BotIntegrationInstance.WebhookUrl(request, instance.WebhookId),
            ["webhookId"] = instance.WebhookId,
            ["configurationType"] = instance.ConfigurationType,
            ["configuration"] = instance.Configuration.DeepClone(),
            ["status"] = instance.Status,
            ["statusReason"] = instance.StatusReason,
            ["disabledChannels"] = new JsonArray([.. instance.DisabledChannels.Select(c => (JsonNode?)c)]),
            ["id"] = integration.Id,
            ["createdAt"] = BotpressViews.Iso(integration.CreatedAt),
            ["updatedAt"] = BotpressViews.Iso(integration.UpdatedAt),
            ["title"] = integration.Title,
            ["description"] = integration.Description,
            ["iconUrl"] = iconUrl,
            ["public"] = integration.Visibility == Visibilities.Public,
            ["visibility"] = integration.Visibility,
            ["verificationStatus"] = integration.VerificationStatus,
            ["lifecycleStatus"] = integration.LifecycleStatus,
        };
    }
}
