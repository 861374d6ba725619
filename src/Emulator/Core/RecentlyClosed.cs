using System.Collections.Concurrent;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Tunnels that closed here, by key (a tunnel id or host), with when; the newest <see cref="Capacity"/> are kept. A call
/// to one fails at once at the emulator instead of going out (bp dev or cloudflared stopped; the real edge answers an error).
/// </summary>
internal sealed class RecentlyClosed(TimeProvider clock, IEqualityComparer<string> comparer)
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _closed = new(comparer);

    public void Add(string key)
    {
        _closed[key] = clock.GetUtcNow();
        if (_closed.Count <= Capacity) return;
        foreach (var (oldest, _) in _closed.OrderBy(c => c.Value).Take(_closed.Count - Capacity).ToList())
            _closed.TryRemove(oldest, out _);
    }

    /// <summary>The key is open again (a tunnel registered under it).</summary>
    public void Forget(string key) => _closed.TryRemove(key, out _);

    public DateTimeOffset? ClosedAt(string key) => _closed.TryGetValue(key, out var at) ? at : null;
}
