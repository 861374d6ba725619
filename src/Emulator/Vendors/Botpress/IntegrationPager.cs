using System.Globalization;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// One page of listIntegrations / listPublicIntegrations. Positions are (sort key, seq): the token carries
/// the last position served, so a page starts strictly after it — items created meanwhile never shift
/// a walk (no duplicates, no gaps). Creation order, the default, pages straight off the sorted index; the other
/// orders pick the page's items in one pass (the <c>limit</c> smallest positions after the token), never sorting
/// the whole catalogue.
/// </summary>
internal static class IntegrationPager
{
    /// <summary>
    /// The page of <paramref name="byCreation"/> the query asks for (call inside <c>Read</c>). Its token is bound to the
    /// tenant, the operation, <paramref name="workspaceId"/> (a workspace's list; null on the hub) and the query.
    /// </summary>
    public static IntegrationPage Page(
        BotpressCaller caller, IReadOnlyList<IntegrationVersion> byCreation, Func<IntegrationVersion, bool> inScope,
        IntegrationListQuery query, string? workspaceId, bool hub)
    {
        var state = caller.State;
        Bot? installedBy = null;
        if (query.InstalledByBotId is { } botId && !state.Bots.TryGetValue(botId, out installedBy))
            throw caller.Errors.ResourceNotFound($"Bot \"{botId}\" not found");

        Func<IntegrationVersion, bool> admits = i => inScope(i) && query.Admits(i, state, installedBy);
        if (query.Version == "latest")
        {
            var latest = byCreation.Where(admits).GroupBy(i => i.Name)
                .Select(g => g.MaxBy(i => i.Version, SemVersion.PrecedenceComparer)!.Id).ToHashSet(StringComparer.Ordinal);
            var filtered = admits;
            admits = i => filtered(i) && latest.Contains(i.Id);
        }

        var descending = query.Direction == "desc";
        var key = SortKey.Of(query.SortBy);
        var list = workspaceId is null ? caller.Operation.Id : $"{caller.Operation.Id}|{workspaceId}";
        var scope = $"botpress|{caller.TenantKey}|{list}|{query.Signature}";
        Position? after = null;
        if (query.NextToken is { } token)
        {
            if (!caller.Service.PageTokens.TryUnprotect(scope, token, out var position) || Position.Parse(position, key) is not { } parsed)
                throw caller.Errors.InvalidPageToken("nextToken");
            after = parsed;
        }

        // One more than the page, to know whether there is a next one.
        var chosen = query.SortBy == "createdAt"
            ? FromIndex(descending ? new Reversed(byCreation) : byCreation, admits, key, after, descending, query.Limit + 1)
            : Smallest(byCreation, admits, key, after, descending, query.Limit + 1);
        var more = chosen.Count > query.Limit;
        if (more) chosen.RemoveAt(chosen.Count - 1);

        var items = chosen.ConvertAll(i => BotpressViews.ListItemJson(i, state, query.Match(i), hub));
        var next = more ? caller.Service.PageTokens.Protect(scope, new Position(key.Of(chosen[^1]), chosen[^1].Seq).ToString()) : null;
        return new IntegrationPage(items, next);
    }

    // Creation order: the index is sorted already; seek the token's position, then take the admitted items that follow.
    private static List<IntegrationVersion> FromIndex(
        IReadOnlyList<IntegrationVersion> ordered, Func<IntegrationVersion, bool> admits, SortKey key, Position? after, bool descending, int count)
    {
        var start = after is { } position ? FirstAfter(ordered, key, position, descending) : 0;
        var chosen = new List<IntegrationVersion>(count);
        for (var i = start; i < ordered.Count && chosen.Count < count; i++)
        {
            if (admits(ordered[i])) chosen.Add(ordered[i]);
        }
        return chosen;
    }

    // Any other order: the `count` admitted items with the smallest positions after the token, kept in a bounded heap.
    private static List<IntegrationVersion> Smallest(
        IReadOnlyList<IntegrationVersion> items, Func<IntegrationVersion, bool> admits, SortKey key, Position? after, bool descending, int count)
    {
        var direction = descending ? -1 : 1;
        // A max-heap on the walk's order: its root is the worst of the best so far.
        var heap = new PriorityQueue<IntegrationVersion, Position>(count + 1, Comparer<Position>.Create((a, b) => -direction * a.CompareTo(b)));
        foreach (var item in items)
        {
            if (!admits(item)) continue;
            var position = new Position(key.Of(item), item.Seq);
            if (after is { } start && direction * position.CompareTo(start) <= 0) continue;
            if (heap.Count < count) heap.Enqueue(item, position);
            else if (heap.TryPeek(out _, out var worst) && direction * position.CompareTo(worst) < 0) heap.EnqueueDequeue(item, position);
        }
        var chosen = new List<IntegrationVersion>(heap.Count);
        while (heap.Count > 0) chosen.Add(heap.Dequeue());
        chosen.Reverse();
        return chosen;
    }

    /// <summary>Index of the first item strictly after <paramref name="after"/> in the list's direction.</summary>
    private static int FirstAfter(IReadOnlyList<IntegrationVersion> ordered, SortKey key, Position after, bool descending)
    {
        int low = 0, high = ordered.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            var c = new Position(key.Of(ordered[mid]), ordered[mid].Seq).CompareTo(after) * (descending ? -1 : 1);
            if (c <= 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>What a list sorts by: a name (text) or a number (times as ticks, counts).</summary>
    private sealed class SortKey(Func<IntegrationVersion, long>? number, Func<IntegrationVersion, string>? text)
    {
        public static SortKey Of(string sortBy) => sortBy switch
        {
            "name" => new(null, i => i.Name),
            "updatedAt" => new(i => i.UpdatedAt.UtcTicks, null),
            "installCount" => new(i => i.Installs, null),
            "popularity" => new(i => i.Installs * 10 + i.Views, null),
            _ => new(i => i.CreatedAt.UtcTicks, null),
        };

        public bool IsText => text is not null;

        public Value Of(IntegrationVersion i) => text is not null ? new Value(0, text(i)) : new Value(Math.Max(0, number!(i)), null);
    }

    private readonly record struct Value(long Number, string? Text) : IComparable<Value>
    {
        public int CompareTo(Value other) => Text is not null ? string.CompareOrdinal(Text, other.Text) : Number.CompareTo(other.Number);

        // Numbers zero-padded, as tokens have always carried them.
        public override string ToString() => Text ?? Number.ToString("D19", CultureInfo.InvariantCulture);
    }

    private readonly record struct Position(Value Key, long Seq) : IComparable<Position>
    {
        public int CompareTo(Position other)
        {
            var byKey = Key.CompareTo(other.Key);
            return byKey != 0 ? byKey : Seq.CompareTo(other.Seq);
        }

        /// <summary>The token's text: <c>seq|key</c>.</summary>
        public override string ToString() => $"{Seq}|{Key}";

        public static Position? Parse(string position, SortKey key)
        {
            var bar = position.IndexOf('|');
            if (bar <= 0 || !long.TryParse(position.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) return null;
            var text = position[(bar + 1)..];
            if (key.IsText) return new Position(new Value(0, text), seq);
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? new Position(new Value(number, null), seq) : null;
        }
    }

    private sealed class Reversed(IReadOnlyList<IntegrationVersion> inner) : IReadOnlyList<IntegrationVersion>
    {
        public IntegrationVersion this[int index] => inner[inner.Count - 1 - index];

        public int Count => inner.Count;

        public IEnumerator<IntegrationVersion> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
