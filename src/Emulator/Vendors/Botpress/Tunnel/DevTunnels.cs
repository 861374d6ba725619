using System.Collections.Concurrent;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>
/// The dev tunnels connected to this emulator, by tunnel id. The emulator plays tunnel.botpress.cloud: <c>bp dev
/// --tunnelUrl http://HOST:PORT</c> opens <c>ws://HOST:PORT/{tunnelId}</c> and registers its dev integration with
/// the URL <c>http://HOST:PORT/{tunnelId}</c>; whatever reaches that URL (or is sent to the integration by the
/// emulator itself) goes down the WebSocket to the integration running on the developer's machine.
/// </summary>
internal sealed class DevTunnels(EmulatorOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DevTunnel> _connected = new(StringComparer.Ordinal);

    // Tunnels that were connected and closed (bp dev stopped): their URLs fail at once, without a network call.
    private readonly RecentlyClosed _closed = new(clock, StringComparer.Ordinal);

    public IReadOnlyCollection<DevTunnel> Connected => [.. _connected.Values];

    /// <summary>Accepts a tail's WebSocket and serves it until it closes (a second tail on a connected id is refused with 4001).</summary>
    public async Task AcceptAsync(HttpContext context, string tunnelId)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var tunnel = new DevTunnel(tunnelId, socket, clock.GetUtcNow(), options.MaxRequestBodyBytes);
        if (!_connected.TryAdd(tunnelId, tunnel))
        {
            await socket.CloseAsync(DevTunnel.TunnelIdConflict, $"tunnel {tunnelId} is already connected", CancellationToken.None);
            return;
        }
        try
        {
            await tunnel.RunAsync(context.RequestAborted);
        }
        finally
        {
            _connected.TryRemove(new KeyValuePair<string, DevTunnel>(tunnelId, tunnel));
            _closed.Add(tunnelId);
        }
    }

    public DevTunnel? Find(string tunnelId) => _connected.TryGetValue(tunnelId, out var tunnel) ? tunnel : null;

    /// <summary>
    /// Where an integration URL leads: <c>http://any-host/{tunnelId}/a/b</c> → the connected tunnel and <c>/a/b</c>, or a
    /// tunnel that was connected and has closed (<see cref="DevTunnelRoute.Tunnel"/> null); null for any other URL. Matched
    /// on the id alone, so the URL may name this emulator by any host it is reachable at.
    /// </summary>
    public DevTunnelRoute? Resolve(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var path = uri.AbsolutePath;
        var end = path.IndexOf('/', 1);
        var id = end < 0 ? path[1..] : path[1..end];
        var rest = end < 0 ? "/" : path[end..];
        if (Find(id) is { } tunnel) return new DevTunnelRoute(id, tunnel, rest);
        return _closed.ClosedAt(id) is null ? null : new DevTunnelRoute(id, null, rest);
    }
}

/// <summary>A dev tunnel an integration URL leads to: connected (<see cref="Tunnel"/>) or closed (null), and the path below it.</summary>
internal sealed record DevTunnelRoute(string Id, DevTunnel? Tunnel, string Path);
