using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>
/// One connected dev tunnel: the WebSocket a <c>bp dev</c> session opened to <c>/{tunnelId}</c>. Requests go down
/// as text frames; <see cref="RunAsync"/> reads the answers and completes the matching <see cref="SendAsync"/>.
/// </summary>
internal sealed class DevTunnel(string id, WebSocket socket, DateTimeOffset connectedAt, long maxMessageBytes)
{
    /// <summary>Close codes of <c>@bpinternal/tunnel</c>.</summary>
    public const WebSocketCloseStatus InvalidTunnelId = (WebSocketCloseStatus)4000;
    public const WebSocketCloseStatus TunnelIdConflict = (WebSocketCloseStatus)4001;
    public const WebSocketCloseStatus InvalidResponsePayload = (WebSocketCloseStatus)4002;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<TunnelResponse>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public string Id { get; } = id;
    public DateTimeOffset ConnectedAt { get; } = connectedAt;

    /// <summary>Sends a request down the tunnel and waits for its answer; throws <see cref="TunnelUnavailableException"/>.</summary>
    public async Task<TunnelResponse> SendAsync(TunnelRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<TunnelResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.Id] = answer;
        try
        {
            var frame = Encoding.UTF8.GetBytes(request.ToJson());
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                throw new TunnelUnavailableException($"tunnel {Id} is closed: {e.Message}");
            }
            finally
            {
                _sendLock.Release();
            }
            return await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TunnelUnavailableException($"tunnel {Id} gave no answer within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            _pending.TryRemove(request.Id, out _);
        }
    }

    /// <summary>Reads the tail's messages until the socket closes; a message that is not a response or hello closes it (4002).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
                    break;
                }
                message.Write(buffer, 0, received.Count);
                if (message.Length > maxMessageBytes)
                {
                    await CloseAsync(InvalidResponsePayload, $"message exceeds {maxMessageBytes} bytes");
                    break;
                }
                if (!received.EndOfMessage) continue;
                var parsed = received.MessageType == WebSocketMessageType.Text
                    ? TunnelResponse.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))
                    : null;
                message.SetLength(0);
                if (parsed is null)
                {
                    await CloseAsync(InvalidResponsePayload, "invalid response payload");
                    break;
                }
                if (parsed.Response is { } response && _pending.TryGetValue(response.RequestId, out var waiting))
                    waiting.TrySetResult(response);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The tail went away (bp dev stopped): what was in flight fails below.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            FailPending($"tunnel {Id} closed");
        }
    }

    private void FailPending(string reason)
    {
        foreach (var waiting in _pending.Values) waiting.TrySetException(new TunnelUnavailableException(reason));
    }

    // Fails what is in flight first, and does not wait for the tail to acknowledge the close.
    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        FailPending($"tunnel {Id} closed: {reason}");
        try
        {
            await socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone.
        }
    }
}

/// <summary>A tunnel that is not connected, closed, or did not answer in time.</summary>
internal sealed class TunnelUnavailableException(string message) : Exception(message);
