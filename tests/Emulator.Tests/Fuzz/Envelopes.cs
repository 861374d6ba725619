using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>
/// One checker per envelope: the JSON error body each vendor's official client needs to raise its typed error
/// (src/Emulator/Vendors/*/*Errors.cs, README "Errors"), with a type consistent with the status. Null when it is fine.
/// </summary>
public static class Envelopes
{
    // @botpress/client's error types and the status each stands for.
    private static readonly Dictionary<string, int> BotpressTypes = new()
    {
        ["Unknown"] = 500,
        ["Internal"] = 500,
        ["Unauthorized"] = 401,
        ["Forbidden"] = 403,
        ["PayloadTooLarge"] = 413,
        ["InvalidPayload"] = 400,
        ["UnsupportedMediaType"] = 415,
        ["MethodNotFound"] = 405,
        ["ResourceNotFound"] = 404,
        ["InvalidJsonSchema"] = 400,
        ["InvalidDataFormat"] = 400,
        ["InvalidIdentifier"] = 400,
        ["RelationConflict"] = 409,
        ["ReferenceConstraint"] = 409,
        ["ResourceLockedConflict"] = 409,
        ["ReferenceNotFound"] = 400,
        ["InvalidReference"] = 400,
        ["AlreadyExists"] = 409,
        ["RateLimited"] = 429,
        ["PaymentRequired"] = 402,
        ["QuotaExceeded"] = 403,
        ["LimitExceeded"] = 413,
        ["BreakingChanges"] = 400,
        ["OperationTimeout"] = 504,
        ["ResourceGone"] = 410,
        ["InvalidQuery"] = 400,
    };

    private static readonly Dictionary<string, int> MembraneKeys = new()
    {
        ["not_found"] = 404,
        ["not_authenticated"] = 401,
        ["access_denied"] = 403,
        ["already_exists"] = 409,
        ["rate_limit_exceeded"] = 429,
    };

    public static string? Check(string vendor, int status, JsonNode? body) => vendor switch
    {
        "botpress" => Botpress(status, body),
        "membrane" => Membrane(status, body),
        _ => GitBookShaped(status, body), // gitbook and the control plane: {"error":{"code","message"}}
    };

    public static string? Botpress(int status, JsonNode? body)
    {
        if (body is not JsonObject o) return "not a JSON object";
        if (o["id"] is not JsonValue id || !id.TryGetValue<string>(out _)) return "no string id";
        if (o["code"] is not JsonValue code || !code.TryGetValue<int>(out var c)) return "no integer code";
        if (c != status) return $"code {c} is not the status {status}";
        if (o["message"] is not JsonValue m || !m.TryGetValue<string>(out _)) return "no string message";
        if (o["type"] is not JsonValue t || !t.TryGetValue<string>(out var type)) return "no string type";
        if (!BotpressTypes.TryGetValue(type, out var typeStatus)) return $"unknown type {type}";
        // A status that no Botpress type stands for (414, 431, ...) may carry any type; otherwise they must agree.
        if (typeStatus != status && BotpressTypes.ContainsValue(status)) return $"type {type} is for {typeStatus}, not {status}";
        return null;
    }

    public static string? Membrane(int status, JsonNode? body)
    {
        if (body is not JsonObject o) return "not a JSON object";
        if (o["type"] is not JsonValue t || !t.TryGetValue<string>(out var type)) return "no string type";
        var expected = status >= 500 ? "internal" : "bad_request";
        if (type != expected) return $"type {type}, expected {expected}";
        if (o["message"] is not JsonValue m || !m.TryGetValue<string>(out _)) return "no string message";
        if (o["key"] is { } k)
        {
            if (k is not JsonValue kv || !kv.TryGetValue<string>(out var key)) return "key is not a string";
            if (MembraneKeys.TryGetValue(key, out var keyStatus) && keyStatus != status) return $"key {key} is for {keyStatus}, not {status}";
        }
        else if (MembraneKeys.ContainsValue(status)) return $"no key for {status}";
        return null;
    }

    public static string? GitBookShaped(int status, JsonNode? body)
    {
        if (body is not JsonObject o || o["error"] is not JsonObject e) return "no error object";
        if (e["code"] is not JsonValue code || !code.TryGetValue<int>(out var c)) return "no integer error.code";
        if (c != status) return $"error.code {c} is not the status {status}";
        if (e["message"] is not JsonValue m || !m.TryGetValue<string>(out _)) return "no string error.message";
        return null;
    }
}
