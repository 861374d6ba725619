using System.Security.Cryptography;
using System.Text;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Tokens the emulator mints for integration code: installation tokens (createIntegrationInstallationToken, and the
/// <c>apiTokens.installation</c> of a delivered event) and integration tokens (<c>apiTokens.integration</c>). Each is an
/// alias of the tenant that minted it, so the integration calls back into the same tenant; see
/// <see cref="GitBookCaller.EnsureMayActOn"/> for what each may do. All methods are called with the tenant lock held.
/// </summary>
internal static class GitBookTokens
{
    /// <summary>Mints a new installation token acting as <paramref name="installationId"/>.</summary>
    public static string MintInstallationToken(GitBookState state, TenantRegistry<GitBookState> tenants, string tenantKey, string installationId)
    {
        var token = "gb_inst_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        state.InstallationTokens[token] = installationId;
        tenants.AddAlias(token, tenantKey);
        return token;
    }

    /// <summary>The installation token deliveries of <paramref name="installationId"/> carry: minted once, reused while it is valid.</summary>
    public static string DispatchInstallationToken(GitBookState state, TenantRegistry<GitBookState> tenants, string tenantKey, string installationId)
    {
        if (state.DispatchTokens.TryGetValue(installationId, out var token) && state.InstallationTokens.ContainsKey(token)) return token;
        token = MintInstallationToken(state, tenants, tenantKey, installationId);
        state.DispatchTokens[installationId] = token;
        return token;
    }

    /// <summary>The integration token of <paramref name="integrationName"/> in this tenant: minted on first use, then reused.</summary>
    public static string IntegrationToken(GitBookState state, TenantRegistry<GitBookState> tenants, string tenantKey, string integrationName)
    {
        foreach (var (existing, name) in state.IntegrationTokens)
            if (name == integrationName) return existing;
        var token = "gb_intg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        state.IntegrationTokens[token] = integrationName;
        tenants.AddAlias(token, tenantKey);
        return token;
    }

    /// <summary>
    /// <c>signingSecrets.integration</c> of the environment: stable per tenant and integration. The emulator signs
    /// nothing (it delivers no <c>fetch</c> events), so the value only has to be there.
    /// </summary>
    public static string SigningSecret(string tenantKey, string integrationName) =>
        "gb_sign_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantKey + "\u001f" + integrationName)))[..32];

    /// <summary>Installation tokens of a removed installation stop authenticating.</summary>
    public static void RevokeInstallationTokens(GitBookState state, TenantRegistry<GitBookState> tenants, string installationId)
    {
        foreach (var token in state.InstallationTokens.Where(t => t.Value == installationId).Select(t => t.Key).ToList())
        {
            state.InstallationTokens.TryRemove(token, out _);
            tenants.RemoveAlias(token);
        }
        state.DispatchTokens.Remove(installationId);
    }

    /// <summary>The integration token of an unpublished integration stops authenticating.</summary>
    public static void RevokeIntegrationTokens(GitBookState state, TenantRegistry<GitBookState> tenants, string integrationName)
    {
        foreach (var token in state.IntegrationTokens.Where(t => t.Value == integrationName).Select(t => t.Key).ToList())
        {
            state.IntegrationTokens.TryRemove(token, out _);
            tenants.RemoveAlias(token);
        }
    }
}
