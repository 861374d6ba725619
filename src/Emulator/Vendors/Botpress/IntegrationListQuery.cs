using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Newtonsoft.Json.Linq;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>The query of listIntegrations / listPublicIntegrations, after schema validation.</summary>
internal sealed record IntegrationListQuery(
    string? NextToken,
    int Limit,
    string? Name,
    string? Version,
    string? InterfaceId,
    string? InterfaceName,
    string? InstalledByBotId,
    string? VerificationStatus,
    string? Search,
    string SortBy,
    string Direction,
    string? Visibility,
    bool Dev)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IntegrationListQuery From(JObject query, bool hub, BotpressErrors errors)
    {
        var limit = DefaultLimit;
        if (query["limit"] is { } rawLimit)
        {
            if (rawLimit.Type != JTokenType.Integer || rawLimit.Value<long>() < 1)
                throw errors.InvalidQueryParameter($"limit: must be a whole number of at least 1, not {rawLimit}");
            // The spec sets no maximum; like the real API, larger pages are capped rather than refused.
            limit = (int)Math.Min(rawLimit.Value<long>(), MaxLimit);
        }
        var version = Text(query, "version");
        if (version is not null && version != "latest" && !SemVersion.TryParse(version, SemVersionStyles.Strict, out _))
            throw errors.InvalidQueryParameter($"version: must be a semver version or \"latest\", not \"{version}\"");
        return new IntegrationListQuery(
            Text(query, "nextToken"), limit, Text(query, "name"), version, Text(query, "interfaceId"),
            Text(query, "interfaceName"), Text(query, "installedByBotId"), Text(query, "verificationStatus"),
            Text(query, "search") is { Length: > 0 } search ? search : null,
            Text(query, "sortBy") ?? (hub ? "popularity" : "createdAt"),
            Text(query, "direction") ?? (hub ? "desc" : "asc"),
            hub ? null : Text(query, "visibility"),
            !hub && query["dev"]?.Value<bool>() == true);
    }

    /// <summary>Everything that selects and orders the list: a page token is only valid for the same signature.</summary>
    public string Signature => string.Join('\u001f', Name, Version, InterfaceId, InterfaceName, InstalledByBotId,
        VerificationStatus, Search, SortBy, Direction, Visibility, Dev);

    /// <summary>Does this version pass the filters (all but <c>version=latest</c>, which needs the whole set)?</summary>
    public bool Admits(IntegrationVersion i, BotpressState state, Bot? installedBy)
    {
        if (Name is not null && i.Name != Name) return false;
        if (Version is not null && Version != "latest" && i.Version.ToString() != Version) return false;
        if (VerificationStatus is not null && i.VerificationStatus != VerificationStatus) return false;
        if (Visibility is not null && i.Visibility != Visibility) return false;
        if (installedBy is not null && !installedBy.HasInstalled(i.Id)) return false;
        if (InterfaceId is not null || InterfaceName is not null)
        {
            var implemented = i.Definition["interfaces"]!.AsObject().Select(p => p.Value!);
            if (!implemented.Any(x => (InterfaceId is null || (string?)x["id"] == InterfaceId) && (InterfaceName is null || (string?)x["name"] == InterfaceName)))
                return false;
        }
        return Search is null || Match(i) is not null;
    }

    /// <summary>What <see cref="Search"/> matched in this version (case-insensitive substring), or null.</summary>
    public MatchedOn? Match(IntegrationVersion i)
    {
        if (Search is null) return null;
        bool Has(string? text) => text?.Contains(Search, StringComparison.OrdinalIgnoreCase) == true;
        var actions = i.Definition["actions"]!.AsObject().Select(p => p.Key).Where(Has).ToArray();
        var interfaces = i.Definition["interfaces"]!.AsObject().Select(p => (string)p.Value!["name"]!).Where(Has).Distinct().ToArray();
        var matched = new MatchedOn(Has(i.Name), Has(i.Title), Has(i.Description), actions, interfaces);
        return matched.Name || matched.Title || matched.Description || actions.Length > 0 || interfaces.Length > 0 ? matched : null;
    }

    private static string? Text(JObject query, string key) => query[key]?.Type == JTokenType.Null ? null : query[key]?.ToString();
}
