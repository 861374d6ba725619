using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>The Membrane module's singletons, handed to every handler through its caller.</summary>
internal sealed class MembraneService(TenantRegistry<MembraneState> tenants, MembraneErrors errors, VendorRequests requests, PageTokens pageTokens, TimeProvider clock)
    : VendorService<MembraneState, MembraneErrors>(MembraneModule.VendorName, tenants, errors, requests, pageTokens, clock)
{
    /// <summary>A 24-hex id, the shape of Membrane's (MongoDB ObjectId) ids.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>A fresh opaque revision token.</summary>
    public static string NewRevision() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
