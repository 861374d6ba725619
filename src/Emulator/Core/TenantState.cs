namespace IntegrationsApiEmulator.Core;

/// <summary>
/// A vendor's in-memory state for one tenant; a new tenant starts as a deep copy of the seeded template.
/// One lock guards it, taken by <see cref="Read{T}"/> and <see cref="Write{T}"/> and nowhere else: a write also moves
/// <see cref="Version"/> on, so a view rendered before it (<see cref="CachedJson"/>) is rendered anew on its next read.
/// </summary>
internal abstract class TenantState<TSelf> where TSelf : TenantState<TSelf>
{
    // Drawn from one counter for every state, so a view cached by one state is never current in another (a clone).
    private static long s_versions;

    private readonly Lock _gate = new();
    private long _version = Interlocked.Increment(ref s_versions);

    /// <summary>Changes on every write; read it inside <see cref="Read{T}"/> or <see cref="Write{T}"/>.</summary>
    public long Version => _version;

    private TSelf Self => (TSelf)this;

    /// <summary>Runs <paramref name="read"/> under the tenant's lock (reentrant: a read inside a write is fine).</summary>
    public T Read<T>(Func<TSelf, T> read)
    {
        lock (_gate) return read(Self);
    }

    /// <summary>Runs <paramref name="write"/> under the tenant's lock; cached views are stale afterwards, even when it throws.</summary>
    public T Write<T>(Func<TSelf, T> write)
    {
        lock (_gate)
        {
            try
            {
                return write(Self);
            }
            finally
            {
                _version = Interlocked.Increment(ref s_versions);
            }
        }
    }

    /// <inheritdoc cref="Write{T}"/>
    public void Write(Action<TSelf> write) => Write(state =>
    {
        write(state);
        return true;
    });

    /// <summary>A deep copy (taken under the lock) that shares no mutable data with this state.</summary>
    public TSelf Clone() => Read(_ => Copy());

    /// <summary>How many of each entity the tenant holds (<c>GET /_emulator/tenants</c>, the dashboard).</summary>
    public IReadOnlyDictionary<string, int> Counts() => Read(_ => Count());

    /// <summary>The deep copy behind <see cref="Clone"/>; runs under the lock.</summary>
    protected abstract TSelf Copy();

    /// <summary>The counts behind <see cref="Counts"/>; runs under the lock.</summary>
    protected abstract IReadOnlyDictionary<string, int> Count();
}

/// <summary>
/// An entity's rendered JSON and the tenant <see cref="TenantState{TSelf}.Version"/> it was rendered at: current until
/// the tenant's next write. Immutable, so a slot shared by two states (a template and its clone) can only miss.
/// </summary>
internal sealed record CachedJson(long Version, byte[] Json)
{
    /// <summary>
    /// The JSON in <paramref name="slot"/> when rendered at <paramref name="version"/>, else <paramref name="render"/>'s of
    /// <paramref name="item"/>, kept there (a static lambda: nothing is allocated on a hit).
    /// </summary>
    public static byte[] Get<T>(ref CachedJson? slot, long version, T item, Func<T, byte[]> render)
    {
        if (slot is { } cached && cached.Version == version) return cached.Json;
        var json = render(item);
        slot = new CachedJson(version, json);
        return json;
    }
}
