using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// One tenant's state, for the dashboard and for scripts: <c>GET /_emulator/tenants/{vendor}/{tenant}</c> → its
/// collections with their sizes; <c>.../export</c> → the tenant as the state snapshot writes it (a download);
/// <c>.../collections/{name}?offset=&amp;limit=&amp;q=</c> → a page of one collection's entries, each with its key and JSON
/// (<c>q</c>: only entries whose key holds it, ignoring case, or whose JSON holds it as typed).
/// A tenant that does not exist is a 404: reading never creates one.
/// </summary>
internal static class TenantBrowseEndpoints
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/tenants/{vendor}/{tenant}", Describe).WithName("control.getTenant")
            .Produces<TenantCollections>().Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapGet("/tenants/{vendor}/{tenant}/export", Export).WithName("control.exportTenant")
            .Produces<JsonObject>().Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapGet("/tenants/{vendor}/{tenant}/collections/{name}", Page).WithName("control.listTenantCollection")
            .Produces<CollectionPage>().Produces<ControlPlaneError>(StatusCodes.Status400BadRequest).Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
    }

    private static IResult Describe(IServiceProvider services, VendorDirectory vendors, TenantBrowser browser, string vendor, string tenant) =>
        Json(new TenantCollections(vendor, tenant, browser.Describe(View(services, vendors, vendor, tenant), vendor, tenant)));

    private static IResult Export(HttpContext http, IServiceProvider services, VendorDirectory vendors, string vendor, string tenant)
    {
        var state = View(services, vendors, vendor, tenant).Export();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{vendor}-{tenant}.json\"";
        return Results.Text(state.ToJsonString(Indented), "application/json");
    }

    private static IResult Page(
        IServiceProvider services, VendorDirectory vendors, TenantBrowser browser, string vendor, string tenant, string name, string? offset, string? limit, string? q)
    {
        var view = View(services, vendors, vendor, tenant);
        var from = Number("offset", offset, 0, int.MaxValue) ?? 0;
        var take = Number("limit", limit, 1, MaxLimit) ?? DefaultLimit;
        var (total, items) = browser.Page(view, vendor, tenant, name, from, take, q)
            ?? throw ControlPlaneErrors.NotFound($"name: tenant {tenant} of {vendor} has no collection \"{name}\" (it has {string.Join(", ", browser.Names(view, vendor, tenant))})");
        return Json(new CollectionPage(vendor, tenant, name, total, from, take, items));
    }

    private static TenantView View(IServiceProvider services, VendorDirectory vendors, string vendor, string tenant)
    {
        var module = vendors.Modules.FirstOrDefault(m => m.Name == vendor)
            ?? throw ControlPlaneErrors.NotFound($"vendor: \"{vendor}\" is not a vendor of this emulator ({string.Join(", ", vendors.Modules.Select(m => m.Name))})");
        return module.ViewTenant(services, tenant)
            ?? throw ControlPlaneErrors.NotFound($"tenant: {vendor} has no tenant \"{tenant}\" (GET /_emulator/tenants lists them)");
    }

    private static int? Number(string name, string? text, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw ControlPlaneErrors.BadRequest($"{name}: \"{text}\" must be a whole number from {min} to {max}");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static IResult Json<T>(T value) => Results.Text(JsonSerializer.Serialize(value, JournalEndpoints.Json), "application/json");
}

/// <summary>Answer of <c>GET /_emulator/tenants/{vendor}/{tenant}</c>.</summary>
internal sealed record TenantCollections(string Vendor, string Tenant, IReadOnlyList<TenantCollection> Collections);

/// <summary>One collection of a tenant's state: <c>list</c> (items), <c>map</c> (values by key) or <c>value</c>.</summary>
internal sealed record TenantCollection(string Name, string Kind, int Size);

/// <summary>Answer of <c>GET /_emulator/tenants/{vendor}/{tenant}/collections/{name}</c>.</summary>
internal sealed record CollectionPage(string Vendor, string Tenant, string Collection, int Total, int Offset, int Limit, IReadOnlyList<CollectionEntry> Items);

/// <summary>One entry of a collection: its key (id, map key or position) and its JSON as the snapshot writes it.</summary>
internal sealed record CollectionEntry(string Key, JsonNode? Value);
