using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Pages through one tenant's collections for the dashboard. Writing a large tenant (10,000 integrations, 40,000
/// elements) takes a second or more, so the last tenant browsed is kept, written once, as each entry's UTF-8 JSON —
/// about the size of its export, never a tree — and reused while that tenant is unchanged (same state, same version).
/// </summary>
internal sealed class TenantBrowser
{
    private readonly Lock _gate = new();
    private Browsed? _last;

    public IReadOnlyList<TenantCollection> Describe(TenantView view, string vendor, string tenant) =>
        [.. Of(view, vendor, tenant).Collections.Select(c => new TenantCollection(c.Key, c.Value.Kind, c.Value.Entries.Count))];

    /// <summary>
    /// A page of <paramref name="name"/>'s entries; with <paramref name="q"/>, only those whose key holds it (ignoring
    /// case) or whose JSON text holds it as typed (a byte search: fast on 40,000 entries).
    /// </summary>
    public (int Total, IReadOnlyList<CollectionEntry> Items)? Page(TenantView view, string vendor, string tenant, string name, int offset, int limit, string? q)
    {
        if (!Of(view, vendor, tenant).Collections.TryGetValue(name, out var collection)) return null;
        IEnumerable<Entry> entries = collection.Entries;
        if (!string.IsNullOrEmpty(q))
        {
            var bytes = Encoding.UTF8.GetBytes(q);
            entries = entries.Where(e => e.Key.Contains(q, StringComparison.OrdinalIgnoreCase) || e.Json.AsSpan().IndexOf(bytes) >= 0);
        }
        var matching = entries as IReadOnlyList<Entry> ?? [.. entries];
        return (matching.Count, [.. matching.Skip(offset).Take(limit).Select(e => new CollectionEntry(e.Key, JsonNode.Parse(e.Json)))]);
    }

    public IReadOnlyList<string> Names(TenantView view, string vendor, string tenant) => [.. Of(view, vendor, tenant).Collections.Keys];

    private Browsed Of(TenantView view, string vendor, string tenant)
    {
        lock (_gate)
        {
            if (_last is { } last && last.Vendor == vendor && last.Tenant == tenant && ReferenceEquals(last.State, view.State) && last.Version == view.Version)
                return last;
        }
        var built = new Browsed(vendor, tenant, view.State, view.Version, Write(view.Export()));
        lock (_gate) _last = built;
        return built;
    }

    private static Dictionary<string, Collection> Write(JsonObject state)
    {
        var collections = new Dictionary<string, Collection>(StringComparer.Ordinal);
        foreach (var (name, node) in state)
        {
            collections[name] = node switch
            {
                JsonArray array => new Collection("list", [.. array.Select((item, i) => new Entry(KeyOf(item, i), Bytes(item)))]),
                JsonObject map => new Collection("map", [.. map.Select(p => new Entry(p.Key, Bytes(p.Value)))]),
                _ => new Collection("value", [new Entry("value", Bytes(node))]),
            };
        }
        return collections;
    }

    /// <summary>A list item's key: its <c>id</c> when it has one, else its position.</summary>
    private static string KeyOf(JsonNode? item, int position) =>
        item is JsonObject o && o["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : position.ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(JsonNode? node) => node is null ? "null"u8.ToArray() : Encoding.UTF8.GetBytes(node.ToJsonString());

    private sealed record Entry(string Key, byte[] Json);

    private sealed record Collection(string Kind, IReadOnlyList<Entry> Entries);

    private sealed record Browsed(string Vendor, string Tenant, object State, long Version, Dictionary<string, Collection> Collections);
}
