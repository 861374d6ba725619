using System.Text.Json;
using NJsonSchema;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// A cheap walk of a large JSON document along its schema that stops at the first value the schema cannot accept: a
/// wrong type, a string or array over its <c>maxLength</c>/<c>maxItems</c>, an unknown or missing property. It reads the
/// UTF-8 text with a <see cref="Utf8JsonReader"/> (no tree, no copy of a string unless it holds escapes) and stops at the
/// first violation, so refusing a 5 MB array where a string belongs costs what reading it costs, not a full validation
/// (NJsonSchema reports every error and needs a Newtonsoft copy of the whole tree first).
/// </summary>
/// <remarks>
/// It only refuses what full validation refuses too; where it cannot tell (oneOf/anyOf/allOf, tuples, pattern
/// properties) it looks no further and leaves the decision to the full validation that follows. The text must have
/// passed <see cref="StrictJson.Measure"/>.
/// </remarks>
internal static class SchemaPrecheck
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = StrictJson.MaxDepth };

    /// <summary>The first violation found, or null when the walk found none (full validation decides).</summary>
    public static SchemaViolation? FirstViolation(JsonSchema schema, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        reader.Read();
        return Check(schema, ref reader, "");
    }

    /// <summary>Checks the value the reader is on; when it accepts, the reader is left on the value's last token.</summary>
    private static SchemaViolation? Check(JsonSchema declared, ref Utf8JsonReader reader, string path)
    {
        var schema = declared.ActualSchema;
        var type = schema.Type;
        if (type != JsonObjectType.None && !Accepts(type, reader.TokenType))
            return new SchemaViolation(path, TypeReason(type));
        var combined = schema.AllOf.Count > 0 || schema.AnyOf.Count > 0 || schema.OneOf.Count > 0 || schema.Not is not null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when schema.MaxLength is { } maxLength:
                return CodePoints(ref reader, maxLength) > maxLength ? new SchemaViolation(path, $"must be at most {maxLength} characters") : null;
            case JsonTokenType.StartArray:
                return CheckArray(schema, ref reader, path);
            case JsonTokenType.StartObject:
                return CheckObject(schema, combined, ref reader, path);
            default:
                return null;
        }
    }

    private static SchemaViolation? CheckArray(JsonSchema schema, ref Utf8JsonReader reader, string path)
    {
        if (schema.MaxItems > 0)
        {
            var probe = reader;
            var count = 0;
            while (probe.Read() && probe.TokenType != JsonTokenType.EndArray)
            {
                count++;
                probe.Skip();
            }
            if (count > schema.MaxItems) return new SchemaViolation(path, $"must have at most {schema.MaxItems} items");
        }
        if (schema.Item is not { } item || schema.Items.Count > 0)
        {
            reader.Skip();
            return null;
        }
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (Check(item, ref reader, $"{path}[{index}]") is { } violation) return violation;
            index++;
        }
        return null;
    }

    private static SchemaViolation? CheckObject(JsonSchema schema, bool combined, ref Utf8JsonReader reader, string path)
    {
        var properties = schema.ActualProperties;
        var closed = !combined && !schema.AllowAdditionalProperties && schema.AdditionalPropertiesSchema is null && schema.PatternProperties.Count == 0;
        var additional = !combined && schema.PatternProperties.Count == 0 ? schema.AdditionalPropertiesSchema : null;
        var seen = !combined && schema.RequiredProperties.Count > 0 ? new HashSet<string>(StringComparer.Ordinal) : null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            seen?.Add(name);
            reader.Read();
            var at = path.Length == 0 ? name : path + "." + name;
            var propertySchema = properties.TryGetValue(name, out var declared) ? declared : additional;
            if (propertySchema is not null)
            {
                if (Check(propertySchema, ref reader, at) is { } violation) return violation;
            }
            else if (closed) return new SchemaViolation(at, "is not an allowed property");
            else reader.Skip();
        }
        if (seen is not null)
            foreach (var required in schema.RequiredProperties)
                if (!seen.Contains(required))
                    return new SchemaViolation(path.Length == 0 ? required : path + "." + required, "is required");
        return null;
    }

    /// <summary>
    /// The string's length in code points, counted only as far as needed to compare with <paramref name="limit"/>: never
    /// more than NJsonSchema's count, so this refuses nothing that validation accepts. Unescaped text is counted in
    /// place (one code point per byte that does not continue a UTF-8 sequence).
    /// </summary>
    private static int CodePoints(ref Utf8JsonReader reader, int limit)
    {
        var raw = reader.ValueSpan;
        if (raw.Length <= limit) return raw.Length;
        if (!reader.ValueIsEscaped)
        {
            var count = 0;
            foreach (var b in raw)
                if ((b & 0xC0) != 0x80) count++;
            return count;
        }
        var text = reader.GetString()!;
        var length = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1])) length--;
        return length;
    }

    private static bool Accepts(JsonObjectType type, JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => type.HasFlag(JsonObjectType.Object),
        JsonTokenType.StartArray => type.HasFlag(JsonObjectType.Array),
        JsonTokenType.String => type.HasFlag(JsonObjectType.String),
        JsonTokenType.Number => type.HasFlag(JsonObjectType.Number) || type.HasFlag(JsonObjectType.Integer),
        JsonTokenType.True or JsonTokenType.False => type.HasFlag(JsonObjectType.Boolean),
        JsonTokenType.Null => type.HasFlag(JsonObjectType.Null),
        _ => true,
    };

    private static string TypeReason(JsonObjectType type) => (type & ~JsonObjectType.Null) switch
    {
        JsonObjectType.String => "must be a string",
        JsonObjectType.Integer => "must be an integer",
        JsonObjectType.Number => "must be a number",
        JsonObjectType.Boolean => "must be a boolean",
        JsonObjectType.Object => "must be an object",
        JsonObjectType.Array => "must be an array",
        _ => $"must be of type {type.ToString().ToLowerInvariant().Replace(", ", " or ", StringComparison.Ordinal)}",
    };
}
