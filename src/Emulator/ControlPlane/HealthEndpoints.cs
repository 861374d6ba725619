using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary><c>GET /_emulator/health</c>: liveness, version, uptime, vendors. Never behind credentials.</summary>
internal static class HealthEndpoints
{
    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static void Map(RouteGroupBuilder root) =>
        root.MapGet("/health", GetHealth).WithName("control.getHealth").Produces<HealthReport>();

    // Uptime is wall time since start, not the (possibly frozen or advanced) emulated clock.
    private static IResult GetHealth(VendorDirectory vendors, StartTime start) =>
        Results.Json(new HealthReport(
            "ok",
            Version,
            Math.Round(TimeProvider.System.GetElapsedTime(start.Timestamp).TotalSeconds, 3),
            vendors.Modules.Select(m => m.Name).ToArray()), EmulatorJson.Options);

    /// <summary>Liveness: <c>status</c> is always <c>ok</c> when the server answers.</summary>
    public sealed record HealthReport(string Status, string Version, double UptimeSeconds, string[] Vendors);
}

/// <summary>When this instance started, as a <see cref="TimeProvider.System"/> timestamp.</summary>
internal sealed record StartTime(long Timestamp);
