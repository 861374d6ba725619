using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Shared installation rules: installing on an organization and on a space or site, status from configuration,
/// external ids, lookups with 404s. The routes and fixtures (<c>gitbook.json</c>) both install through them.
/// </summary>
internal static class InstallationRules
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

    /// <summary>
    /// installIntegration: installs <paramref name="integration"/> on the organization <paramref name="organization"/> (an id
    /// or hostname) with an empty configuration — unless the organization does not exist, the integration is another
    /// organization's private one, or it is installed there already (one installation per integration and organization).
    /// </summary>
    public static Installation Install(GitBookState state, GitBookErrors errors, PublishedIntegration integration, string organization, string id, DateTimeOffset now)
    {
        var org = state.FindOrganization(organization) ?? throw errors.NotFound($"organization: no organization has the id or hostname \"{organization}\"");
        if (integration.Visibility == "private" && integration.OwnerId != org.Id)
            throw errors.NotFound($"Integration \"{integration.Name}\" not found");
        if (state.Installations.Values.Any(i => i.IntegrationName == integration.Name && i.OrganizationId == org.Id))
            throw errors.Conflict($"Integration \"{integration.Name}\" is already installed on organization \"{org.Id}\"");
        var installation = new Installation
        {
            Id = id,
            IntegrationName = integration.Name,
            OrganizationId = org.Id,
            Seq = state.NextSeq(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        installation.Status = StatusFor(integration, "account", installation.Configuration);
        state.Installations[installation.Id] = installation;
        return installation;
    }

    /// <summary>
    /// installIntegrationOnSpace / installIntegrationOnSite: installs under <paramref name="installation"/> on a space or
    /// site of its organization, when the integration's target allows it and it is not installed there already.
    /// </summary>
    public static ContentInstallation InstallOn(GitBookState state, GitBookErrors errors, Installation installation, ContentKind kind, string targetId)
    {
        var integration = state.Integrations[installation.IntegrationName];
        var field = kind == ContentKind.Space ? "space" : "siteId";
        var organizationId = kind == ContentKind.Space
            ? (state.Spaces.GetValueOrDefault(targetId) ?? throw errors.NotFound($"{field}: space \"{targetId}\" not found")).OrganizationId
            : (state.Sites.GetValueOrDefault(targetId) ?? throw errors.NotFound($"{field}: site \"{targetId}\" not found")).OrganizationId;
        if (organizationId != installation.OrganizationId)
            throw errors.BadRequest($"{field}: \"{targetId}\" belongs to organization \"{organizationId}\", not to the installation's organization \"{installation.OrganizationId}\"");
        var level = kind == ContentKind.Space ? "space" : "site";
        if (!integration.CanInstallOn(level))
            throw errors.BadRequest($"{field}: integration \"{integration.Name}\" targets {integration.Target}, so it cannot be installed on a {level}");
        if (state.ContentInstallations.Any(c => c.Kind == kind && c.InstallationId == installation.Id && c.TargetId == targetId))
            throw errors.Conflict($"Integration \"{integration.Name}\" is already installed on {level} \"{targetId}\"");
        var content = new ContentInstallation
        {
            Kind = kind,
            IntegrationName = integration.Name,
            InstallationId = installation.Id,
            TargetId = targetId,
            Seq = state.NextSeq(),
        };
        content.Status = StatusFor(integration, level, content.Configuration);
        state.ContentInstallations.Add(content);
        return content;
    }

    public static List<string> ExternalIds(GitBookCaller caller, JsonNode? node) => ExternalIds(caller.Errors, node);

    public static List<string> ExternalIds(GitBookErrors errors, JsonNode? node)
    {
        var ids = (node as JsonArray ?? []).Select(n => (string)n!).ToList();
        return ids.Count <= MaxExternalIds ? ids : throw errors.BadRequest($"externalIds: at most {MaxExternalIds} external ids, not {ids.Count}");
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
        GitBookTokens.RevokeInstallationTokens(caller.State, caller.Service.Tenants, installationId);
    }

    public static JsonObject Previous(string status, JsonObject configuration) =>
        new() { ["status"] = status, ["configuration"] = configuration.DeepClone() };
}
