using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// One Membrane tenant (workspace): the connector catalogue, integrations in creation order, and their elements.
/// Handlers read and change it through their caller's <c>Read</c> and <c>Write</c>, which hold its lock.
/// </summary>
internal sealed class MembraneState : TenantState<MembraneState>
{
    /// <summary>
    /// The connectors by id: the seeded catalogue plus those fixtures add. Shared between tenants and never written:
    /// adding connectors replaces the dictionary.
    /// </summary>
    public required IReadOnlyDictionary<string, Connector> Connectors { get; set; }
    /// <summary>Every integration, archived ones included, in creation order (add with <see cref="Add"/>).</summary>
    public IReadOnlyList<MembraneIntegration> Integrations => _integrations;
    private readonly List<MembraneIntegration> _integrations = [];
    // Lookups by id and by key (a key's integrations: at most one live, any number archived).
    private readonly Dictionary<string, MembraneIntegration> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MembraneIntegration>> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _uuids = new(StringComparer.Ordinal);
    public List<IntegrationElement> Elements { get; } = [];
    public long LastSeq { get; set; }

    public long NextSeq() => ++LastSeq;

    public Connector? ConnectorByKey(string key) => Connectors.Values.FirstOrDefault(c => c.Key == key);

    /// <summary>
    /// An integration by id or key (a selector), archived ones included; a key names the live integration
    /// that has it, else the most recently archived one.
    /// </summary>
    public MembraneIntegration? Find(string selector)
    {
        if (_byId.TryGetValue(selector, out var byId)) return byId;
        if (!_byKey.TryGetValue(selector, out var withKey)) return null;
        return withKey.FirstOrDefault(i => i.ArchivedAt is null) ?? withKey.MaxBy(i => i.ArchivedAt);
    }

    /// <summary>Is the key taken by a live (not archived) integration? Keys are unique among those.</summary>
    public bool KeyTaken(string key, MembraneIntegration? except = null) =>
        _byKey.TryGetValue(key, out var withKey) && withKey.Any(i => i != except && i.ArchivedAt is null);

    /// <summary>Does an integration (archived ones included) have this uuid? Uuids never change.</summary>
    public bool UuidTaken(string uuid) => _uuids.Contains(uuid);

    public void Add(MembraneIntegration integration)
    {
        _integrations.Add(integration);
        _byId[integration.Id] = integration;
        _uuids.Add(integration.Uuid);
        KeyList(integration.Key).Add(integration);
    }

    /// <summary>Gives an integration a new key (the only way a key changes, so the key lookup follows).</summary>
    public void ChangeKey(MembraneIntegration integration, string key)
    {
        if (_byKey.TryGetValue(integration.Key, out var old) && old.Remove(integration) && old.Count == 0) _byKey.Remove(integration.Key);
        integration.Key = key;
        KeyList(key).Add(integration);
    }

    private List<MembraneIntegration> KeyList(string key)
    {
        if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
        return list;
    }

    protected override IReadOnlyDictionary<string, int> Count()
    {
        var counts = new Dictionary<string, int>
        {
            ["connectors"] = Connectors.Count,
            ["integrations"] = Integrations.Count(i => i.ArchivedAt is null),
            ["archivedIntegrations"] = Integrations.Count(i => i.ArchivedAt is not null),
        };
        foreach (var kind in Enum.GetValues<Model.ElementKind>())
            counts[char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..] + "s"] = Elements.Count(e => e.Kind == kind);
        return counts;
    }

    protected override MembraneState Copy()
    {
        var copy = new MembraneState { Connectors = Connectors, LastSeq = LastSeq };
        foreach (var integration in _integrations) copy.Add(integration.Clone());
        copy.Elements.AddRange(Elements.Select(e => e.Clone()));
        return copy;
    }
}
