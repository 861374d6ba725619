using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>The GitBook module's singletons, handed to every handler through its caller.</summary>
internal sealed class GitBookService(
    TenantRegistry<GitBookState> tenants, GitBookErrors errors, VendorRequests requests, PageTokens pageTokens, TimeProvider clock, GitBookEvents events)
    : VendorService<GitBookState, GitBookErrors>(GitBookModule.VendorName, tenants, errors, requests, pageTokens, clock)
{
    public GitBookEvents Events { get; } = events;

    /// <summary>A 20-character GitBook-style id (letters and digits) for things minted at run time.</summary>
    public static string NewId() => Ulid.New(DateTimeOffset.UtcNow, Random.Shared)[6..].ToLowerInvariant();
}
