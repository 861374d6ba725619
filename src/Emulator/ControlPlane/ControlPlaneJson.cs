using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>Reading the small JSON bodies of control-plane routes, with 400s that name the field.</summary>
/// <remarks>
/// A body is read as JSON whatever content type it came with: <c>curl -d '{"vendor":"gitbook"}'</c> (as README shows)
/// sends <c>application/x-www-form-urlencoded</c>, and refusing it with a 415 would only make the user retype the
/// command. A body that is not JSON is a 400 saying what to send.
/// </remarks>
internal static class ControlPlaneJson
{
    /// <summary>
    /// The route takes a JSON <typeparamref name="T"/>: documented as <c>application/json</c>, and (<c>*/*</c>) not
    /// refused for another content type (routing would answer 415 before the handler reads the body).
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder route) where T : notnull =>
        route.Accepts<T>("application/json", "*/*");

    /// <summary>What a 400 for a body that is not JSON tells the user to send.</summary>
    public const string WhatToSend = "send a JSON object (content type application/json; curl -d '{...}' also works)";

    /// <summary>The body as an object, or null when there is none.</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw ControlPlaneErrors.BadRequest("body: must be a JSON object; " + WhatToSend);
        }
        catch (JsonException e)
        {
            throw ControlPlaneErrors.BadRequest($"body: not valid JSON ({e.Message}); {WhatToSend}");
        }
    }

    public static string? OptionalString(JsonObject? body, string key)
    {
        if (body?[key] is not { } node) return null;
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw ControlPlaneErrors.BadRequest($"{key}: must be a string");
    }
}
