using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Core;

/// <summary>A vendor's in-memory state for one tenant; a new tenant starts as a deep copy of the seeded template.</summary>
public interface ITenantState<TSelf> where TSelf : ITenantState<TSelf>
{
    TSelf Clone();
}

/// <summary>
/// Per-vendor tenant stores, keyed by the credential that stands for the account (as LocalStack keys by
/// account). The key is a hash of the credential, so it can be shown and logged without the secret.
/// Credentials the emulator mints (integration API keys, installation tokens) are aliases of their tenant.
/// </summary>
public sealed class TenantRegistry<TState>(Func<TState> buildTemplate) where TState : class, ITenantState<TState>
{
    private readonly Lazy<TState> _template = new(buildTemplate);
    private readonly ConcurrentDictionary<string, TState> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>The seeded template every tenant starts from (never handed out for writing).</summary>
    public TState Template => _template.Value;

    /// <summary>Keys of the tenants that exist so far.</summary>
    public IReadOnlyCollection<string> Keys => (IReadOnlyCollection<string>)_tenants.Keys;

    /// <summary>The tenant key a credential stands for: a minted credential's owner, or the credential's own hash.</summary>
    public string KeyFor(string credential) =>
        _aliases.TryGetValue(credential, out var owner) ? owner : _hashes.GetOrAdd(credential, HashOf);

    /// <summary>The state of the tenant a credential stands for, created from the template on first use.</summary>
    public TState For(string credential) => Get(KeyFor(credential));

    public TState Get(string tenantKey) => _tenants.GetOrAdd(tenantKey, _ => _template.Value.Clone());

    /// <summary>Makes a minted credential authenticate as <paramref name="tenantKey"/>.</summary>
    public void AddAlias(string credential, string tenantKey) => _aliases[credential] = tenantKey;

    public void RemoveAlias(string credential) => _aliases.TryRemove(credential, out _);

    public static string HashOf(string credential) =>
        "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)))[..16];
}
