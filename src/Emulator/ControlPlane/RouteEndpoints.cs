using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>GET /_emulator/routes</c>: every vendor endpoint this instance serves (vendor, HTTP method, route pattern, name),
/// read from ASP.NET Core's endpoint data source, so it is what routing matches and never a hand-kept list.
/// The control plane's own routes are described by <c>/_emulator/openapi.json</c> instead.
/// </summary>
internal static class RouteEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/routes", List).WithName("control.listRoutes").Produces<RouteList>();

    private static IResult List(IServiceProvider services) =>
        Results.Json(new RouteList(VendorRoutes(services)), EmulatorJson.Options);

    /// <summary>The vendor endpoints, ordered by vendor, route and method.</summary>
    public static IReadOnlyList<VendorRoute> VendorRoutes(IServiceProvider services)
    {
        var vendors = services.GetRequiredService<VendorDirectory>();
        var routes = new List<VendorRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = Text(endpoint.RoutePattern);
            if (vendors.Find(route) is not { } vendor) continue;
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            // A route without method metadata answers every method.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["*"];
            routes.AddRange(methods.Select(method => new VendorRoute(vendor.Name, method, route, name)));
        }
        return [.. routes.OrderBy(r => r.Vendor, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    // Rebuilt from the parsed segments rather than RawText: route groups combine patterns, and parameter
    // constraints and defaults are left out (a client path template has none), catch-all and optional kept.
    private static string Text(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(Part))));

    private static string Part(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter =>
            "{" + (parameter.IsCatchAll ? "*" : "") + parameter.Name + (parameter.IsOptional ? "?" : "") + "}",
        _ => "",
    };
}

/// <summary>Answer of <c>GET /_emulator/routes</c>.</summary>
internal sealed record RouteList(IReadOnlyList<VendorRoute> Routes);

