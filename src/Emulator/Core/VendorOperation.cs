using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Endpoint metadata: the vendor operation a route serves — its id, the part of the route's name after the vendor
/// (<c>botpress.listIntegrations</c> → <c>listIntegrations</c>) — and the schemas (<c>schemas/{vendor}/{name}.{part}.json</c>)
/// its query, body and answer are checked against: the operation id unless the route names others
/// (<see cref="VendorRoutes.Schemas"/>). Built once per route when the app starts (<see cref="VendorRoutes.MapVendorGroup"/>),
/// so a handler never spells its operation id.
/// </summary>
internal sealed record VendorOperation(string Vendor, string Id, string Request, string Query, string Response, bool Bodiless);

/// <summary>What a route says about its schemas when they are not named after its operation.</summary>
internal sealed record OperationSchemas(string? Request = null, string? Query = null, string? Response = null, bool Bodiless = false);

/// <summary>Route-building for vendor modules.</summary>
internal static class VendorRoutes
{
    /// <summary>
    /// A route group under <paramref name="prefix"/> whose routes are operations of <paramref name="vendor"/>: each must be
    /// named <c>{vendor}.{operationId}</c> (<c>.WithName(...)</c>), and gets its <see cref="VendorOperation"/> from that name.
    /// </summary>
    public static RouteGroupBuilder MapVendorGroup(this IEndpointRouteBuilder app, string vendor, string prefix)
    {
        var group = app.MapGroup(prefix);
        // Finally: after the route's own conventions, so its name and schema metadata are there to read.
        ((IEndpointConventionBuilder)group).Finally(endpoint => endpoint.Metadata.Add(OperationOf(vendor, endpoint)));
        return group;
    }

    /// <summary>Names the schemas of a route whose query, body or answer is not named after its operation.</summary>
    public static TBuilder Schemas<TBuilder>(this TBuilder route, string? request = null, string? query = null, string? response = null)
        where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new OperationSchemas(request, query, response));

    /// <summary>
    /// Says the operation takes no request body: its caller refuses anything but none or <c>{}</c> (what clients send)
    /// before the handler runs.
    /// </summary>
    public static TBuilder Bodiless<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new OperationSchemas(Bodiless: true));

    private static VendorOperation OperationOf(string vendor, EndpointBuilder endpoint)
    {
        var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        if (name is null || !name.StartsWith(vendor + ".", StringComparison.Ordinal) || name.Length == vendor.Length + 1)
            throw new InvalidOperationException($"The {vendor} route {endpoint.DisplayName} must be named \"{vendor}.<operationId>\" (WithName).");
        var id = name[(vendor.Length + 1)..];
        var schemas = endpoint.Metadata.OfType<OperationSchemas>().ToList();
        return new VendorOperation(
            vendor,
            id,
            schemas.Select(s => s.Request).LastOrDefault(s => s is not null) ?? id,
            schemas.Select(s => s.Query).LastOrDefault(s => s is not null) ?? id,
            schemas.Select(s => s.Response).LastOrDefault(s => s is not null) ?? id,
            schemas.Any(s => s.Bodiless));
    }

    /// <summary>The operation of the endpoint a request was routed to, or null outside a vendor group.</summary>
    public static VendorOperation? OperationOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<VendorOperation>();
}
