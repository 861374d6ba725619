using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationsApiEmulator.Core;

/// <summary>The one set of JSON options every vendor writes with.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A JSON tree as UTF-8 bytes, written with <see cref="Options"/>.</summary>
    public static byte[] Bytes(System.Text.Json.Nodes.JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    /// <summary><c>2024-07-05T19:31:00.000Z</c>: ISO 8601 in UTC with milliseconds (hand-formatted: it is on every list item).</summary>
    public static string Iso(DateTimeOffset time) => string.Create(24, time.UtcDateTime, static (span, t) =>
    {
        Digits(span[..4], t.Year);
        span[4] = '-';
        Digits(span[5..7], t.Month);
        span[7] = '-';
        Digits(span[8..10], t.Day);
        span[10] = 'T';
        Digits(span[11..13], t.Hour);
        span[13] = ':';
        Digits(span[14..16], t.Minute);
        span[16] = ':';
        Digits(span[17..19], t.Second);
        span[19] = '.';
        Digits(span[20..23], t.Millisecond);
        span[23] = 'Z';
    });

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10) into[i] = (char)('0' + value % 10);
    }
}
