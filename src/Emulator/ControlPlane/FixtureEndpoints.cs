using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>POST /_emulator/fixtures[?tenant=t_…]</c>: loads a fixture set — one JSON object keyed by vendor, each value
/// in the format of that vendor's file in a fixtures directory — into every tenant and the template (or one tenant).
/// </summary>
internal static class FixtureEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/fixtures", Load).WithName("control.loadFixtures")
            .AcceptsJson<Dictionary<string, object>>().Produces<FixtureLoadResult>()
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest);

    private static async Task<IResult> Load(HttpContext http, IServiceProvider services, string? tenant)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var vendors = EmulatorControl.LoadFixtures(services, body, tenant);
        return Results.Json(new FixtureLoadResult(vendors, tenant ?? "all"), EmulatorJson.Options);
    }
}
