using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Vendors.GitBook.Model;

/// <summary>
/// An integration published under its globally unique name: the current definition (GitBook keeps one,
/// with a version number that grows on every publish), its owner, and what is not returned (script, secrets).
/// </summary>
internal sealed class PublishedIntegration
{
    public required string Name { get; init; }
    public required string OwnerId { get; init; }
    public required int Version { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>GitBook's verified badge; no API call changes it (the seeder and fixtures set it before publishing).</summary>
    public bool Verified { get; set; }

    /// <summary>title, description, summary, previewImages, visibility, target, scopes, categories, blocks,
    /// contentSources, externalLinks, configurations, contentSecurityPolicy — as published (defaults filled).</summary>
    public required JsonObject Definition { get; init; }

    public string Script { get; init; } = "";
    public string Runtime { get; init; } = "v1";
    public bool HasIcon { get; init; }
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    // Read from the (immutable) definition once: list filters touch these on every item.
    private string? _title, _description, _visibility, _target;
    private string[]? _scopes, _categories;

    public string Title => _title ??= (string)Definition["title"]!;
    public string Description => _description ??= (string?)Definition["description"] ?? "";
    public string Visibility => _visibility ??= (string)Definition["visibility"]!;
    public string Target => _target ??= (string)Definition["target"]!;
    public IReadOnlyList<string> Scopes => _scopes ??= [.. Definition["scopes"]!.AsArray().Select(s => (string)s!)];
    public IReadOnlyList<string> Categories => _categories ??= [.. Definition["categories"]!.AsArray().Select(s => (string)s!)];
    public JsonArray Blocks => Definition["blocks"] as JsonArray ?? [];
    public JsonArray ContentSources => Definition["contentSources"] as JsonArray ?? [];

    /// <summary>The Integration JSON as last written for an API base (the view embeds <c>urls.location</c>).</summary>
    internal RenderedIntegration? Rendered { get; set; }

    public bool CanInstallOn(string target) => Target == "all" || Target == target;
}

/// <summary>
/// Integration JSON written for one API base; swapped whole, so readers never see a torn pair. Unlike Core's
/// <see cref="IntegrationsApiEmulator.Core.CachedJson"/> it is not tied to a tenant version and needs no invalidation: what the JSON
/// shows never changes once published (a republish is a new <see cref="PublishedIntegration"/>; <c>Verified</c> is set
/// before publishing), nor does the owner organization it embeds (organizations are immutable records that no call
/// replaces); only the API base the client used (<c>urls.location</c>) differs, and it is the key. Being independent
/// of writes, it is shared by the template and every tenant cloned from it.
/// </summary>
internal sealed record RenderedIntegration(string ApiBase, byte[] Json);
