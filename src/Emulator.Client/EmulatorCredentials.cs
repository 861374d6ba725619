using System.Security.Cryptography;
using System.Text;

namespace IntegrationsApiEmulator.Client;

/// <summary>
/// Credentials and tenant keys. The emulator keys state by credential: a fresh token is a fresh, freshly seeded tenant,
/// so tests that each use their own never see each other's writes.
/// </summary>
public static class EmulatorCredentials
{
    /// <summary>The vendors the emulator serves.</summary>
    public static IReadOnlyList<string> Vendors { get; } = ["botpress", "gitbook", "membrane"];

    /// <summary>
    /// The tenant key a credential stands for (<c>t_</c> and the first 16 hex digits of its SHA-256), as the journal,
    /// reset and <c>GET /_emulator/tenants</c> name it. Tokens the emulator mints itself resolve to their minter's tenant.
    /// </summary>
    public static string TenantKeyOf(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)))[..16];
    }

    /// <summary>
    /// A fresh token in the vendor's credential shape (<c>bp_pat_…</c>, <c>gb_…</c>, <c>pat-…</c>): a new tenant.
    /// </summary>
    /// <param name="vendor"><c>botpress</c>, <c>gitbook</c> or <c>membrane</c>.</param>
    public static string NewToken(string vendor) => vendor switch
    {
        "botpress" => "bp_pat_",
        "gitbook" => "gb_",
        "membrane" => "pat-",
        _ => throw new ArgumentException($"No vendor \"{vendor}\" (vendors: {string.Join(", ", Vendors)}).", nameof(vendor)),
    } + Guid.NewGuid().ToString("N");
}
