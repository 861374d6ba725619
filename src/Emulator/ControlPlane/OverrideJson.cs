using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock.Admin.Mappings;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>A mapping the emulator will not install: <see cref="Exception.Message"/> is <c>path: reason</c>.</summary>
internal sealed class OverrideException(string path, string reason) : Exception(path.Length == 0 ? reason : path + ": " + reason);

/// <summary>
/// Reads WireMock mapping JSON — one mapping or an array of them, as WireMock's <c>POST /__admin/mappings</c> takes —
/// into WireMock's <see cref="MappingModel"/>, refusing what the emulator does not support by name rather than
/// ignoring it: scenarios, webhooks, proxying, templating, faults, files and the like.
/// </summary>
internal static class OverrideJson
{
    /// <summary>The longest delay a mapping may ask for (as a fault rule's).</summary>
    public const int MaxDelayMs = FaultRules.MaxDelayMs;

    private static readonly string[] MappingFields = ["Guid", "UpdatedAt", "Title", "Description", "Priority", "Request", "Response", "Data"];

    private static readonly string[] RequestFields =
        ["Path", "Url", "Methods", "MethodsRejectOnMatch", "MethodsMatchOperator", "Headers", "Cookies", "Params", "Body", "ClientIP", "HttpVersion"];

    private static readonly string[] ResponseFields =
    [
        "StatusCode", "Headers", "HeadersRaw", "Body", "BodyAsJson", "BodyAsBytes", "BodyAsJsonIndented", "BodyEncoding", "BodyDestination",
        "Delay", "MinimumRandomDelay", "MaximumRandomDelay",
    ];

    private static readonly string[] Bodies = ["Body", "BodyAsJson", "BodyAsBytes"];

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

    /// <summary>The mappings in <paramref name="json"/> (an object or a non-empty array), checked and deserialized.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="root">What errors about the text as a whole name (<c>body</c> for a request body, nothing for a file).</param>
    /// <exception cref="OverrideException">Not JSON, not mappings, or a field the emulator does not support (named).</exception>
    public static IReadOnlyList<MappingModel> Parse(string json, string root = "body")
    {
        var token = ParseToken(json, root);
        if (token is JObject single) return [Read(single, "")];
        if (token is not JArray array) throw new OverrideException(root, "must be a WireMock mapping (an object) or an array of them");
        if (array.Count == 0) throw new OverrideException(root, "an empty array: give one mapping or an array of them");
        var mappings = new MappingModel[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var path = "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            mappings[i] = array[i] is JObject item ? Read(item, path) : throw new OverrideException(path, "must be a WireMock mapping (an object)");
        }
        return mappings;
    }

    /// <summary>Checks a mapping built in code (<c>IntegrationsEmulator.AddOverride</c>) as if it had been posted.</summary>
    public static MappingModel Check(MappingModel mapping) => Read(JObject.FromObject(mapping, Serializer), "");

    private static JToken ParseToken(string json, string root)
    {
        try
        {
            // Dates stay strings and decimals keep their digits: a body is sent back as it was written.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            var token = JToken.ReadFrom(reader);
            if (reader.Read()) throw new JsonReaderException($"unexpected content after the JSON value at position {reader.LinePosition}");
            return token;
        }
        catch (JsonReaderException e)
        {
            throw new OverrideException(root, "not valid JSON: " + e.Message);
        }
    }

    private static MappingModel Read(JObject mapping, string path)
    {
        CheckFields(mapping, path, MappingFields, "mapping");
        var request = Required(mapping, path, "Request", "the request to match, e.g. {\"Path\":\"/gitbook/v1/user\",\"Methods\":[\"GET\"]}");
        var response = Required(mapping, path, "Response", "the answer, e.g. {\"StatusCode\":418,\"BodyAsJson\":{\"error\":\"teapot\"}}");
        CheckFields(request, Join(path, "Request"), RequestFields, "request");
        RefuseFiles(request, Join(path, "Request"));
        CheckFields(response, Join(path, "Response"), ResponseFields, "response");
        CheckResponse(response, Join(path, "Response"));
        try
        {
            return mapping.ToObject<MappingModel>(Serializer)!;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            throw new OverrideException(path, "not a WireMock mapping: " + e.Message);
        }
    }

    /// <summary>
    /// A matcher's <c>PatternAsFile</c> would have WireMock read any file the emulator's process can read (a mapping
    /// posted over HTTP, or one of the overrides directory, naming <c>/etc/passwd</c> or <c>../secrets.json</c>): the
    /// emulator reads no files for a mapping, so it is refused wherever it appears.
    /// </summary>
    private static void RefuseFiles(JToken token, string path)
    {
        switch (token)
        {
            case JObject value:
                foreach (var property in value.Properties())
                {
                    if (property.Name.Equals("PatternAsFile", StringComparison.OrdinalIgnoreCase) && property.Value.Type != JTokenType.Null)
                        throw new OverrideException(Join(path, property.Name), "not supported: the emulator reads no files for a mapping; give the pattern itself (Pattern or Patterns)");
                    RefuseFiles(property.Value, Join(path, property.Name));
                }
                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++) RefuseFiles(array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                break;
        }
    }

    private static void CheckResponse(JObject response, string path)
    {
        var bodies = Bodies.Where(name => Find(response, name) is { Type: not JTokenType.Null }).ToList();
        if (bodies.Count > 1) throw new OverrideException(Join(path, bodies[1]), $"one body per response ({string.Join(" or ", Bodies)}), not {string.Join(" and ", bodies)}");
        if (Find(response, "StatusCode") is { Type: not JTokenType.Null } status && !IsStatus(status))
            throw new OverrideException(Join(path, "StatusCode"), $"must be a status from 100 to 599, not {status.ToString(Formatting.None)}");
        foreach (var name in (string[])["Delay", "MinimumRandomDelay", "MaximumRandomDelay"])
        {
            if (Find(response, name) is not { Type: not JTokenType.Null } delay) continue;
            if (delay.Type != JTokenType.Integer || delay.Value<long>() is < 0 or > MaxDelayMs)
                throw new OverrideException(Join(path, name), $"must be from 0 to {MaxDelayMs} milliseconds, not {delay.ToString(Formatting.None)}");
        }
    }

    private static bool IsStatus(JToken status)
    {
        var text = status.Type switch
        {
            JTokenType.Integer or JTokenType.String => status.ToString(),
            _ => null,
        };
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599;
    }

    private static JObject Required(JObject mapping, string path, string name, string example) => Find(mapping, name) switch
    {
        JObject value => value,
        null or { Type: JTokenType.Null } => throw new OverrideException(Join(path, name), "required: " + example),
        var other => throw new OverrideException(Join(path, name), $"must be an object ({example}), not {other.Type.ToString().ToLowerInvariant()}"),
    };

    // Field names are matched as WireMock (Newtonsoft) matches them: ignoring case. A null is a field not set.
    private static void CheckFields(JObject value, string path, string[] allowed, string what)
    {
        foreach (var property in value.Properties())
        {
            if (property.Value.Type != JTokenType.Null && !allowed.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                throw new OverrideException(Join(path, property.Name), $"not supported by the emulator's overrides (a {what} may have: {string.Join(", ", allowed)})");
        }
    }

    private static JToken? Find(JObject value, string name) => value.GetValue(name, StringComparison.OrdinalIgnoreCase);

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
