using System.Globalization;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Keyset pagination over a list sorted by a unique, ordinal-comparable key: a page token carries the key
/// of the last item served, so items inserted meanwhile never duplicate or skip an item of a walk.
/// </summary>
internal static class KeysetPager
{
    public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken, int Count);

    /// <summary>
    /// The page after <paramref name="token"/> of the items of <paramref name="ordered"/> that <paramref name="admits"/>
    /// (all when null). <paramref name="knownCount"/> spares counting the matches when the caller keeps that number.
    /// </summary>
    public static Page<T> Take<T>(IReadOnlyList<T> ordered, Func<T, string> key, string? token, int limit,
        string scope, PageTokens tokens, Func<ApiException> invalidToken, Func<T, bool>? admits = null, int? knownCount = null)
    {
        var after = "";
        if (token is not null && (!tokens.TryUnprotect(scope, token, out after) || after.Length == 0)) throw invalidToken();
        var start = token is null ? 0 : FirstAfter(ordered, key, after);
        var items = new List<T>(Math.Min(limit, 64));
        var more = false;
        for (var i = start; i < ordered.Count; i++)
        {
            if (admits is not null && !admits(ordered[i])) continue;
            if (items.Count == limit)
            {
                more = true;
                break;
            }
            items.Add(ordered[i]);
        }
        string? next = null;
        if (more) next = items.Count > 0 ? tokens.Protect(scope, key(items[^1])) : token ?? tokens.Protect(scope, "\u0001");
        var count = knownCount ?? (admits is null ? ordered.Count : ordered.Count(admits));
        return new Page<T>(items, next, count);
    }

    /// <summary>A zero-padded number, so ordinal order is numeric order (and <paramref name="descending"/> reverses it).</summary>
    public static string NumericKey(long value, bool descending = false) =>
        (descending ? long.MaxValue - value : value).ToString("D19", CultureInfo.InvariantCulture);

    private static int FirstAfter<T>(IReadOnlyList<T> ordered, Func<T, string> key, string after)
    {
        int low = 0, high = ordered.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(key(ordered[mid]), after) <= 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
