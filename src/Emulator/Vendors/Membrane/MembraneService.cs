using Emulator.Core;

namespace Emulator.Vendors.Membrane;

/// <summary>The Membrane module's singletons, handed to every handler through its caller.</summary>
public sealed class MembraneService(
    TenantRegistry<MembraneState> tenants,
    MembraneErrors errors,
    VendorRequests requests,
    PageTokens pageTokens,
    TimeProvider clock)
{
    public TenantRegistry<MembraneState> Tenants { get; } = tenants;
    public MembraneErrors Errors { get; } = errors;
    public VendorRequests Requests { get; } = requests;
    public PageTokens PageTokens { get; } = pageTokens;
    public TimeProvider Clock { get; } = clock;

    /// <summary>A 24-hex id, the shape of Membrane's (MongoDB ObjectId) ids.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>A fresh opaque revision token.</summary>
    public static string NewRevision() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
