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
}
