using System.Text.Json;
using NJsonSchema;

namespace Emulator.Core;

/// <summary>
/// A cheap walk of a large JSON document along its schema that stops at the first value the schema cannot accept: a
/// wrong type, a string or array over its <c>maxLength</c>/<c>maxItems</c>, an unknown or missing property. It reads the
/// parsed <see cref="JsonElement"/> (no per-value allocations) and does not descend into a value once that value is
/// refused, so refusing a 5 MB array where a string belongs costs what reading it costs, not a full validation
/// (NJsonSchema reports every error and needs a Newtonsoft copy of the whole tree first).
/// </summary>
/// <remarks>
/// It only refuses what full validation refuses too; where it cannot tell (oneOf/anyOf/allOf, tuples, pattern
/// properties) it looks no further and leaves the decision to the full validation that follows.
/// </remarks>
public static class SchemaPrecheck
{
    /// <summary>The first violation found, or null when the walk found none (full validation decides).</summary>
    public static SchemaViolation? FirstViolation(JsonSchema schema, JsonElement value) => Check(schema, value, "");

    private static SchemaViolation? Check(JsonSchema declared, JsonElement value, string path)
    {
        var schema = declared.ActualSchema;
        var type = schema.Type;
        if (type != JsonObjectType.None && !Accepts(type, value.ValueKind))
            return new SchemaViolation(path, TypeReason(type));
        var combined = schema.AllOf.Count > 0 || schema.AnyOf.Count > 0 || schema.OneOf.Count > 0 || schema.Not is not null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String when schema.MaxLength is { } maxLength:
                var text = value.GetString()!;
                // Code points: never more than NJsonSchema's count, so this refuses nothing that validation accepts.
                var length = text.Length;
                for (var i = 0; i + 1 < text.Length; i++)
                    if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1])) length--;
                return length > maxLength ? new SchemaViolation(path, $"must be at most {maxLength} characters") : null;
            case JsonValueKind.Array:
                var count = value.GetArrayLength();
                if (schema.MaxItems > 0 && count > schema.MaxItems) return new SchemaViolation(path, $"must have at most {schema.MaxItems} items");
                if (schema.Item is not { } item || schema.Items.Count > 0) return null;
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    if (Check(item, element, $"{path}[{index}]") is { } violation) return violation;
                    index++;
                }
                return null;
            case JsonValueKind.Object:
                var properties = schema.ActualProperties;
                var closed = !combined && !schema.AllowAdditionalProperties && schema.AdditionalPropertiesSchema is null && schema.PatternProperties.Count == 0;
                foreach (var property in value.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (properties.TryGetValue(property.Name, out var propertySchema))
                    {
                        if (Check(propertySchema, property.Value, at) is { } violation) return violation;
                    }
                    else if (closed) return new SchemaViolation(at, "is not an allowed property");
                    else if (!combined && schema.PatternProperties.Count == 0 && schema.AdditionalPropertiesSchema is { } additional
                        && Check(additional, property.Value, at) is { } violation) return violation;
                }
                if (!combined)
                    foreach (var required in schema.RequiredProperties)
                        if (!value.TryGetProperty(required, out _))
                            return new SchemaViolation(path.Length == 0 ? required : path + "." + required, "is required");
                return null;
            default:
                return null;
        }
    }

    private static bool Accepts(JsonObjectType type, JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => type.HasFlag(JsonObjectType.Object),
        JsonValueKind.Array => type.HasFlag(JsonObjectType.Array),
        JsonValueKind.String => type.HasFlag(JsonObjectType.String),
        JsonValueKind.Number => type.HasFlag(JsonObjectType.Number) || type.HasFlag(JsonObjectType.Integer),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonObjectType.Boolean),
        JsonValueKind.Null => type.HasFlag(JsonObjectType.Null),
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
