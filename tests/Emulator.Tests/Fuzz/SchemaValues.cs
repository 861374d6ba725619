using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>
/// Values from a JSON Schema (draft-07 subset the emulator's schemas use: type, enum, const, properties, required,
/// additionalProperties, items, min/max lengths, items and bounds, pattern, format, $ref, anyOf/oneOf/allOf):
/// <see cref="Valid"/> draws a value the schema accepts; <see cref="Breakages"/> lists single-constraint violations.
/// </summary>
public sealed class SchemaValues(JsonObject root, Rng rng, IReadOnlyList<string>? pool = null, double optionalChance = 0.5)
{
    private static readonly string[] PatternCandidates =
    [
        "fuzz", "abc", "my-integration", "x", "a1", "fuzz_name", "Fuzz", "fuzz-1", "abc123", "1", "0.1.0", "1.0.0",
        "https://example.com", "a.b", "ab-cd", "fuzzbot", "fuzz/integration", "workspace/fuzz", "@fuzz/name",
    ];

    public JsonObject Resolve(JsonNode? schema)
    {
        var s = schema as JsonObject ?? [];
        for (var hops = 0; hops < 10 && s["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal); hops++)
        {
            JsonNode? target = root;
            foreach (var part in reference[2..].Split('/')) target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            s = target as JsonObject ?? [];
        }
        return s;
    }

    public static IReadOnlyList<string> Types(JsonObject s)
    {
        if (s["type"] is JsonArray array) return [.. array.Select(t => t!.GetValue<string>())];
        if (s["type"] is JsonValue value) return [value.GetValue<string>()];
        if (s["properties"] is not null) return ["object"];
        if (s["items"] is not null) return ["array"];
        return [];
    }

    public JsonNode? Valid(JsonNode? schemaNode, int depth = 0)
    {
        var s = Resolve(schemaNode);
        if (s["const"] is { } constant) return constant.DeepClone();
        if (s["enum"] is JsonArray values && values.Count > 0) return values[rng.Int(values.Count)]?.DeepClone();
        if (s["oneOf"] is JsonArray oneOf && oneOf.Count > 0) return Valid(oneOf[rng.Int(oneOf.Count)], depth);
        if (s["anyOf"] is JsonArray anyOf && anyOf.Count > 0) return Valid(anyOf[rng.Int(anyOf.Count)], depth);
        if (s["allOf"] is JsonArray allOf && allOf.Count > 0)
        {
            var merged = new JsonObject();
            foreach (var part in allOf)
                if (Valid(part, depth) is JsonObject o)
                    foreach (var (k, v) in o) merged[k] = v?.DeepClone();
            return merged;
        }
        var types = Types(s).Where(t => t != "null").ToList();
        var type = types.Count == 0 ? (Types(s).Contains("null") ? "null" : "string") : types[rng.Int(types.Count)];
        switch (type)
        {
            case "null": return null;
            case "boolean": return rng.Chance(0.5);
            case "integer":
            case "number":
                {
                    var min = s["minimum"]?.GetValue<double>() ?? (s["exclusiveMinimum"]?.GetValue<double>() + 1) ?? 0;
                    var max = s["maximum"]?.GetValue<double>() ?? (s["exclusiveMaximum"]?.GetValue<double>() - 1) ?? Math.Max(min, 0) + 50;
                    if (max < min) max = min;
                    var value = Math.Floor(min + rng.Int((int)Math.Min(max - min + 1, 1000)));
                    return type == "integer" ? JsonValue.Create((long)value) : JsonValue.Create(value);
                }
            case "array":
                {
                    var min = s["minItems"]?.GetValue<int>() ?? 0;
                    var max = s["maxItems"]?.GetValue<int>() ?? min + 3;
                    var count = depth > 4 ? min : rng.Between(min, Math.Min(max, min + 3));
                    var array = new JsonArray();
                    for (var i = 0; i < count; i++) array.Add(Valid(s["items"], depth + 1));
                    return array;
                }
            case "object":
                {
                    var o = new JsonObject();
                    var required = (s["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                    if (s["properties"] is JsonObject properties)
                        foreach (var (name, property) in properties)
                            if (required.Contains(name) || (depth < 3 && rng.Chance(optionalChance))) o[name] = Valid(property, depth + 1);
                    if (s["additionalProperties"] is JsonObject extra && depth < 3 && rng.Chance(0.5))
                        o["fuzz" + rng.Letters(4)] = Valid(extra, depth + 1);
                    return o;
                }
            default: return JsonValue.Create(ValidString(s));
        }
    }

    private string ValidString(JsonObject s)
    {
        var min = s["minLength"]?.GetValue<int>() ?? 0;
        var max = s["maxLength"]?.GetValue<int>() ?? Math.Max(min, 12);
        switch (s["format"]?.GetValue<string>())
        {
            case "date-time": return "2024-05-01T12:00:00.000Z";
            case "date": return "2024-05-01";
            case "uri" or "url": return "https://example.com/fuzz";
            case "email": return "fuzz@example.com";
            case "uuid": return "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        }
        if (s["pattern"]?.GetValue<string>() is { } pattern)
        {
            var regex = new Regex(pattern);
            var fits = PatternCandidates.Concat(pool ?? []).Where(c => c.Length >= min && c.Length <= max && regex.IsMatch(c)).ToList();
            if (fits.Count > 0) return fits[rng.Int(fits.Count)];
        }
        if (pool is { Count: > 0 } && rng.Chance(0.3))
        {
            var candidate = pool[rng.Int(pool.Count)];
            if (candidate.Length >= min && candidate.Length <= max) return candidate;
        }
        return rng.Letters(rng.Between(Math.Max(min, Math.Min(1, max)), Math.Min(max, Math.Max(min, 12))));
    }

    /// <summary>One broken constraint: where, which, and the document with it broken.</summary>
    public sealed record Breakage(string Path, string Constraint, JsonNode? Document);

    /// <summary>
    /// From a valid <paramref name="document"/>, every single-constraint violation reachable in its first two levels:
    /// type, required, enum, const, maxLength/minLength, pattern, minimum/maximum, maxItems/minItems, additionalProperties:false.
    /// </summary>
    public IEnumerable<Breakage> Breakages(JsonNode? schemaNode, JsonNode? document, string path = "$", int depth = 0)
    {
        var s = Resolve(schemaNode);
        foreach (var (constraint, value) in Local(s, document)) yield return new Breakage(path, constraint, value);
        if (depth >= 2 || document is not JsonObject o || s["properties"] is not JsonObject properties) yield break;
        var required = (s["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList() ?? [];
        foreach (var name in required.Where(o.ContainsKey))
        {
            var copy = (JsonObject)o.DeepClone();
            copy.Remove(name);
            yield return new Breakage($"{path}.{name}", "required", copy);
        }
        if (s["additionalProperties"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.False)
        {
            var copy = (JsonObject)o.DeepClone();
            copy["fuzzUnknownField"] = 1;
            yield return new Breakage($"{path}.fuzzUnknownField", "additionalProperties", copy);
        }
        foreach (var (name, child) in properties)
        {
            if (!o.ContainsKey(name)) continue;
            foreach (var inner in Breakages(child, o[name], $"{path}.{name}", depth + 1))
            {
                var copy = (JsonObject)o.DeepClone();
                copy[name] = inner.Document?.DeepClone();
                yield return inner with { Document = copy };
            }
        }
    }

    private IEnumerable<(string, JsonNode?)> Local(JsonObject s, JsonNode? value)
    {
        if (s["anyOf"] is not null || s["oneOf"] is not null) yield break;
        var types = Types(s);
        if (types.Count > 0)
        {
            JsonNode? wrong = types.Contains("string") ? (types.Contains("number") || types.Contains("integer") ? new JsonArray() : 12345)
                : types.Contains("object") || types.Contains("array") ? "fuzz-not-a-container" : "fuzz-not-a-" + types[0];
            if (!(wrong is null && types.Contains("null"))) yield return ("type", wrong);
        }
        if (s["enum"] is JsonArray e && e.All(x => x is JsonValue xv && xv.GetValueKind() == System.Text.Json.JsonValueKind.String))
            yield return ("enum", "fuzz-not-in-enum");
        if (s["const"] is JsonValue c && c.GetValueKind() == System.Text.Json.JsonValueKind.String) yield return ("const", "fuzz-not-the-const");
        if (value is JsonValue str && str.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var text = str.GetValue<string>();
            if (s["maxLength"]?.GetValue<int>() is { } max && max < 100_000) yield return ("maxLength", new string('m', max + 1));
            if (s["minLength"]?.GetValue<int>() is > 0 and var min) yield return ("minLength", new string('m', min - 1));
            if (s["pattern"]?.GetValue<string>() is { } pattern)
                foreach (var bad in new[] { "!! fuzz pattern ##", " ", "UPPER lower", "" })
                    if (!Regex.IsMatch(bad, pattern)) { yield return ("pattern", bad); break; }
            _ = text;
        }
        if (value is JsonValue num && num.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            if (s["minimum"]?.GetValue<double>() is { } minimum) yield return ("minimum", minimum - 1);
            if (s["maximum"]?.GetValue<double>() is { } maximum) yield return ("maximum", maximum + 1);
            if (types.Contains("integer") && !types.Contains("number")) yield return ("integer", 1.5);
        }
        if (value is JsonArray array)
        {
            if (s["maxItems"]?.GetValue<int>() is { } maxItems && maxItems < 10_000)
            {
                var longer = new JsonArray();
                var item = array.Count > 0 ? array[0] : Valid(s["items"], 3);
                for (var i = 0; i <= maxItems; i++) longer.Add(item?.DeepClone());
                yield return ("maxItems", longer);
            }
            if (s["minItems"]?.GetValue<int>() is > 0) yield return ("minItems", new JsonArray());
        }
    }
}
