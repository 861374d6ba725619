using System.Text;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>
/// Botpress's dev tunnel server, at the emulator's root as at tunnel.botpress.cloud: <c>/{tunnelId}</c> takes the
/// WebSocket of <c>bp dev</c>, and plain HTTP to <c>/{tunnelId}[/path]</c> goes down that WebSocket to the integration
/// (the URL <c>bp dev</c> registers as the dev integration's <c>url</c>). Tunnel ids are the UUIDs the CLI mints.
/// </summary>
internal static class DevTunnelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.Map("/{tunnelId:guid}", Serve).WithName("botpress.devTunnel").ExcludeFromDescription();
        app.Map("/{tunnelId:guid}/{**path}", Serve).WithName("botpress.devTunnelPath").ExcludeFromDescription();
    }

    private static async Task Serve(HttpContext context, string tunnelId, string? path, DevTunnels tunnels, EmulatorOptions options)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await tunnels.AcceptAsync(context, tunnelId);
            return;
        }
        if (tunnels.Find(tunnelId) is not { } tunnel)
        {
            await WriteTextAsync(context, StatusCodes.Status404NotFound, $"Tunnel {tunnelId} is not connected (start `bp dev --tunnelUrl` against this emulator)");
            return;
        }
        var request = context.Request;
        var headers = request.Headers
            .Where(h => !IntegrationDispatcher.HopByHop.Contains(h.Key))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.Select(v => v ?? "").ToArray());
        string? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            // Outside the vendor prefixes: a body over --max-body-bytes is refused here, in plain text.
            if (await VendorRequests.ReadUpToAsync(request, options.MaxRequestBodyBytes) is not { } bytes)
            {
                await WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds the {options.MaxRequestBodyBytes} byte limit");
                return;
            }
            body = Encoding.UTF8.GetString(bytes);
        }
        TunnelResponse answer;
        try
        {
            answer = await tunnel.SendAsync(
                new TunnelRequest(Guid.NewGuid().ToString(), request.Method, "/" + (path ?? ""), request.QueryString.Value?.TrimStart('?'), headers, body),
                IntegrationDispatcher.Timeout, context.RequestAborted);
        }
        catch (TunnelUnavailableException e)
        {
            await WriteTextAsync(context, StatusCodes.Status502BadGateway, e.Message);
            return;
        }
        await WriteAnswerAsync(context, answer.Status, answer.Headers, answer.Body);
    }

    /// <summary>Writes an integration's answer as the response (hop-by-hop headers dropped).</summary>
    public static async Task WriteAnswerAsync(HttpContext context, int status, IReadOnlyDictionary<string, string[]> headers, string? body)
    {
        context.Response.StatusCode = status;
        foreach (var (name, values) in headers)
            if (!IntegrationDispatcher.HopByHop.Contains(name)) context.Response.Headers[name] = values;
        if (body is { Length: > 0 }) await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
