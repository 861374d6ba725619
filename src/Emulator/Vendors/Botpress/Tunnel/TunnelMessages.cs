using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>
/// The messages of Botpress's dev tunnel (<c>@bpinternal/tunnel</c>, which <c>bp dev</c> uses): JSON text frames.
/// The head (this emulator, as tunnel.botpress.cloud) sends <c>request</c>s; the tail (<c>bp dev</c>) answers each
/// with a <c>response</c> carrying the request's id; either side may send <c>{"type":"hello"}</c> to keep the
/// connection alive. Header values are a string or an array of strings; bodies are text.
/// </summary>
internal sealed record TunnelRequest(string Id, string Method, string Path, string? Query, IReadOnlyDictionary<string, string[]> Headers, string? Body)
{
    public string ToJson()
    {
        var headers = new JsonObject();
        foreach (var (name, values) in Headers)
            headers[name] = values.Length == 1 ? values[0] : new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        var json = new JsonObject { ["type"] = "request", ["id"] = Id, ["method"] = Method, ["path"] = Path, ["headers"] = headers };
        if (Query is { Length: > 0 }) json["query"] = Query;
        if (Body is not null) json["body"] = Body;
        return json.ToJsonString();
    }
}

/// <summary>The tail's answer to one <see cref="TunnelRequest"/>.</summary>
internal sealed record TunnelResponse(string RequestId, int Status, IReadOnlyDictionary<string, string[]> Headers, string? Body)
{
    /// <summary>A <c>response</c> or <c>hello</c> message as the tail sends it; null when it is neither (a protocol error).</summary>
    public static TunnelMessage? Parse(string text)
    {
        JsonNode? node;
        try
        {
            node = StrictJson.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (node is not JsonObject message) return null;
        var type = message["type"] is JsonValue typeValue && typeValue.TryGetValue<string>(out var t) ? t : null;
        if (type == "hello") return new TunnelMessage(null);
        // "type" is optional on responses (older tails omit it).
        if (type is not (null or "response")) return null;
        if (!Text(message, "requestId", out var requestId) || requestId is null) return null;
        if (message["status"] is not JsonValue statusValue || !statusValue.TryGetValue<double>(out var status)
            || status != Math.Floor(status) || status is < 100 or > 599) return null;
        if (!Text(message, "body", out var body)) return null;
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (message["headers"] is JsonObject rawHeaders)
        {
            foreach (var (name, value) in rawHeaders)
            {
                if (value is null) continue;
                if (value is JsonArray array) headers[name] = [.. array.Select(v => v?.ToString() ?? "")];
                else headers[name] = [value.ToString()];
            }
        }
        else if (message["headers"] is not null) return null;
        return new TunnelMessage(new TunnelResponse(requestId, (int)status, headers, body));
    }

    // A string member, or absent (true with null); false when it has another type.
    private static bool Text(JsonObject message, string name, out string? text)
    {
        text = null;
        if (message[name] is null) return true;
        return message[name] is JsonValue value && value.TryGetValue(out text);
    }
}

/// <summary>A parsed message from the tail: a response, or a hello (<see cref="Response"/> null).</summary>
internal sealed record TunnelMessage(TunnelResponse? Response);
