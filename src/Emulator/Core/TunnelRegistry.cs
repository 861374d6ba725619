using System.Collections.Concurrent;

namespace IntegrationsApiEmulator.Core;

/// <summary>Where a call to a URL goes: <see cref="Target"/>, through <see cref="Route"/> when its host is a registered tunnel.</summary>
/// <param name="Target">The URL to call (the route's origin with the URL's path and query, or the URL itself).</param>
/// <param name="Route">The registered tunnel, or null.</param>
/// <param name="ClosedAt">When the URL's host was deregistered, if it was a tunnel of this edge that closed: a call fails
/// at the edge, without going out (the real edge answers an error for a closed quick tunnel).</param>
internal sealed record TunnelResolution(Uri Target, TunnelRoute? Route, DateTimeOffset? ClosedAt);

/// <summary>
/// The tunnel edge the emulator plays for offline development: a stand-in for <c>cloudflared</c> registers the
/// hostname it minted and the local origin it was started with (<c>POST /_emulator/tunnels</c>), and outbound calls
/// the emulator makes to a URL on a registered host (GitBook dev-mode deliveries) go to that origin instead. URLs on
/// other hosts are called as they are, except hosts whose tunnel closed here (see <see cref="RecentlyClosed"/>).
/// Global, not per tenant: hostnames are random and unique, as on the real edge.
/// </summary>
internal sealed class TunnelRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, TunnelRoute> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly RecentlyClosed _closed = new(clock, StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers <paramref name="url"/>'s host → <paramref name="origin"/>; null when the host is taken (its route is in <paramref name="existing"/>).</summary>
    public TunnelRoute? Add(Uri url, Uri origin, out TunnelRoute? existing)
    {
        var route = new TunnelRoute(url.GetLeftPart(UriPartial.Authority), url.Host.ToLowerInvariant(), origin.ToString().TrimEnd('/'), clock.GetUtcNow());
        if (_routes.TryAdd(route.Host, route))
        {
            _closed.Forget(route.Host);
            existing = null;
            return route;
        }
        existing = _routes.GetValueOrDefault(route.Host);
        return null;
    }

    public IReadOnlyList<TunnelRoute> List() => [.. _routes.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Host, StringComparer.Ordinal)];

    public TunnelRoute? Find(string host) => _routes.GetValueOrDefault(host);

    public bool Remove(string host)
    {
        if (!_routes.TryRemove(host, out var route)) return false;
        _closed.Add(route.Host);
        return true;
    }

    public void Clear()
    {
        foreach (var host in _routes.Keys.ToList())
            Remove(host);
    }

    /// <summary>
    /// Where a call to <paramref name="url"/> goes: on a registered host, the same path and query on the route's
    /// origin; otherwise <paramref name="url"/> itself (with <see cref="TunnelResolution.ClosedAt"/> when its tunnel closed here).
    /// </summary>
    public TunnelResolution Resolve(Uri url)
    {
        if (!_routes.TryGetValue(url.Host, out var route))
            return new TunnelResolution(url, null, _closed.ClosedAt(url.Host));
        var origin = new Uri(route.Origin);
        var path = origin.AbsolutePath.TrimEnd('/') + url.AbsolutePath;
        return new TunnelResolution(new UriBuilder(origin) { Path = path, Query = url.Query.TrimStart('?') }.Uri, route, null);
    }
}
