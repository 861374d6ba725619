using System.Globalization;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Shows each vendor request (not <c>/_emulator</c>) to the installed <see cref="OverrideMappings"/> in their order;
/// the first whose WireMock matchers all match answers it with its WireMock response (delay included), and the
/// vendor route never sees it. Everything else flows on. With no override installed it costs one read; with
/// overrides for other paths, a prefix comparison per override (<see cref="OverrideScreen"/>).
/// </summary>
internal sealed class OverrideMiddleware(RequestDelegate next, OverrideMappings overrides, VendorDirectory vendors, EmulatorOptions options)
{
    // The vendor prefixes, built once (the hot path compares, it does not concatenate).
    private readonly PathString[] _vendors = [.. vendors.Modules.Select(m => new PathString("/" + m.Name))];

    public Task InvokeAsync(HttpContext context)
    {
        var installed = overrides.Snapshot;
        if (installed.Length == 0) return next(context);
        var path = context.Request.Path;
        if (!IsVendorPath(path)) return next(context);
        var first = NextCandidate(installed, path.Value!, 0);
        return first < 0 ? next(context) : MatchAsync(context, installed, first);
    }

    private async Task MatchAsync(HttpContext context, OverrideMappings.Installed[] installed, int first)
    {
        var path = context.Request.Path.Value!;
        var needsBody = false;
        for (var i = first; i >= 0 && !needsBody; i = NextCandidate(installed, path, i + 1)) needsBody = installed[i].Screen.NeedsBody;
        var body = needsBody ? await OverrideRequest.ReadBodyAsync(context, options.MaxRequestBodyBytes) : null;
        var request = OverrideRequest.Create(context, body);
        for (var i = first; i >= 0; i = NextCandidate(installed, path, i + 1))
        {
            var candidate = installed[i];
            if (!candidate.Matches(request)) continue;
            candidate.Hit();
            context.Items[OverrideMappings.AppliedItem] = candidate.Guid.ToString("D", CultureInfo.InvariantCulture);
            context.Items[VendorDirectory.TenantItem] = vendors.Find(context.Request.Path)?.TenantKeyOf(context.RequestServices, context);
            var (response, _) = await candidate.Mapping.ProvideResponseAsync(context, request);
            await OverrideResponse.WriteAsync(context, response);
            return;
        }
        await next(context);
    }

    private static int NextCandidate(OverrideMappings.Installed[] installed, string path, int from)
    {
        for (var i = from; i < installed.Length; i++)
            if (installed[i].Screen.Admits(path)) return i;
        return -1;
    }

    private bool IsVendorPath(PathString path)
    {
        foreach (var prefix in _vendors)
            if (path.StartsWithSegments(prefix, StringComparison.Ordinal)) return true;
        return false;
    }
}
