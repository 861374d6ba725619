using Emulator.Core;
using Emulator.Vendors.Membrane.Model;

namespace Emulator.Vendors.Membrane;

/// <summary>
/// One Membrane tenant (workspace): the connector catalogue (shared, read-only), integrations in creation
/// order, and their elements. One lock guards it; handlers hold <see cref="Gate"/>.
/// </summary>
public sealed class MembraneState : ITenantState<MembraneState>
{
    public Lock Gate { get; } = new();

    public required IReadOnlyDictionary<string, Connector> Connectors { get; init; }
    public List<MembraneIntegration> Integrations { get; } = [];
    public List<IntegrationElement> Elements { get; } = [];
    public long LastSeq { get; set; }

    public long NextSeq() => ++LastSeq;

    public Connector? ConnectorByKey(string key) => Connectors.Values.FirstOrDefault(c => c.Key == key);

    /// <summary>An integration by id or key (a selector), archived ones included.</summary>
    public MembraneIntegration? Find(string selector) =>
        Integrations.FirstOrDefault(i => i.Id == selector) ?? Integrations.FirstOrDefault(i => i.Key == selector);

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
