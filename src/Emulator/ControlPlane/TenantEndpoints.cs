using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>POST /_emulator/reset</c> (all, one vendor, one tenant — back to the seeded template) and
/// <c>GET /_emulator/tenants</c> (tenants per vendor with entity counts).
/// </summary>
internal static class TenantEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/reset", Reset).WithName("control.reset")
            .AcceptsJson<ResetRequest>().Produces(StatusCodes.Status204NoContent)
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest).Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapGet("/tenants", ListTenants).WithName("control.listTenants")
            .Produces<Dictionary<string, TenantSummary[]>>();
    }

    private static async Task<IResult> Reset(HttpContext http, IServiceProvider services)
    {
        var body = await ControlPlaneJson.ReadOptionalObjectAsync(http);
        var vendor = ControlPlaneJson.OptionalString(body, "vendor");
        var tenant = ControlPlaneJson.OptionalString(body, "tenant");
        EmulatorControl.Reset(services, vendor, tenant);
        return Results.NoContent();
    }

    private static IResult ListTenants(IServiceProvider services, VendorDirectory vendors)
    {
        var json = new JsonObject();
        foreach (var vendor in vendors.Modules)
        {
            var registry = vendor.Tenants(services);
            json[vendor.Name] = new JsonArray([.. registry.Keys.Order(StringComparer.Ordinal).Select(key =>
            {
                var counts = new JsonObject();
                foreach (var (entity, count) in registry.CountsOf(key)) counts[entity] = count;
                return (JsonNode)new JsonObject { ["tenant"] = key, ["counts"] = counts };
            })]);
        }
        return Results.Text(json.ToJsonString(), "application/json");
    }
}
