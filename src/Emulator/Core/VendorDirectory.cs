using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.Core;

/// <summary>The vendor modules of this instance, and which one owns a request path.</summary>
internal sealed class VendorDirectory(IReadOnlyList<IVendorModule> modules)
{
    public IReadOnlyList<IVendorModule> Modules { get; } = modules;

    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key under which a vendor's caller records the tenant key.</summary>
    public const string TenantItem = "emulator.tenant";

    /// <summary>The vendor whose prefix (<c>/botpress</c>, ...) starts the path, or null.</summary>
    public IVendorModule? Find(PathString path) =>
        Modules.FirstOrDefault(m => path.StartsWithSegments("/" + m.Name, StringComparison.Ordinal));
}
