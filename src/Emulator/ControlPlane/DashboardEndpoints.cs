using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>GET /_emulator/</c>: one HTML page of what the emulator holds right now — clock, tenants per vendor with entity
/// counts, fault rules with hits, the newest journal entries — rendered on the server (no script), so it works in any
/// browser and under <c>curl</c>. <c>?refresh=N</c> reloads it every N seconds.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>How many journal entries the page shows.</summary>
    public const int JournalRows = 50;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", Show).WithName("control.dashboard").Produces<string>(StatusCodes.Status200OK, "text/html");

    private static IResult Show(IServiceProvider services, VendorDirectory vendors, JournalBuffer journal, FaultRules faults, int? refresh)
    {
        var page = new DashboardPage(refresh is > 0 and <= 3600 ? refresh : null)
        {
            Clock = services.GetService<VirtualClock>() is { } virtualClock
                ? (EmulatorJson.Iso(virtualClock.GetUtcNow()), virtualClock.IsFrozen)
                : (EmulatorJson.Iso(services.GetRequiredService<TimeProvider>().GetUtcNow()), false),
            Tenants = [.. vendors.Modules.Select(m => m.Tenants(services)).Select(r => (r.Vendor, (IReadOnlyList<(string, IReadOnlyDictionary<string, int>)>)
                [.. r.Keys.Order(StringComparer.Ordinal).Select(k => (k, r.CountsOf(k)))]))],
            Faults = faults.List(),
            Journal = journal.Enabled ? journal.Query(new JournalQuery { Limit = JournalRows }) : null,
        };
        return Results.Content(page.Render(), "text/html; charset=utf-8");
    }
}
