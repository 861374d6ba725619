using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// What the journal never stores: credentials. Applied while a request is recorded, before anything reaches the ring:
/// <list type="bullet">
/// <item>headers whose name looks like a credential (<c>Authorization</c>, <c>Cookie</c>, <c>X-Api-Key</c>, any name
/// with auth, token, secret, password, key, cookie, session, signature or credential in it), and any header whose value
/// is the caller's bearer token or has a vendor credential prefix;</item>
/// <item>query parameters whose name is a credential name (<see cref="IsCredentialName"/>), and the caller's bearer
/// token wherever it appears in the query;</item>
/// <item>in the JSON bodies of writes (every method but GET and HEAD, whose bodies carry no credentials here): the
/// values of credential properties (<c>token</c>, <c>secrets</c>, <c>newSigningSecret</c>, <c>password</c>, ...;
/// everything inside them when they hold an object or array), string values with a vendor credential prefix
/// (<see cref="CredentialPrefixes"/>, which each vendor module declares: <c>bp_pat_</c>, <c>gb_inst_</c>, ... — minted
/// API keys, installation and integration tokens), and the caller's bearer token anywhere.</item>
/// </list>
/// Each is replaced with <see cref="Mask"/>. A body that needed no change is kept byte for byte; one that did is
/// re-written as compact JSON (a part that does not parse is kept as text with the bearer token masked).
/// </summary>
internal static class JournalRedaction
{
    /// <summary>What a redacted value reads.</summary>
    public const string Mask = "[REDACTED]";

    private const int MaxCachedHeaderNames = 1024;

    // The headers clients send on every request, decided up front; others are decided once and cached.
    private static readonly FrozenDictionary<string, bool> CommonHeaderNames = new[]
    {
        "Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Connection", "Content-Length", "Content-Type", "Host",
        "Origin", "Pragma", "Referer", "Traceparent", "Tracestate", "Transfer-Encoding", "User-Agent", "Expect",
        "x-workspace-id", "x-bot-id", "x-integration-id", "x-integration-alias", "x-user-id", "x-user-agent", "x-multiple-integrations",
        "membrane-api-version", "X-Requested-With", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-Dest",
    }.Select(name => KeyValuePair.Create(name, false))
        .Append(KeyValuePair.Create("Authorization", true))
        .Append(KeyValuePair.Create("Proxy-Authorization", true))
        .Append(KeyValuePair.Create("Cookie", true))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly ConcurrentDictionary<string, bool> HeaderNames = new(StringComparer.Ordinal);
    private static readonly string[] HeaderWords = ["auth", "token", "secret", "password", "passwd", "cookie", "key", "session", "signature", "credential"];
    private static readonly string[] NameWords =
        ["secret", "password", "passwd", "passphrase", "credential", "authorization", "cookie", "apikey", "privatekey", "accesskey", "signingkey"];
    private static readonly string[] PageTokenNames = ["nexttoken", "pagetoken", "prevtoken", "previoustoken", "continuationtoken", "cursortoken", "synctoken"];
    private static readonly SearchValues<string> QueryHints =
        SearchValues.Create(["token", "secret", "pass", "key", "auth", "cred", "cookie"], StringComparison.OrdinalIgnoreCase);

    private static readonly byte[] MaskJson = Encoding.UTF8.GetBytes(Mask);

    // Fragments of credential property names (both cases of their first letter left out): a hit is then checked.
    private static readonly byte[][] NameNeedles =
    [
        .. new[] { "ecret", "ECRET", "assword", "ASSWORD", "asswd", "assphrase", "redential", "REDENTIAL", "uthorization", "ookie", "oken", "OKEN", "piKey", "pi_key", "PI_KEY", "pikey", "rivateKey", "rivate_key", "ccessKey", "ccess_key", "igningKey" }
            .Select(Encoding.UTF8.GetBytes),
    ];

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// True for a JSON property or query parameter name that holds a credential: with secret, password, passphrase,
    /// credential, authorization, cookie, apiKey, privateKey, accessKey or signingKey in it, or ending in token(s) —
    /// but not a page token (<c>nextToken</c>, <c>pageToken</c>, ...). Case, <c>_</c>, <c>-</c> and <c>.</c> are ignored.
    /// </summary>
    public static bool IsCredentialName(ReadOnlySpan<char> name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '_' or '-' or '.' or ' ') continue;
            if (length == buffer.Length) break;
            buffer[length++] = char.ToLowerInvariant(c);
        }
        ReadOnlySpan<char> normalized = buffer[..length];
        foreach (var word in NameWords)
            if (normalized.Contains(word, StringComparison.Ordinal)) return true;
        var singular = normalized.EndsWith("tokens", StringComparison.Ordinal) ? normalized[..^1] : normalized;
        if (!singular.EndsWith("token", StringComparison.Ordinal)) return false;
        foreach (var page in PageTokenNames)
            if (singular.EndsWith(page, StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>True when a header must not be stored as sent: a credential-looking name, or a credential-looking value.</summary>
    public static bool IsCredentialHeader(string name, string value, ReadOnlySpan<char> bearer, CredentialPrefixes prefixes)
    {
        if (IsCredentialHeaderName(name)) return true;
        if (!bearer.IsEmpty && value.Length >= bearer.Length && value.AsSpan().Contains(bearer, StringComparison.Ordinal)) return true;
        return prefixes.Starts(value);
    }

    /// <summary>The query string with credential parameters and the bearer token masked (the same instance when nothing is).</summary>
    public static string? Query(string? query, ReadOnlySpan<char> bearer)
    {
        if (string.IsNullOrEmpty(query)) return null;
        if (!bearer.IsEmpty && query.Length >= bearer.Length && query.AsSpan().Contains(bearer, StringComparison.Ordinal))
            query = query.Replace(bearer.ToString(), Mask, StringComparison.Ordinal);
        if (query.AsSpan().IndexOfAny(QueryHints) < 0) return query;

        var parts = query.TrimStart('?').Split('&');
        var changed = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=');
            if (equals < 0) continue;
            var name = parts[i][..equals];
            if (!IsCredentialName(Uri.UnescapeDataString(name.Replace('+', ' ')))) continue;
            parts[i] = name + "=" + Uri.EscapeDataString(Mask);
            changed = true;
        }
        return changed ? "?" + string.Join('&', parts) : query;
    }

    /// <summary>
    /// The body with its credentials masked, or null when it has none (the common case, found without parsing).
    /// </summary>
    /// <param name="body">The kept bytes of the body.</param>
    /// <param name="truncated">The body went on past <paramref name="body"/> (its last token may be cut).</param>
    /// <param name="bearer">The caller's bearer token as UTF-8 (empty when there is none).</param>
    /// <param name="prefixes">The vendors' credential prefixes.</param>
    public static byte[]? Body(ReadOnlySpan<byte> body, bool truncated, ReadOnlySpan<byte> bearer, CredentialPrefixes prefixes)
    {
        if (body.IsEmpty || !NeedsRedaction(body, bearer, prefixes)) return null;
        try
        {
            return Rewrite(body, truncated, bearer, prefixes);
        }
        catch (InvalidOperationException)
        {
            // A string the reader cannot unescape (a lone surrogate such as "\ud800"): what it hides cannot be told,
            // so none of the body is kept. The journal never breaks the answer the client already has.
            return [.. MaskJson];
        }
    }

    private static bool IsCredentialHeaderName(string name)
    {
        if (CommonHeaderNames.TryGetValue(name, out var common)) return common;
        if (HeaderNames.TryGetValue(name, out var known)) return known;
        var normalized = name.Replace("-", "").Replace("_", "");
        var credential = false;
        foreach (var word in HeaderWords) credential |= normalized.Contains(word, StringComparison.OrdinalIgnoreCase);
        if (HeaderNames.Count < MaxCachedHeaderNames) HeaderNames.TryAdd(name, credential);
        return credential;
    }

    private static bool NeedsRedaction(ReadOnlySpan<byte> body, ReadOnlySpan<byte> bearer, CredentialPrefixes prefixes)
    {
        if (!bearer.IsEmpty && body.IndexOf(bearer) >= 0) return true;
        if (prefixes.QuotedIn(body)) return true;
        foreach (var needle in NameNeedles)
        {
            var from = 0;
            while (from < body.Length)
            {
                var at = body[from..].IndexOf(needle);
                if (at < 0) break;
                at += from;
                if (IsCredentialPropertyAt(body, at)) return true;
                from = at + needle.Length;
            }
        }
        return false;
    }

    // Is the needle found at `at` inside a property name "...": <value>, the name a credential name and the value not empty?
    private static bool IsCredentialPropertyAt(ReadOnlySpan<byte> body, int at)
    {
        const int maxName = 128;
        var windowStart = Math.Max(0, at - maxName);
        var open = body[windowStart..at].LastIndexOf((byte)'"');
        if (open < 0) return false;
        open += windowStart;
        var close = body[at..Math.Min(body.Length, at + maxName)].IndexOf((byte)'"');
        if (close < 0) return false;
        close += at;
        var rest = body[(close + 1)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)':') return false;
        var value = rest[1..].TrimStart(" \t\r\n"u8);
        if (value.StartsWith("null"u8) || value.StartsWith("\"\""u8) || IsEmptyContainer(value)) return false;
        var nameBytes = body[(open + 1)..close];
        Span<char> name = stackalloc char[nameBytes.Length];
        for (var i = 0; i < nameBytes.Length; i++) name[i] = (char)nameBytes[i];
        return IsCredentialName(name);
    }

    private static bool IsEmptyContainer(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value[0] is not ((byte)'[' or (byte)'{')) return false;
        var inner = value[1..].TrimStart(" \t\r\n"u8);
        return !inner.IsEmpty && inner[0] == (value[0] == (byte)'[' ? (byte)']' : (byte)'}');
    }

    private static byte[] Rewrite(ReadOnlySpan<byte> body, bool truncated, ReadOnlySpan<byte> bearer, CredentialPrefixes prefixes)
    {
        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        var reader = new Utf8JsonReader(body, isFinalBlock: !truncated, new JsonReaderState(ReaderOptions));
        var consumed = 0L;
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            var maskDepth = -1;   // inside a credential property's object or array (at this depth) when >= 0
            var maskNext = false; // the next value is a credential property's
            try
            {
                while (reader.Read())
                {
                    var masked = maskNext || maskDepth >= 0;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var name = reader.GetString()!;
                            writer.WritePropertyName(name);
                            maskNext = maskDepth < 0 && IsCredentialName(name);
                            break;
                        case JsonTokenType.StartObject or JsonTokenType.StartArray:
                            if (maskNext && maskDepth < 0) maskDepth = reader.CurrentDepth;
                            maskNext = false;
                            if (reader.TokenType == JsonTokenType.StartObject) writer.WriteStartObject();
                            else writer.WriteStartArray();
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            if (reader.TokenType == JsonTokenType.EndObject) writer.WriteEndObject();
                            else writer.WriteEndArray();
                            if (maskDepth == reader.CurrentDepth) maskDepth = -1;
                            break;
                        case JsonTokenType.String:
                            WriteString(writer, ref reader, masked, bearer, prefixes);
                            maskNext = false;
                            break;
                        case JsonTokenType.Null:
                            writer.WriteNullValue();
                            maskNext = false;
                            break;
                        default: // numbers, true, false
                            if (masked) writer.WriteStringValue(MaskJson);
                            else writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                            maskNext = false;
                            break;
                    }
                    consumed = reader.BytesConsumed;
                }
            }
            catch (JsonException)
            {
                // Not JSON from here on: kept as text below.
            }
        }

        // The rest: trailing whitespace, a part that is not JSON, or (truncated) a token cut short — dropped, it may be
        // the start of a credential.
        var rest = truncated ? default : body[(int)consumed..];
        var result = new ArrayBufferWriter<byte>(Math.Max(16, output.WrittenCount + rest.Length));
        result.Write(output.WrittenSpan);
        AppendMasked(result, rest, bearer);
        return result.WrittenSpan.ToArray();
    }

    // A string value: masked whole when it is a credential's (or has a credential's shape), else with the bearer token masked in it.
    private static void WriteString(Utf8JsonWriter writer, ref Utf8JsonReader reader, bool masked, ReadOnlySpan<byte> bearer, CredentialPrefixes prefixes)
    {
        ReadOnlySpan<byte> value = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        if (masked || prefixes.Starts(value))
        {
            writer.WriteStringValue(MaskJson);
        }
        else if (!bearer.IsEmpty && value.IndexOf(bearer) >= 0)
        {
            var replaced = new ArrayBufferWriter<byte>(value.Length + MaskJson.Length);
            AppendMasked(replaced, value, bearer);
            writer.WriteStringValue(replaced.WrittenSpan);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void AppendMasked(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> text, ReadOnlySpan<byte> bearer)
    {
        while (!bearer.IsEmpty)
        {
            var at = text.IndexOf(bearer);
            if (at < 0) break;
            output.Write(text[..at]);
            output.Write(MaskJson);
            text = text[(at + bearer.Length)..];
        }
        output.Write(text);
    }
}
