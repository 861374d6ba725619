using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>The control plane's route map: every <c>/_emulator</c> route, one line per resource.</summary>
internal static class ControlPlaneRoutes
{
    public static IEndpointRouteBuilder MapControlPlane(this IEndpointRouteBuilder app)
    {
        // Errors a handler did not expect are still the control plane's envelope (a 500 naming what failed).
        var root = app.MapGroup("/_emulator").WithTags("control plane").AddEndpointFilter(ControlPlaneErrors.Unexpected);
        // Health stays open; every other route — the OpenAPI document too — needs the admin token when one is configured.
        HealthEndpoints.Map(root);
        // The dashboard page and its login form decide for themselves: a browser without the token gets the form.
        DashboardEndpoints.MapPage(root);
        var group = root.MapGroup("").AddEndpointFilter(AdminToken.Check);
        group.MapOpenApi("/openapi.json").ExcludeFromDescription();
        TenantEndpoints.Map(group);
        ClockEndpoints.Map(group);
        StateEndpoints.Map(group);
        JournalEndpoints.Map(group);
        FaultEndpoints.Map(group);
        FixtureEndpoints.Map(group);
        DashboardEndpoints.MapAssets(group);
        TenantBrowseEndpoints.Map(group);
        OverrideEndpoints.Map(group);
        RouteEndpoints.Map(group);
        TunnelEndpoints.Map(group);
        return app;
    }
}
