using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Emulator.ControlPlane;

/// <summary>Reading the small JSON bodies of control-plane routes, with 400s that name the field.</summary>
public static class ControlPlaneJson
{
    /// <summary>The body as an object, or null when there is none.</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw ControlPlaneErrors.BadRequest("body: must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ControlPlaneErrors.BadRequest("body: not valid JSON: " + e.Message);
        }
    }

    public static string? OptionalString(JsonObject? body, string key)
    {
        if (body?[key] is not { } node) return null;
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw ControlPlaneErrors.BadRequest($"{key}: must be a string");
    }
}
