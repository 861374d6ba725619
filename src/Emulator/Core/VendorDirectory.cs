using Microsoft.AspNetCore.Http;

namespace Emulator.Core;

/// <summary>The vendor modules of this instance, and which one owns a request path.</summary>
public sealed class VendorDirectory(IReadOnlyList<IVendorModule> modules)
{
    public IReadOnlyList<IVendorModule> Modules { get; } = modules;

    /// <summary>The vendor whose prefix (<c>/botpress</c>, ...) starts the path, or null.</summary>
    public IVendorModule? Find(PathString path) =>
        Modules.FirstOrDefault(m => path.StartsWithSegments("/" + m.Name, StringComparison.Ordinal));
}
