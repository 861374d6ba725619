using System.Text;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>One generated request, everything needed to send it again (and to print it when it fails).</summary>
public sealed record FuzzRequest(
    long Index, FuzzOperation Operation, string Kind, string Method, string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[]? Body, bool WorkerCredential)
{
    /// <summary>The vendor whose envelope the answer must be in (from the first path segment).</summary>
    public string Vendor => Operation.Vendor;

    public string Describe(int excerpt = 300)
    {
        var text = new StringBuilder();
        text.Append($"#{Index} [{Kind}] {Method} {Truncate(PathAndQuery, excerpt)}");
        text.Append($" (route {Operation})");
        if (ContentType is not null) text.Append($" content-type: {Truncate(ContentType, 80)}");
        foreach (var (name, value) in Headers) text.Append($" {name}: {Truncate(value, 60)}");
        if (Body is not null) text.Append($" body ({Body.Length} B): {Excerpt(Body, excerpt)}");
        return text.ToString();
    }

    public static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + $"…(+{s.Length - max})";

    /// <summary>The first bytes of a body, UTF-8 where it decodes, \xNN where it does not.</summary>
    public static string Excerpt(byte[] body, int max)
    {
        var text = new StringBuilder();
        var decoder = new UTF8Encoding(false, true);
        for (var i = 0; i < body.Length && text.Length < max; i++)
        {
            var b = body[i];
            if (b < 0x80) text.Append(b is >= 0x20 and < 0x7f ? (char)b : $"\\x{b:X2}");
            else
            {
                var len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                try
                {
                    if (i + len > body.Length || len == 1) throw new DecoderFallbackException();
                    text.Append(decoder.GetString(body, i, len));
                    i += len - 1;
                }
                catch (Exception e) when (e is DecoderFallbackException or ArgumentException) { text.Append($"\\x{b:X2}"); }
            }
        }
        if (body.Length > 0 && text.Length >= max) text.Append($"…({body.Length} B)");
        return text.ToString();
    }
}
