using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>The filters of listIntegrations / listOrganizationIntegrations (query already schema-validated).</summary>
internal sealed record IntegrationFilter(string? Search, string? Category, string? BlockDomain, bool? Blocks, bool? ContentSources, string? Owner, string? Scope, string? Target)
{
    public static IntegrationFilter From(JObject query) => new(
        (string?)query["search"], (string?)query["category"], (string?)query["blockDomain"], query["blocks"]?.Value<bool>(),
        query["contentSources"]?.Value<bool>(), (string?)query["owner"], (string?)query["scope"], (string?)query["target"]);

    public bool IsEmpty => this == new IntegrationFilter(null, null, null, null, null, null, null, null);

    public bool Admits(PublishedIntegration i) =>
        (Search is null || Matches(i, Search))
        && (Category is null || i.Categories.Contains(Category))
        && (BlockDomain is null || i.Blocks.Any(b => (b?["urlUnfurl"] as System.Text.Json.Nodes.JsonArray)?.Any(u => UnfurlsDomain((string?)u, BlockDomain)) == true))
        && (Blocks is null || (i.Blocks.Count > 0) == Blocks)
        && (ContentSources is null || (i.ContentSources.Count > 0) == ContentSources)
        && (Owner is null || i.OwnerId == Owner)
        && (Scope is null || i.Scopes.Contains(Scope))
        && (Target is null || (Target == "all" ? i.Target == "all" : i.CanInstallOn(Target)));

    /// <summary>Case-insensitive substring of the name, title or description.</summary>
    public static bool Matches(PublishedIntegration i, string search) =>
        i.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || i.Title.Contains(search, StringComparison.OrdinalIgnoreCase)
        || i.Description.Contains(search, StringComparison.OrdinalIgnoreCase);

    // urlUnfurl entries are URL patterns ("https://www.figma.com/file/**"); a block domain matches its host or a parent.
    private static bool UnfurlsDomain(string? pattern, string domain)
    {
        if (pattern is null) return false;
        var host = Uri.TryCreate(pattern.Replace("*", "x"), UriKind.Absolute, out var uri) ? uri.Host : pattern;
        return host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }
}
