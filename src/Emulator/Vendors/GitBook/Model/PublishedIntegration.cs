using System.Text.Json.Nodes;

namespace Emulator.Vendors.GitBook.Model;

/// <summary>
/// An integration published under its globally unique name: the current definition (GitBook keeps one,
/// with a version number that grows on every publish), its owner, and what is not returned (script, secrets).
/// </summary>
public sealed class PublishedIntegration
{
    public required string Name { get; init; }
    public required string OwnerId { get; init; }
    public required int Version { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public bool Verified { get; init; }

    /// <summary>title, description, summary, previewImages, visibility, target, scopes, categories, blocks,
    /// contentSources, externalLinks, configurations, contentSecurityPolicy — as published (defaults filled).</summary>
    public required JsonObject Definition { get; init; }

    public string Script { get; init; } = "";
    public string Runtime { get; init; } = "v1";
    public bool HasIcon { get; init; }
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public string Title => (string)Definition["title"]!;
    public string Description => (string?)Definition["description"] ?? "";
    public string Visibility => (string)Definition["visibility"]!;
    public string Target => (string)Definition["target"]!;
    public IEnumerable<string> Scopes => Definition["scopes"]!.AsArray().Select(s => (string)s!);
    public IEnumerable<string> Categories => Definition["categories"]!.AsArray().Select(s => (string)s!);
    public JsonArray Blocks => Definition["blocks"] as JsonArray ?? [];
    public JsonArray ContentSources => Definition["contentSources"] as JsonArray ?? [];

    public bool CanInstallOn(string target) => Target == "all" || Target == target;
}
