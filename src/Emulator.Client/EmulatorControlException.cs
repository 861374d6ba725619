using System.Net;
using System.Text.Json;

namespace IntegrationsApiEmulator.Client;

/// <summary>
/// The control plane refused a request: its HTTP status and its <c>{"error":{"code","message"}}</c> (the message names
/// the field at fault). Also thrown for answers that are not the envelope (a proxy's page), with the body as message.
/// </summary>
public sealed class EmulatorControlException : Exception
{
    /// <summary>An exception for a refused control-plane request.</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="errorCode">The envelope's <c>error.code</c> (the status as a number), or null when there was no envelope.</param>
    /// <param name="errorMessage">The envelope's <c>error.message</c>, or the body as text.</param>
    /// <param name="request">The request, e.g. <c>DELETE /_emulator/faults/fault_9</c>.</param>
    public EmulatorControlException(HttpStatusCode statusCode, int? errorCode, string errorMessage, string request)
        : base($"{request} → {(int)statusCode} {statusCode}: {errorMessage}")
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Request = request;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The envelope's <c>error.code</c>, or null when the answer was not the control plane's envelope.</summary>
    public int? ErrorCode { get; }

    /// <summary>The envelope's <c>error.message</c> (naming the field at fault), or the body as text.</summary>
    public string ErrorMessage { get; }

    /// <summary>The request that was refused: method and path (<c>POST /_emulator/clock</c>).</summary>
    public string Request { get; }

    internal static async Task<EmulatorControlException> FromAsync(HttpMethod method, string route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = Envelope(body);
        return new EmulatorControlException(response.StatusCode, code, message ?? (body.Length > 0 ? body : "(no body)"), $"{method} /_emulator/{route}");
    }

    private static (int? Code, string? Message) Envelope(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                int? code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
                return (code, message.GetString());
            }
        }
        catch (JsonException)
        {
        }
        return (null, null);
    }
}
