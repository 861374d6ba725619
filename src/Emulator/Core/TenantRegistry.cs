using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationsApiEmulator.Core;

/// <summary>The vendor-independent face of a <see cref="TenantRegistry{TState}"/>: what the control plane needs.</summary>
internal interface ITenantRegistry
{
    /// <summary>The vendor this registry holds tenants of.</summary>
    string Vendor { get; }

    IReadOnlyCollection<string> Keys { get; }

    IReadOnlyDictionary<string, int> CountsOf(string tenantKey);

    /// <summary>
    /// Every tenant back to the start-up template (seed and <c>--fixtures</c>; they are re-created from it on their next
    /// request); fixtures loaded at run time into every tenant are dropped too.
    /// </summary>
    void Reset();

    /// <summary>One tenant back to the current template (which includes fixtures loaded into every tenant); false when there is no such tenant.</summary>
    bool Reset(string tenantKey);
}

/// <summary>
/// Per-vendor tenant stores, keyed by the credential that stands for the account (as LocalStack keys by
/// account). The key is a hash of the credential, so it can be shown and logged without the secret.
/// Credentials the emulator mints (integration API keys, installation tokens) are aliases of their tenant.
/// </summary>
internal sealed class TenantRegistry<TState>(string vendor, Func<TState> buildTemplate) : ITenantRegistry where TState : TenantState<TState>
{
    public string Vendor { get; } = vendor;

    private readonly Lazy<TState> _startTemplate = new(buildTemplate);
    // The start-up template plus the fixtures loaded at run time for every tenant; null until such a load.
    private volatile TState? _template;
    private readonly Lock _loading = new();
    // Swapped whole by ReplaceAll (state import), so a reader sees the old set or the new one.
    private volatile ConcurrentDictionary<string, TState> _tenants = new(StringComparer.Ordinal);
    private volatile ConcurrentDictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>The seeded template every tenant starts from (never handed out for writing).</summary>
    public TState Template => _template ?? _startTemplate.Value;

    /// <summary>Keys of the tenants that exist so far.</summary>
    public IReadOnlyCollection<string> Keys => (IReadOnlyCollection<string>)_tenants.Keys;

    /// <summary>The tenant key a credential stands for: a minted credential's owner, or the credential's own hash.</summary>
    public string KeyFor(string credential) =>
        _aliases.TryGetValue(credential, out var owner) ? owner : _hashes.GetOrAdd(credential, HashOf);

    /// <summary>The state of the tenant a credential stands for, created from the template on first use.</summary>
    public TState For(string credential) => Get(KeyFor(credential));

    public TState Get(string tenantKey) => _tenants.GetOrAdd(tenantKey, _ => Template.Clone());

    /// <summary>The state of an existing tenant, without creating one (the control plane's reads).</summary>
    public bool TryGet(string tenantKey, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TState state) => _tenants.TryGetValue(tenantKey, out state);

    /// <summary>Makes a minted credential authenticate as <paramref name="tenantKey"/>.</summary>
    public void AddAlias(string credential, string tenantKey) => _aliases[credential] = tenantKey;

    public void RemoveAlias(string credential) => _aliases.TryRemove(credential, out _);

    public IReadOnlyDictionary<string, int> CountsOf(string tenantKey)
    {
        if (!_tenants.TryGetValue(tenantKey, out var state)) return new Dictionary<string, int>();
        return state.Counts();
    }

    public void Reset()
    {
        _template = null;
        _tenants.Clear();
        _aliases.Clear();
    }

    public bool Reset(string tenantKey)
    {
        // Minted credentials of the tenant die with its state.
        foreach (var alias in _aliases.Where(a => a.Value == tenantKey).Select(a => a.Key).ToList()) _aliases.TryRemove(alias, out _);
        return _tenants.TryRemove(tenantKey, out _);
    }

    /// <summary>The tenants that exist and the minted credentials, each ordered by key (state export).</summary>
    public (IReadOnlyList<KeyValuePair<string, TState>> Tenants, IReadOnlyList<KeyValuePair<string, string>> Aliases) Contents() =>
        ([.. _tenants.OrderBy(t => t.Key, StringComparer.Ordinal)], [.. _aliases.OrderBy(a => a.Key, StringComparer.Ordinal)]);

    /// <summary>Replaces every tenant and alias at once (state import); the template stays.</summary>
    public void ReplaceAll(IEnumerable<KeyValuePair<string, TState>> tenants, IEnumerable<KeyValuePair<string, string>> aliases)
    {
        var newTenants = new ConcurrentDictionary<string, TState>(tenants, StringComparer.Ordinal);
        var newAliases = new ConcurrentDictionary<string, string>(aliases, StringComparer.Ordinal);
        (_tenants, _aliases) = (newTenants, newAliases);
    }

    /// <summary>
    /// First phase of a fixture load: runs <paramref name="load"/> on copies of one tenant (created when new) or, with
    /// <paramref name="tenantKey"/> null, of the template and every tenant, so a refused fixture throws here with nothing
    /// changed. The returned action runs it on the live states (each under its lock) and installs the new template.
    /// Loading is deterministic, so what passed on the copy passes live unless the tenant was written in between.
    /// </summary>
    public Action PrepareLoad(Action<TState> load, string? tenantKey)
    {
        lock (_loading)
        {
            if (tenantKey is not null)
            {
                // A tenant that does not exist yet is tried on the template and created only by the commit.
                load((_tenants.TryGetValue(tenantKey, out var existing) ? existing : Template).Clone());
                return () => LoadLive(load, [Get(tenantKey)]);
            }
            var template = Template.Clone();
            load(template);
            var tenants = _tenants.Values.ToList();
            foreach (var tenant in tenants) load(tenant.Clone());
            return () =>
            {
                lock (_loading)
                {
                    LoadLive(load, tenants);
                    _template = template;
                }
            };
        }
    }

    private static void LoadLive(Action<TState> load, IEnumerable<TState> tenants)
    {
        foreach (var tenant in tenants) tenant.Write(load);
    }

    public static string HashOf(string credential) =>
        "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)))[..16];
}
