using Emulator.Core;
using Emulator.Vendors.Membrane.Model;

namespace Emulator.Vendors.Membrane;

/// <summary>
/// One Membrane tenant (workspace): the connector catalogue, integrations in creation order, and their elements.
/// One lock guards it; handlers hold <see cref="Gate"/>.
/// </summary>
public sealed class MembraneState : ITenantState<MembraneState>
{
    public Lock Gate { get; } = new();

    /// <summary>
    /// The connectors by id: the seeded catalogue plus those fixtures add. Shared between tenants and never written:
    /// adding connectors replaces the dictionary.
    /// </summary>
    public required IReadOnlyDictionary<string, Connector> Connectors { get; set; }
    public List<MembraneIntegration> Integrations { get; } = [];
    public List<IntegrationElement> Elements { get; } = [];
    public long LastSeq { get; set; }

    public long NextSeq() => ++LastSeq;

    public Connector? ConnectorByKey(string key) => Connectors.Values.FirstOrDefault(c => c.Key == key);

    /// <summary>
    /// An integration by id or key (a selector), archived ones included; a key names the live integration
    /// that has it, else the most recently archived one.
    /// </summary>
    public MembraneIntegration? Find(string selector) =>
        Integrations.FirstOrDefault(i => i.Id == selector)
        ?? Integrations.FirstOrDefault(i => i.Key == selector && i.ArchivedAt is null)
        ?? Integrations.Where(i => i.Key == selector).MaxBy(i => i.ArchivedAt);

    /// <summary>Is the key taken by a live (not archived) integration? Keys are unique among those.</summary>
    public bool KeyTaken(string key, MembraneIntegration? except = null) =>
        Integrations.Any(i => i != except && i.ArchivedAt is null && i.Key == key);

    public IReadOnlyDictionary<string, int> Counts()
    {
        lock (Gate)
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
    }

    public MembraneState Clone()
    {
        lock (Gate)
        {
            var copy = new MembraneState { Connectors = Connectors, LastSeq = LastSeq };
            copy.Integrations.AddRange(Integrations.Select(i => i.Clone()));
            copy.Elements.AddRange(Elements.Select(e => e.Clone()));
            return copy;
        }
    }
}
