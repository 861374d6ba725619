using System.Text.Json;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The tunnel edge (<see cref="TunnelRegistry"/>): <c>POST /_emulator/tunnels</c> with
/// <c>{"url":"https://calm-river-tiny-fox.trycloudflare.com","origin":"http://localhost:8787"}</c> → 201 with the route
/// (409 when the host is registered already); <c>GET /_emulator/tunnels</c> → <c>{tunnels:[...]}</c>; <c>GET</c> /
/// <c>DELETE /_emulator/tunnels/{host}</c> (404 when unknown); <c>DELETE /_emulator/tunnels</c> removes them all.
/// The stand-in <c>cloudflared</c> of tools/cloudflared registers and deregisters itself here. Routes are edge
/// configuration, like faults: a reset or a state import keeps them.
/// </summary>
internal static class TunnelEndpoints
{
    private static readonly string[] Fields = ["url", "origin"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/tunnels", AddTunnel).WithName("control.addTunnel")
            .AcceptsJson<TunnelRegistration>().Produces<TunnelView>(StatusCodes.Status201Created)
            .Produces<ControlPlaneError>(StatusCodes.Status400BadRequest).Produces<ControlPlaneError>(StatusCodes.Status409Conflict);
        group.MapGet("/tunnels", ListTunnels).WithName("control.listTunnels").Produces<TunnelList>();
        group.MapDelete("/tunnels", ClearTunnels).WithName("control.clearTunnels").Produces(StatusCodes.Status204NoContent);
        group.MapGet("/tunnels/{host}", GetTunnel).WithName("control.getTunnel")
            .Produces<TunnelView>().Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
        group.MapDelete("/tunnels/{host}", RemoveTunnel).WithName("control.removeTunnel")
            .Produces(StatusCodes.Status204NoContent).Produces<ControlPlaneError>(StatusCodes.Status404NotFound);
    }

    /// <summary>Registers a route from its JSON fields; 400 names the field at fault, 409 a host registered already.</summary>
    public static TunnelRoute Register(TunnelRegistry tunnels, string? url, string? origin)
    {
        if (url is null) throw ControlPlaneErrors.BadRequest("url: required (the public tunnel URL, e.g. https://calm-river-tiny-fox.trycloudflare.com)");
        if (origin is null) throw ControlPlaneErrors.BadRequest("origin: required (the local origin, e.g. http://localhost:8787)");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var publicUrl) || publicUrl.Scheme is not ("http" or "https"))
            throw ControlPlaneErrors.BadRequest($"url: \"{url}\" is not an http(s) URL");
        if (publicUrl.AbsolutePath != "/" || publicUrl.Query.Length > 0 || publicUrl.UserInfo.Length > 0)
            throw ControlPlaneErrors.BadRequest($"url: \"{url}\" must be a bare scheme://host URL (a tunnel routes a whole host)");
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var local) || local.Scheme is not ("http" or "https"))
            throw ControlPlaneErrors.BadRequest($"origin: \"{origin}\" is not an http(s) URL");
        if (local.Query.Length > 0 || local.Fragment.Length > 0)
            throw ControlPlaneErrors.BadRequest($"origin: \"{origin}\" must not have a query or fragment");
        return tunnels.Add(publicUrl, local, out var existing)
            ?? throw ControlPlaneErrors.Conflict($"url: the host \"{publicUrl.Host}\" is registered already (to {existing?.Origin}); DELETE /_emulator/tunnels/{publicUrl.Host} first");
    }

    private static async Task<IResult> AddTunnel(HttpContext http, TunnelRegistry tunnels)
    {
        var body = await ControlPlaneJson.ReadOptionalObjectAsync(http)
            ?? throw ControlPlaneErrors.BadRequest("body: {\"url\":\"https://<host>.trycloudflare.com\",\"origin\":\"http://localhost:<port>\"} is required");
        foreach (var (key, _) in body)
        {
            if (!Fields.Contains(key, StringComparer.Ordinal))
                throw ControlPlaneErrors.BadRequest($"{key}: not a field of a tunnel (fields: {string.Join(", ", Fields)})");
        }
        var route = Register(tunnels, ControlPlaneJson.OptionalString(body, "url"), ControlPlaneJson.OptionalString(body, "origin"));
        http.Response.Headers.Location = "/_emulator/tunnels/" + route.Host;
        return Json(TunnelView.Of(route), StatusCodes.Status201Created);
    }

    private static IResult ListTunnels(TunnelRegistry tunnels) => Json(new TunnelList([.. tunnels.List().Select(TunnelView.Of)]));

    private static IResult GetTunnel(string host, TunnelRegistry tunnels) =>
        tunnels.Find(host) is { } route ? Json(TunnelView.Of(route)) : throw NoSuchTunnel(host);

    private static IResult RemoveTunnel(string host, TunnelRegistry tunnels) => tunnels.Remove(host) ? Results.NoContent() : throw NoSuchTunnel(host);

    private static IResult ClearTunnels(TunnelRegistry tunnels)
    {
        tunnels.Clear();
        return Results.NoContent();
    }

    private static IResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(value, EmulatorJson.Options), "application/json", statusCode: status);

    private static ApiException NoSuchTunnel(string host) =>
        ControlPlaneErrors.NotFound($"host: no tunnel \"{host}\" is registered (GET /_emulator/tunnels lists them)");
}

/// <summary>Body of <c>POST /_emulator/tunnels</c>: the public tunnel URL (a bare host) and the local origin behind it.</summary>
internal sealed record TunnelRegistration(string Url, string Origin);

/// <summary>A registered tunnel as the control plane writes it.</summary>
/// <param name="Url">The public URL (scheme and host).</param>
/// <param name="Host">Its host, the route's id (<c>/_emulator/tunnels/{host}</c>).</param>
/// <param name="Origin">Where requests to the host go.</param>
/// <param name="CreatedAt">When it was registered (ISO 8601, the emulator's clock).</param>
internal sealed record TunnelView(string Url, string Host, string Origin, string CreatedAt)
{
    public static TunnelView Of(TunnelRoute route) => new(route.Url, route.Host, route.Origin, EmulatorJson.Iso(route.CreatedAt));
}

/// <summary>What <c>GET /_emulator/tunnels</c> answers: the registered tunnels, oldest first.</summary>
internal sealed record TunnelList(IReadOnlyList<TunnelView> Tunnels);
