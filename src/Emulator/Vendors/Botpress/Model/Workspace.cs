namespace Emulator.Vendors.Botpress.Model;

/// <summary>A Botpress workspace of one tenant: its integrations (in creation order) and their icons (per name).</summary>
public sealed class Workspace
{
    public required string Id { get; init; }
    public string? Handle { get; init; }
    public required string Name { get; init; }
    public CreationIndex Integrations { get; init; } = new();

    /// <summary>SVG icons by integration name: Botpress keeps one icon per name, shared by its versions.</summary>
    public Dictionary<string, string> Icons { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>A bot, for the routes keyed by (bot, installed integration).</summary>
public sealed class Bot
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    public required string Name { get; init; }

    /// <summary>Installed integrations: instance alias → integration version id.</summary>
    public Dictionary<string, string> Installed { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Sandboxed conversations per installed integration version id.</summary>
    public Dictionary<string, int> SandboxedConversations { get; init; } = new(StringComparer.Ordinal);

    public Bot Clone() => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        Name = Name,
        Installed = new(Installed, StringComparer.Ordinal),
        SandboxedConversations = new(SandboxedConversations, StringComparer.Ordinal),
    };
}

/// <summary>An integration API key (IAK); its value is shown once, when it is created.</summary>
public sealed record IntegrationApiKey(string Id, string WorkspaceId, string IntegrationId, string Note, DateTimeOffset CreatedAt, string Value);

/// <summary>The shareable id of a (bot, integration version) pair, used by the channel sandbox.</summary>
public sealed record ShareableLink(string ShareableId, DateTimeOffset CreatedAt);

/// <summary>One line of an integration's logs.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string Level, string Message, string? WorkflowId = null, string? UserId = null, string? ConversationId = null);

/// <summary>An interface integrations implement (catalogue entry; the same for every tenant).</summary>
public sealed record InterfaceDefinition(string Id, string Name, string Version, string[] Entities, string[] Actions, string[] Events, string[] Channels);
