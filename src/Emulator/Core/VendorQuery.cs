using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Reads the query string of a vendor operation as a JSON object typed by the operation's query schema
/// (<c>{operationId}.query.json</c>) and validated against it, so a handler only ever sees values of the declared
/// types. Every refusal is the vendor's <see cref="IVendorErrors.InvalidQuery"/> naming the parameter.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Arrays (<c>type: array</c>) are the repeated parameter (<c>?type=basic&amp;type=premium</c>), as the official
/// clients send them (<c>@gitbook/api</c> repeats the key, <c>@botpress/client</c> uses qs' <c>arrayFormat: "repeat"</c>);
/// each item is read by the item schema.</item>
/// <item>A parameter that is not an array may be given once.</item>
/// <item>Booleans are <c>true</c> or <c>false</c> (what the official clients send: <c>String(true)</c>); with zod coercion
/// (Membrane), <c>false</c>/<c>0</c>/empty are false and any other text is true, as zod's query schemas read them.</item>
/// <item>Integers are whole decimal numbers; numbers are finite decimal numbers. Either must lie within ±2^53 (a JSON
/// number every client can represent): <c>NaN</c>, <c>1e400</c> or a 30-digit value is refused.</item>
/// </list>
/// Parameters the schema does not declare are kept as text (repeated ones joined by commas).
/// </remarks>
internal sealed class VendorQuery(SchemaRegistry schemas)
{
    private const int MaxCachedQueries = 4096;
    private const double MaxSafeInteger = 9007199254740991; // 2^53 - 1

    private readonly ConcurrentDictionary<string, JObject> _validQueries = new(StringComparer.Ordinal);

    /// <summary>The query typed and validated; a refusal names the parameter at fault.</summary>
    public JObject Read(HttpContext context, string vendor, IVendorErrors errors, string operationId, bool zodBooleans = false)
    {
        // Clients repeat the same query strings (list pages, polling): validate each once. Callers only read the result.
        var cacheKey = $"{vendor}|{operationId}|{zodBooleans}|{context.Request.QueryString.Value}";
        if (_validQueries.TryGetValue(cacheKey, out var cached)) return cached;
        var query = Parse(context.Request.Query, vendor, errors, operationId, zodBooleans);
        if (_validQueries.Count >= MaxCachedQueries) _validQueries.Clear();
        _validQueries[cacheKey] = query;
        return query;
    }

    private JObject Parse(IQueryCollection parameters, string vendor, IVendorErrors errors, string operationId, bool zodBooleans)
    {
        var schema = schemas.Find(vendor, operationId, SchemaPart.Query);
        var query = new JObject();
        var violations = new List<SchemaViolation>();
        foreach (var (key, values) in parameters)
        {
            if (schema?.ActualProperties.TryGetValue(key, out var property) != true)
            {
                query[key] = values.ToString();
                continue;
            }
            var declared = property!.ActualSchema;
            if (declared.Type.HasFlag(JsonObjectType.Array))
            {
                var itemType = declared.Item?.ActualSchema.Type ?? JsonObjectType.String;
                var items = new JArray();
                for (var i = 0; i < values.Count; i++)
                    items.Add(Coerce($"{key}[{i}]", values[i] ?? "", itemType, zodBooleans, violations));
                query[key] = items;
            }
            else if (values.Count > 1)
            {
                violations.Add(new SchemaViolation(key, $"given {values.Count} times; this parameter takes one value"));
            }
            else
            {
                query[key] = Coerce(key, values.ToString(), declared.Type, zodBooleans, violations);
            }
        }
        if (violations.Count > 0) throw errors.InvalidQuery(violations);
        if (schema is null) return query;
        violations.AddRange(schemas.Validate(vendor, operationId, SchemaPart.Query, query));
        if (violations.Count > 0) throw errors.InvalidQuery(violations);
        return query;
    }

    /// <summary>One parameter value read as <paramref name="type"/>; a value that is not one is a violation (and kept as text).</summary>
    internal static JToken Coerce(string name, string text, JsonObjectType type, bool zodBooleans, List<SchemaViolation> violations)
    {
        if (type.HasFlag(JsonObjectType.Boolean))
        {
            if (zodBooleans) return text.ToLowerInvariant() is not ("false" or "0" or "");
            if (text == "true") return true;
            if (text == "false") return false;
            if (type == JsonObjectType.Boolean)
                violations.Add(new SchemaViolation(name, $"must be true or false, not {Quote(text)}"));
            return text;
        }
        if (type.HasFlag(JsonObjectType.Integer))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && Math.Abs((double)whole) <= MaxSafeInteger)
                return whole;
            if (type == JsonObjectType.Integer)
                violations.Add(new SchemaViolation(name, $"must be a whole number from -{MaxSafeInteger} to {MaxSafeInteger}, not {Quote(text)}"));
            return text;
        }
        if (type.HasFlag(JsonObjectType.Number))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number) && Math.Abs(number) <= MaxSafeInteger)
                return number == Math.Floor(number) ? new JValue((long)number) : new JValue(number);
            if (type == JsonObjectType.Number)
                violations.Add(new SchemaViolation(name, $"must be a finite number from -{MaxSafeInteger} to {MaxSafeInteger}, not {Quote(text)}"));
            return text;
        }
        return text;
    }

    private static string Quote(string text) => "\"" + (text.Length > 64 ? text[..64] + "…" : text) + "\"";
}
