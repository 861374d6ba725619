using System.Text.Json.Nodes;

namespace Emulator.Core;

/// <summary>
/// An error a client can see, already shaped as the vendor's envelope. Vendor error factories
/// (BotpressErrors, ...) create these; handlers throw them; <see cref="VendorErrorMiddleware"/> writes them.
/// </summary>
public sealed class ApiException(int statusCode, JsonObject body) : Exception(body.ToJsonString())
{
    public int StatusCode { get; } = statusCode;

    public JsonObject Body { get; } = body;

    /// <summary>
    /// An error in the emulator's own envelope, <c>{"error":{"code":&lt;status&gt;,"message":...}}</c>: the control plane's,
    /// and that of paths outside every vendor.
    /// </summary>
    public static ApiException Emulator(int statusCode, string message) =>
        new(statusCode, new JsonObject { ["error"] = new JsonObject { ["code"] = statusCode, ["message"] = message } });
}
