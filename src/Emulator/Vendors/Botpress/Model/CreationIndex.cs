namespace IntegrationsApiEmulator.Vendors.Botpress.Model;

/// <summary>
/// Integration versions ordered by (createdAt, seq): the default list order, kept sorted on insert so a
/// page is a binary search plus a short scan, even with tens of thousands of versions.
/// </summary>
internal sealed class CreationIndex
{
    private readonly List<IntegrationVersion> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<IntegrationVersion> Items => _items;

    public void Add(IntegrationVersion item)
    {
        var at = _items.BinarySearch(item, Order);
        _items.Insert(at < 0 ? ~at : at, item);
    }

    public void Remove(IntegrationVersion item)
    {
        var at = _items.BinarySearch(item, Order);
        if (at >= 0) _items.RemoveAt(at);
    }

    public void Replace(IntegrationVersion stored, IntegrationVersion updated)
    {
        var at = _items.BinarySearch(stored, Order);
        if (at < 0 || !ReferenceEquals(_items[at], stored) || Order.Compare(stored, updated) != 0)
            throw new InvalidOperationException($"Integration {stored.Id} is not at its place in the index.");
        _items[at] = updated;
    }

    public static readonly Comparer<IntegrationVersion> Order = Comparer<IntegrationVersion>.Create((a, b) =>
    {
        var byTime = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : a.Seq.CompareTo(b.Seq);
    });
}
