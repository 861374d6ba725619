using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>
/// The tail end of a Botpress dev tunnel, as <c>bp dev</c> opens it (<c>@bpinternal/tunnel</c>'s TunnelTail): a
/// WebSocket to <c>ws://emulator/{tunnelId}</c> that receives requests and sends responses as JSON text frames.
/// </summary>
internal sealed class TunnelTail : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public string Id { get; } = Guid.NewGuid().ToString();

    /// <summary>The URL <c>bp dev</c> gives its dev integration: the emulator's root plus the tunnel id.</summary>
    public string HttpUrl(Uri emulator) => new Uri(emulator, Id).ToString();

    public static async Task<TunnelTail> ConnectAsync(Uri emulator, string? id = null)
    {
        var tail = id is null ? new TunnelTail() : new TunnelTail(id);
        tail._socket.Options.SetRequestHeader("User-Agent", "tunnel-client");
        await tail._socket.ConnectAsync(new Uri($"ws://{emulator.Authority}/{tail.Id}"), CancellationToken.None);
        return tail;
    }

    private TunnelTail()
    {
    }

    private TunnelTail(string id) => Id = id;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The next message the emulator sent (a request), or null when it closed the socket.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (received.MessageType == WebSocketMessageType.Close) return null;
            text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
            if (received.EndOfMessage) return JsonNode.Parse(text.ToString())!.AsObject();
        }
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task RespondAsync(JsonObject request, int status, string? body = null, JsonObject? headers = null)
    {
        var response = new JsonObject { ["type"] = "response", ["requestId"] = (string)request["id"]!, ["status"] = status };
        if (headers is not null) response["headers"] = headers;
        if (body is not null) response["body"] = body;
        return SendAsync(response.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The emulator already went away.
            }
        }
        _socket.Dispose();
    }
}
