using System.Collections.Concurrent;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Everything one GitBook tenant has: the user, organizations, spaces, sites, published integrations,
/// installations (organization, space, site), integration events, development modes and pending tasks.
/// Handlers read and change it through their caller's <c>Read</c> and <c>Write</c>, which hold its lock.
/// </summary>
internal sealed class GitBookState : TenantState<GitBookState>
{
    public required User User { get; init; }
    public Dictionary<string, Organization> Organizations { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Space> Spaces { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Site> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>Published integrations by name.</summary>
    public Dictionary<string, PublishedIntegration> Integrations { get; } = new(StringComparer.Ordinal);

    /// <summary>The same, in name order (the list order), kept sorted on publish so a page is a seek plus a short scan.</summary>
    public List<PublishedIntegration> IntegrationsByName { get; } = [];

    /// <summary>How many are public (the <c>count</c> of an unfiltered listIntegrations), kept on publish and unpublish.</summary>
    public int PublicCount { get; private set; }

    public Dictionary<string, Installation> Installations { get; } = new(StringComparer.Ordinal);
    public List<ContentInstallation> ContentInstallations { get; } = [];
    public List<IntegrationEventRecord> Events { get; } = [];
    public Dictionary<string, DevelopmentMode> DevelopmentModes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, PendingTask> PendingTasks { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Installation tokens minted by createIntegrationInstallationToken → the installation id they act as.
    /// Concurrent, because every request's authentication reads it without taking the tenant lock.
    /// </summary>
    public ConcurrentDictionary<string, string> InstallationTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Integration tokens (the <c>apiTokens.integration</c> of delivered events) → the integration they act as; concurrent as above.</summary>
    public ConcurrentDictionary<string, string> IntegrationTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Installation id → the installation token its deliveries carry (one of <see cref="InstallationTokens"/>, reused).</summary>
    public Dictionary<string, string> DispatchTokens { get; } = new(StringComparer.Ordinal);

    public long LastSeq { get; set; }

    public long NextSeq() => ++LastSeq;

    /// <summary>Adds an integration, or replaces the one of the same name.</summary>
    public void Publish(PublishedIntegration integration)
    {
        Unpublish(integration.Name);
        Integrations[integration.Name] = integration;
        var at = IntegrationsByName.BinarySearch(integration, ByName);
        IntegrationsByName.Insert(~at, integration);
        if (integration.Visibility == "public") PublicCount++;
    }

    public bool Unpublish(string name)
    {
        if (!Integrations.Remove(name, out var integration)) return false;
        IntegrationsByName.RemoveAt(IntegrationsByName.BinarySearch(integration, ByName));
        if (integration.Visibility == "public") PublicCount--;
        return true;
    }

    private static readonly Comparer<PublishedIntegration> ByName = Comparer<PublishedIntegration>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    /// <summary>An organization by id or by hostname (publishIntegration accepts either).</summary>
    public Organization? FindOrganization(string idOrHostname) =>
        Organizations.GetValueOrDefault(idOrHostname) ?? Organizations.Values.FirstOrDefault(o => o.Hostname == idOrHostname);

    public IEnumerable<ContentInstallation> ContentOf(string installationId) =>
        ContentInstallations.Where(c => c.InstallationId == installationId);

    protected override IReadOnlyDictionary<string, int> Count()
    {
        return new Dictionary<string, int>
        {
            ["organizations"] = Organizations.Count,
            ["spaces"] = Spaces.Count,
            ["sites"] = Sites.Count,
            ["integrations"] = Integrations.Count,
            ["installations"] = Installations.Count,
            ["spaceInstallations"] = ContentInstallations.Count(c => c.Kind == Model.ContentKind.Space),
            ["siteInstallations"] = ContentInstallations.Count(c => c.Kind == Model.ContentKind.Site),
            ["events"] = Events.Count,
            ["pendingTasks"] = PendingTasks.Count,
        };
    }

    protected override GitBookState Copy()
    {
        var copy = new GitBookState { User = User, LastSeq = LastSeq };
        foreach (var (id, org) in Organizations) copy.Organizations[id] = org;
        foreach (var (id, space) in Spaces) copy.Spaces[id] = space;
        foreach (var (id, site) in Sites) copy.Sites[id] = site;
        foreach (var integration in IntegrationsByName) copy.Publish(integration);
        foreach (var (id, installation) in Installations) copy.Installations[id] = installation.Clone();
        copy.ContentInstallations.AddRange(ContentInstallations.Select(c => c.Clone()));
        copy.Events.AddRange(Events.Select(e => e.Clone()));
        foreach (var (name, mode) in DevelopmentModes) copy.DevelopmentModes[name] = mode;
        foreach (var (id, task) in PendingTasks) copy.PendingTasks[id] = task;
        foreach (var (token, installation) in InstallationTokens) copy.InstallationTokens[token] = installation;
        foreach (var (token, integration) in IntegrationTokens) copy.IntegrationTokens[token] = integration;
        foreach (var (installation, token) in DispatchTokens) copy.DispatchTokens[installation] = token;
        return copy;
    }
}
