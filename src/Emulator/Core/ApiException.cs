using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// An error a client can see, already shaped as the vendor's envelope. Vendor error factories
/// (BotpressErrors, ...) create these; handlers throw them; <see cref="VendorErrorMiddleware"/> writes them.
/// </summary>
internal sealed class ApiException : Exception
{
    /// <summary>
    /// Texts in an error are cut to this many characters: a message that quotes what the client sent (a 5 MB key
    /// "already exists") must not answer with, log and journal another 5 MB.
    /// </summary>
    public const int MaxTextLength = 2048;

    public ApiException(int statusCode, JsonObject body)
    {
        StatusCode = statusCode;
        // A copy is shortened, never the node given: error data may be a part of the tenant's state.
        if (HasLongText(body))
        {
            body = (JsonObject)body.DeepClone();
            Shorten(body);
        }
        Body = body;
    }

    public int StatusCode { get; }

    public JsonObject Body { get; }

    public override string Message => Body.ToJsonString();

    private static void Shorten(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    if (Shortened(obj[key]) is { } text) obj[key] = text;
                    else Shorten(obj[key]);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (Shortened(array[i]) is { } text) array[i] = text;
                    else Shorten(array[i]);
                break;
        }
    }

    private static bool HasLongText(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => HasLongText(p.Value)),
        JsonArray array => array.Any(HasLongText),
        JsonValue value => value.TryGetValue<string>(out var text) && text.Length > MaxTextLength,
        _ => false,
    };

    private static string? Shortened(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length <= MaxTextLength) return null;
        var kept = char.IsHighSurrogate(text[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength;
        return $"{text[..kept]}… ({text.Length - kept} more characters)";
    }

    /// <summary>
    /// An error in the emulator's own envelope, <c>{"error":{"code":&lt;status&gt;,"message":...}}</c>: the control plane's,
    /// and that of paths outside every vendor.
    /// </summary>
    public static ApiException Emulator(int statusCode, string message) =>
        new(statusCode, new JsonObject { ["error"] = new JsonObject { ["code"] = statusCode, ["message"] = message } });
}
