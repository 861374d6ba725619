using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Core;

/// <summary>A Newtonsoft <see cref="JToken"/> view of a System.Text.Json tree, for NJsonSchema's validator.</summary>
internal static class JsonTokens
{
    public static JToken From(JsonNode? node) => node switch
    {
        null => JValue.CreateNull(),
        JsonObject obj => new JObject(obj.Select(p => new JProperty(p.Key, From(p.Value)))),
        JsonArray array => new JArray(array.Select(From)),
        JsonValue value => Scalar(value),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static JToken Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return new JValue(value.GetValue<string>());
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            case JsonValueKind.Null:
                return JValue.CreateNull();
            default:
                // Integers stay integers (the validator tells "integer" from "number").
                if (value.TryGetValue<long>(out var integer)) return new JValue(integer);
                if (value.TryGetValue<JsonElement>(out var element) && element.TryGetInt64(out integer)) return new JValue(integer);
                if (value.TryGetValue<JsonElement>(out element) && element.TryGetDecimal(out var number)) return new JValue(number);
                return new JValue(value.GetValue<double>());
        }
    }
}
