using System.Text.Json.Nodes;
using Emulator.Vendors.GitBook.Model;

namespace Emulator.Vendors.GitBook;

/// <summary>Shared installation rules: status from configuration, external ids, lookups with 404s.</summary>
public static class InstallationRules
{
    public const int MaxExternalIds = 5;

    /// <summary>
    /// <c>active</c> when the configuration holds every property the integration marks required for that
    /// level (<c>configurations.account|space|site.required</c>), otherwise <c>pending</c> — as GitBook shows an
    /// installation that still needs set-up.
    /// </summary>
    public static string StatusFor(PublishedIntegration integration, string level, JsonObject configuration)
    {
        var required = integration.Definition["configurations"]?[level]?["required"] as JsonArray;
        return required is null || required.All(r => r is not null && configuration.ContainsKey((string)r!)) ? "active" : "pending";
    }

    public static List<string> ExternalIds(GitBookCaller caller, JsonNode? node)
    {
        var ids = (node as JsonArray ?? []).Select(n => (string)n!).ToList();
        return ids.Count <= MaxExternalIds ? ids : throw caller.Errors.BadRequest($"externalIds: at most {MaxExternalIds} external ids, not {ids.Count}");
    }

    public static Installation Installation(GitBookCaller caller, string integrationName, string installationId)
    {
        IntegrationEndpoints.Find(caller, integrationName);
        caller.EnsureMayActOn(integrationName, installationId);
        return caller.State.Installations.TryGetValue(installationId, out var installation) && installation.IntegrationName == integrationName
            ? installation
            : throw caller.Errors.NotFound($"Installation \"{installationId}\" of integration \"{integrationName}\" not found");
    }

    /// <summary>Installation tokens of a removed installation stop authenticating (lock held).</summary>
    public static void RevokeTokens(GitBookCaller caller, string installationId)
    {
        foreach (var token in caller.State.InstallationTokens.Where(t => t.Value == installationId).Select(t => t.Key).ToList())
        {
            caller.State.InstallationTokens.TryRemove(token, out _);
            caller.Service.Tenants.RemoveAlias(token);
        }
    }

    public static JsonObject Previous(string status, JsonObject configuration) =>
        new() { ["status"] = status, ["configuration"] = configuration.DeepClone() };
}
