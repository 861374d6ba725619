using System.Reflection;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary><c>GET /_emulator/health</c>: liveness, version, commit, uptime, vendors. Never behind credentials.</summary>
internal static class HealthEndpoints
{
    // The build's informational version is Directory.Build.props' Version (the packages' and the image's), followed
    // by "+<commit>" when the build knew its commit (SourceLink). Health reports the two apart.
    private static readonly string[] Informational = (typeof(HealthEndpoints).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+', 2);

    /// <summary>The emulator's version, exactly as packages and images carry it (no build metadata).</summary>
    public static readonly string Version = Informational[0];

    /// <summary>The commit the emulator was built from, or null when the build did not know it.</summary>
    public static readonly string? Commit = Informational.Length > 1 && Informational[1].Length > 0 ? Informational[1] : null;

    public static void Map(RouteGroupBuilder root) =>
        root.MapGet("/health", GetHealth).WithName("control.getHealth").Produces<HealthReport>();

    // Uptime is wall time since start, not the (possibly frozen or advanced) emulated clock.
    private static IResult GetHealth(VendorDirectory vendors, StartTime start) =>
        Results.Json(new HealthReport(
            "ok",
            Version,
            Commit,
            Math.Round(TimeProvider.System.GetElapsedTime(start.Timestamp).TotalSeconds, 3),
            vendors.Modules.Select(m => m.Name).ToArray()), EmulatorJson.Options);

    /// <summary>Liveness: <c>status</c> is always <c>ok</c> when the server answers; <c>commit</c> only when known.</summary>
    public sealed record HealthReport(string Status, string Version, string? Commit, double UptimeSeconds, string[] Vendors);
}

/// <summary>When this instance started, as a <see cref="TimeProvider.System"/> timestamp.</summary>
internal sealed record StartTime(long Timestamp);
