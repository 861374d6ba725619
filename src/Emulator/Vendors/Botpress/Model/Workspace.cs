using System.Security.Cryptography;
using System.Text;

namespace Emulator.Vendors.Botpress.Model;

/// <summary>A Botpress workspace of one tenant: its integrations (in creation order and by name) and their icons.</summary>
public sealed class Workspace
{
    public required string Id { get; init; }
    public string? Handle { get; init; }
    public required string Name { get; init; }
    public CreationIndex Integrations { get; init; } = new();

    /// <summary>The versions of each integration name (for the name+version uniqueness rule and lookups).</summary>
    public Dictionary<string, List<IntegrationVersion>> ByName { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Icons by integration name: Botpress keeps one icon per name, shared by its versions.</summary>
    public Dictionary<string, IntegrationIcon> Icons { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<IntegrationVersion> VersionsOf(string name) => ByName.TryGetValue(name, out var versions) ? versions : [];

    /// <summary>Sets the icon of every version of <paramref name="name"/>; their cached views now show another URL.</summary>
    public void SetIcon(string name, string svg)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..8];
        Icons[name] = new IntegrationIcon(svg, $"https://media.botpress.cloud/integrations/{Id}/{Uri.EscapeDataString(name)}/icon.svg?v={hash}");
        foreach (var version in VersionsOf(name)) version.InvalidateViews();
    }
}

/// <summary>An integration name's SVG icon and the URL its versions show as <c>iconUrl</c>.</summary>
public sealed record IntegrationIcon(string Svg, string Url);

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
