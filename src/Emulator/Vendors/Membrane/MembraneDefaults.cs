namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>Facts of the Membrane emulation that clients may rely on.</summary>
internal static class MembraneDefaults
{
    /// <summary>API versions the SDK sends in <c>membrane-api-version</c>.</summary>
    public static readonly string[] ApiVersions = ["legacy", "2025-10-21"];

    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;
}
