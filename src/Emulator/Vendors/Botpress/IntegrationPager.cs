using System.Globalization;
using Emulator.Vendors.Botpress.Model;
using Semver;

namespace Emulator.Vendors.Botpress;

/// <summary>
/// One page of listIntegrations / listPublicIntegrations. Positions are (sort key, seq): the token carries
/// the last position served, so a page starts strictly after it — items created meanwhile never shift
/// a walk (no duplicates, no gaps). Creation order, the default, pages straight off the sorted index.
/// </summary>
public static class IntegrationPager
{
    public static IntegrationPage Page(
        BotpressCaller caller, IReadOnlyList<IntegrationVersion> byCreation, Func<IntegrationVersion, bool> inScope,
        IntegrationListQuery query, string listName, bool hub)
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
        Func<IntegrationVersion, string> key = KeyOf(query.SortBy);
        IReadOnlyList<IntegrationVersion> ordered = query.SortBy == "createdAt"
            ? (descending ? new Reversed(byCreation) : byCreation)
            : byCreation.Where(admits).Order(Comparer<IntegrationVersion>.Create((a, b) => Compare(key(a), a.Seq, key(b), b.Seq) * (descending ? -1 : 1))).ToList();

        var scope = $"botpress|{caller.TenantKey}|{listName}|{query.Signature}";
        var start = 0;
        if (query.NextToken is { } token)
        {
            if (!caller.Service.PageTokens.TryUnprotect(scope, token, out var position) || !TryParsePosition(position, out var afterKey, out var afterSeq))
                throw caller.Errors.InvalidPageToken("nextToken");
            start = FirstAfter(ordered, key, afterKey, afterSeq, descending);
        }

        var items = new List<byte[]>(query.Limit);
        IntegrationVersion? last = null;
        var more = false;
        for (var i = start; i < ordered.Count; i++)
        {
            var integration = ordered[i];
            if (!admits(integration)) continue;
            if (items.Count == query.Limit)
            {
                more = true;
                break;
            }
            items.Add(IntegrationViews.ListItemJson(integration, state, query.Match(integration), hub));
            last = integration;
        }
        var next = more && last is not null ? caller.Service.PageTokens.Protect(scope, $"{last.Seq}|{key(last)}") : null;
        return new IntegrationPage(items, next);
    }

    private static Func<IntegrationVersion, string> KeyOf(string sortBy) => sortBy switch
    {
        "name" => i => i.Name,
        "updatedAt" => i => Ticks(i.UpdatedAt.UtcTicks),
        "installCount" => i => Ticks(i.Installs),
        "popularity" => i => Ticks(i.Installs * 10 + i.Views),
        _ => i => Ticks(i.CreatedAt.UtcTicks),
    };

    // Zero-padded so that ordinal string order is numeric order.
    private static string Ticks(long value) => Math.Max(0, value).ToString("D19", CultureInfo.InvariantCulture);

    private static int Compare(string keyA, long seqA, string keyB, long seqB)
    {
        var byKey = string.CompareOrdinal(keyA, keyB);
        return byKey != 0 ? byKey : seqA.CompareTo(seqB);
    }

    /// <summary>Index of the first item strictly after (afterKey, afterSeq) in the list's direction.</summary>
    private static int FirstAfter(IReadOnlyList<IntegrationVersion> ordered, Func<IntegrationVersion, string> key, string afterKey, long afterSeq, bool descending)
    {
        int low = 0, high = ordered.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            var c = Compare(key(ordered[mid]), ordered[mid].Seq, afterKey, afterSeq) * (descending ? -1 : 1);
            if (c <= 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static bool TryParsePosition(string position, out string key, out long seq)
    {
        var bar = position.IndexOf('|');
        key = bar < 0 ? "" : position[(bar + 1)..];
        seq = 0;
        return bar > 0 && long.TryParse(position.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
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
