using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.Vendors.Botpress.Model;

/// <summary>
/// A bot of one workspace (createBot, getBot, updateBot, deleteBot, listBots): what it declares (states, events,
/// actions, tags, configuration...) and the integration instances installed on it.
/// </summary>
internal sealed class Bot
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>A development bot (<c>bp dev</c>): runs at <see cref="Url"/> and may install dev integrations.</summary>
    public bool Dev { get; init; }

    /// <summary>Where the bot runs (dev bots: the tunnel URL <c>bp dev</c> sends). Not part of the Bot response.</summary>
    public string? Url { get; set; }

    public string? Code { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = Seeding.BotpressSeeder.Reference;
    public DateTimeOffset UpdatedAt { get; set; } = Seeding.BotpressSeeder.Reference;
    public DateTimeOffset? DeployedAt { get; set; }
    public string CreatedBy { get; init; } = BotpressDefaults.UserId;
    public string SigningSecret { get; set; } = "";
    public bool AlwaysAlive { get; set; }
    public bool Blocked { get; set; }
    public double? MaxExecutionTime { get; set; }
    public string? Authentication { get; set; }
    public List<string> Layers { get; set; } = [];
    public SortedDictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// configuration {data, schema}, user/conversation/message {tags}, states, events, recurringEvents, subscriptions
    /// {events}, actions and medias, already in the response's shape (<see cref="Defaults"/> when created).
    /// Never changed in place: an update stores new trees.
    /// </summary>
    public JsonObject Definition { get; set; } = Defaults();

    /// <summary>Installed integrations: instance alias → instance.</summary>
    public Dictionary<string, BotIntegrationInstance> Integrations { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Sandboxed conversations per installed integration version id.</summary>
    public Dictionary<string, int> SandboxedConversations { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Is this integration version installed on the bot (under any alias)?</summary>
    public bool HasInstalled(string integrationId) => Integrations.Values.Any(i => i.IntegrationId == integrationId);

    /// <summary>The definition of a bot that declares nothing.</summary>
    public static JsonObject Defaults() => new()
    {
        ["configuration"] = new JsonObject { ["data"] = new JsonObject(), ["schema"] = new JsonObject() },
        ["user"] = new JsonObject { ["tags"] = new JsonObject() },
        ["conversation"] = new JsonObject { ["tags"] = new JsonObject() },
        ["message"] = new JsonObject { ["tags"] = new JsonObject() },
        ["states"] = new JsonObject(),
        ["events"] = new JsonObject(),
        ["recurringEvents"] = new JsonObject(),
        ["subscriptions"] = new JsonObject { ["events"] = null },
        ["actions"] = new JsonObject(),
        ["medias"] = new JsonArray(),
    };

    public Bot Clone() => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        Name = Name,
        Description = Description,
        Dev = Dev,
        Url = Url,
        Code = Code,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        DeployedAt = DeployedAt,
        CreatedBy = CreatedBy,
        SigningSecret = SigningSecret,
        AlwaysAlive = AlwaysAlive,
        Blocked = Blocked,
        MaxExecutionTime = MaxExecutionTime,
        Authentication = Authentication,
        Layers = [.. Layers],
        Tags = new(Tags, StringComparer.Ordinal),
        Definition = (JsonObject)Definition.DeepClone(),
        // Instances are immutable records (an update stores a new one), so the copy may share them.
        Integrations = new(Integrations, StringComparer.Ordinal),
        SandboxedConversations = new(SandboxedConversations, StringComparer.Ordinal),
    };
}

/// <summary>
/// One integration installed on a bot (an entry of <c>bot.integrations</c>). Immutable: updateBot stores a new
/// record; <see cref="WebhookId"/> is minted when the instance is created and kept for its life.
/// </summary>
internal sealed record BotIntegrationInstance(
    string IntegrationId,
    string WebhookId,
    bool Enabled,
    JsonObject Configuration,
    string? ConfigurationType,
    IReadOnlyList<string> DisabledChannels,
    string Status = BotIntegrationInstance.Registered,
    string? StatusReason = null)
{
    public const string Registered = "registered";

    /// <summary>
    /// The URL the integration's webhook is reached at: this emulator, as the current request reached it
    /// (<c>&lt;scheme&gt;://&lt;host&gt;[pathBase]/botpress/webhooks/&lt;webhookId&gt;</c>). The route that serves it
    /// dispatches to the installed integration.
    /// </summary>
    public static string WebhookUrl(HttpRequest request, string webhookId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/botpress/webhooks/{Uri.EscapeDataString(webhookId)}";
}
