using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>Credentials and headers of one worker's tenant on each vendor (what the official client would send).</summary>
public sealed record Credentials(IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> ByVendor);

/// <summary>
/// Draws malformed (and some well-formed) requests against the emulator's operations: bodies (invalid JSON and UTF-8,
/// lone surrogates, wrong types, missing and unknown fields, huge strings and arrays, deep nesting), queries (absurd
/// values, forged and foreign page tokens), paths (%2F, .., %00, unicode, 10k characters), methods, content types and
/// credentials. Values come from the operations' schemas and from ids harvested from the seeded data.
/// </summary>
public sealed class RequestGenerator(IReadOnlyList<FuzzOperation> operations, FuzzPools pools, int maxBodyBytes)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "FUZZ"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/jsonx", "*/*", "", "application/merge-patch+json",
        "application/json; charset=\"utf-8\"", "APPLICATION/JSON",
    ];

    private static readonly string[] AbsurdQueryValues =
    [
        "", "-1", "0", "1", "2147483648", "99999999999999999999999", "-0", "1e309", "NaN", "Infinity", "0x10", "1.5", "true", "false",
        "null", "[]", "{}", "%00", "%FF%FE", "%ED%A0%80", "%C3%28", "%E2%82", "..%2F..%2F", "%2F", "'; DROP TABLE x;--", "<script>",
        "ünïcødé", "😀", "%F0%9F%98%80", "a%26b%3Dc", " ", "+", "%20",
    ];

    private static readonly string[] AbsurdSegments =
    [
        "%2F", "a%2Fb", "..", "%2e%2e", "%2E%2E%2Fetc", "%00", "a%00b", "%FF", "%ED%A0%80", "%C0%AF", "ünï©ødé", "%F0%9F%98%80",
        "😀", "-", "0", "null", "undefined", "%20", "~", "a;b", "%25", "*", "{id}", ".", "%0D%0A", "%09",
    ];

    /// <summary>Raw UTF-8 for non-ASCII text (System.Text.Json escapes it by default), so unicode reaches the server as bytes.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Raw = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public FuzzRequest Next(long index, Rng rng, Credentials credentials)
    {
        var controlOps = operations.Where(o => o.IsControl).ToList();
        var vendorOps = operations.Where(o => !o.IsControl).ToList();
        var op = controlOps.Count > 0 && rng.Chance(0.12) ? rng.Pick(controlOps) : rng.Pick(vendorOps);
        var kinds = new List<string>();

        // Method.
        var method = op.Method;
        if (rng.Chance(0.12)) { method = rng.Pick(Methods); if (method != op.Method) kinds.Add("method"); }

        // Path.
        var path = Path(op, rng, kinds);

        // Query.
        var query = Query(op, rng, kinds);

        // Body and content type.
        byte[]? body = null;
        string? contentType = null;
        var wantsBody = op.Method is "POST" or "PUT" or "PATCH" || rng.Chance(0.1);
        if (wantsBody && !(op.IsControl && op.Method == "POST" && op.Template is "/_emulator/faults" or "/_emulator/overrides" or "/_emulator/tunnels" && rng.Chance(0)))
        {
            body = Body(op, rng, kinds);
            contentType = "application/json";
        }
        if (rng.Chance(0.1))
        {
            contentType = rng.Chance(0.2) ? null : rng.Pick(ContentTypes);
            kinds.Add("content-type");
        }

        // Credentials.
        var headers = new List<KeyValuePair<string, string>>();
        var workerCredential = true;
        var vendorHeaders = credentials.ByVendor.TryGetValue(op.Vendor, out var h) ? h : [];
        var credentialKind = rng.Weighted(85, 4, 3, 3, 2, 2, 1);
        if (credentialKind == 0) headers.AddRange(vendorHeaders);
        else
        {
            workerCredential = false;
            kinds.Add("credentials");
            headers.AddRange(vendorHeaders.Where(kv => !kv.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                && !(credentialKind == 6 && kv.Key.Equals("x-workspace-id", StringComparison.OrdinalIgnoreCase))));
            switch (credentialKind)
            {
                case 1: break; // none
                case 2: headers.Add(new("Authorization", rng.Pick(pools.GarbageCredentials))); break;
                case 3: headers.Add(new("Authorization", "Bearer " + rng.Pick(pools.GarbageTokens))); break;
                case 4: headers.Add(new("Authorization", "Bearer ünïcødé-\u00ff\u0080")); break; // bytes 0x80–0xFF (Latin-1 on the wire)
                case 5: headers.Add(new("Authorization", "Bearer " + new string('t', rng.Pick(new[] { 5_000, 20_000, 70_000 })))); break;
                case 6:
                    headers.AddRange(vendorHeaders.Where(kv => kv.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)));
                    headers.Add(new("x-workspace-id", rng.Pick(AbsurdSegments)));
                    workerCredential = true; // the same tenant, another workspace: still the worker's state
                    break;
            }
        }
        if (rng.Chance(0.02)) { headers.Add(new("X-Fuzz-" + rng.Letters(3), new string('h', 40_000))); kinds.Add("big-header"); }

        if (kinds.Count == 0) kinds.Add("edgy-valid");
        return new FuzzRequest(index, op, string.Join('+', kinds.Distinct()), method, path + query, headers, contentType, body, workerCredential);
    }

    private string Path(FuzzOperation op, Rng rng, List<string> kinds)
    {
        var path = op.Template;
        foreach (var name in op.Parameters)
        {
            var placeholder = path.Contains("{*" + name + "}") ? "{*" + name + "}" : "{" + name + "}";
            string value;
            if (rng.Chance(0.15)) { value = Segment(rng); kinds.Add("path"); }
            else value = Uri.EscapeDataString(pools.ValueFor(op.Vendor, name, rng));
            path = path.Replace(placeholder, value);
        }
        switch (rng.Weighted(92, 2, 2, 2, 2))
        {
            case 1: path += "/" + Segment(rng); kinds.Add("path"); break;
            case 2: path += "/"; kinds.Add("path"); break;
            case 3: path = path.Replace("/v1/", "//v1/"); kinds.Add("path"); break;
            case 4: path = "/" + path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/" + Segment(rng) + "/" + rng.Letters(5); kinds.Add("path"); break;
        }
        return path;
    }

    private static string Segment(Rng rng) => rng.Weighted(10, 1, 1) switch
    {
        0 => rng.Pick(AbsurdSegments),
        1 => new string('s', rng.Pick(new[] { 300, 2_000, 10_000 })),
        _ => string.Concat(Enumerable.Repeat("%C3%BC", rng.Pick(new[] { 100, 1_700 }))),
    };

    private string Query(FuzzOperation op, Rng rng, List<string> kinds)
    {
        var parts = new List<string>();
        var properties = op.Query?["properties"] as JsonObject;
        if (properties is not null && properties.Count > 0)
        {
            var values = new SchemaValues(op.Query!, rng, pools.Values(op.Vendor));
            foreach (var (name, schema) in properties)
            {
                if (!rng.Chance(0.3)) continue;
                var key = Uri.EscapeDataString(name);
                switch (rng.Weighted(5, 3, 1, 1))
                {
                    case 0:
                        var valid = values.Valid(schema);
                        if (valid is JsonObject deep) // deepObject, as the official clients send objects
                            foreach (var (k, v) in deep) parts.Add(key + "%5B" + Uri.EscapeDataString(k) + "%5D=" + Uri.EscapeDataString(QueryValues(v).FirstOrDefault() ?? ""));
                        else
                            foreach (var v in QueryValues(valid)) parts.Add(key + "=" + Uri.EscapeDataString(v));
                        break;
                    case 1:
                        parts.Add(key + "=" + (IsTokenName(name) ? rng.Pick(pools.PageTokens) : rng.Pick(AbsurdQueryValues)));
                        kinds.Add(IsTokenName(name) ? "page-token" : "query");
                        break;
                    case 2:
                        parts.Add(key + "=" + new string('q', rng.Pick(new[] { 1_000, 10_000 })));
                        kinds.Add("query");
                        break;
                    default:
                        parts.Add(key + "=1"); parts.Add(key + "=" + rng.Pick(AbsurdQueryValues));
                        kinds.Add("query");
                        break;
                }
            }
        }
        if (rng.Chance(0.05)) { parts.Add(rng.Pick(new[] { "nextToken", "page", "cursor" }) + "=" + rng.Pick(pools.PageTokens)); kinds.Add("page-token"); }
        if (rng.Chance(0.05)) { parts.Add("fuzz" + rng.Letters(3) + "=" + rng.Pick(AbsurdQueryValues)); kinds.Add("query"); }
        if (rng.Chance(0.02)) { parts.Add("&&=&%=%"); kinds.Add("query"); }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static bool IsTokenName(string name) => name is "nextToken" or "page" or "cursor" or "next";

    private static IEnumerable<string> QueryValues(JsonNode? value) => value switch
    {
        null => ["null"],
        JsonArray array => array.Select(v => v is JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.String ? jv.GetValue<string>() : v?.ToJsonString() ?? "null"),
        JsonValue jv when jv.GetValueKind() == System.Text.Json.JsonValueKind.String => [jv.GetValue<string>()],
        _ => [value.ToJsonString()],
    };

    private byte[] Body(FuzzOperation op, Rng rng, List<string> kinds)
    {
        var values = new SchemaValues(op.Request ?? [], rng, pools.Values(op.Vendor));
        JsonNode? Valid() => op.Request is null ? new JsonObject() : values.Valid(op.Request);
        byte[] Json(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString(Raw) ?? "null");
        var budget = Math.Max(1024, maxBodyBytes);
        switch (rng.Weighted(14, 8, 6, 6, 6, 5, 5, 4, 4, 3, 4, 3, 2))
        {
            case 0: kinds.Add("body-valid"); return Json(Valid());
            case 1:
                {
                    kinds.Add("body-mutated");
                    var doc = Valid();
                    if (op.Request is null || doc is null) return Json(new JsonObject { ["fuzz"] = 1 });
                    var breakages = values.Breakages(op.Request, doc).ToList();
                    return breakages.Count == 0 ? Json(doc) : Json(rng.Pick(breakages).Document);
                }
            case 2:
                {
                    kinds.Add("body-invalid-json");
                    var text = Valid()?.ToJsonString() ?? "{}";
                    return Encoding.UTF8.GetBytes(rng.Int(8) switch
                    {
                        0 => text[..Math.Max(0, text.Length - 1 - rng.Int(Math.Max(1, text.Length / 2)))],
                        1 => text + "garbage",
                        2 => text.Replace('"', '\''),
                        3 => "{\"a\":NaN}",
                        4 => "{/*comment*/\"a\":1}",
                        5 => "{\"a\":1,}",
                        6 => "\u00ef\u00bb\u00bf" + text,
                        _ => rng.Pick(new[] { "{", "[", "\"", "nul", "tru", "{\"a\"}", "{\"a\":}", "}", "{{}}", "\\", "{\"a\":1}{\"b\":2}" }),
                    });
                }
            case 3:
                {
                    kinds.Add("body-invalid-utf8");
                    var text = Encoding.UTF8.GetBytes("{\"name\":\"fu");
                    byte[] bad = rng.Pick(new[] { new byte[] { 0xFF }, [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80] });
                    var doc = Valid();
                    if (doc is JsonObject o && o.Count > 0 && rng.Chance(0.6))
                    {
                        var key = rng.Pick(o.Select(kv => kv.Key).ToList());
                        o[key] = "\u0001MARK\u0001";
                        var json = Encoding.UTF8.GetBytes(o.ToJsonString());
                        var marker = Encoding.UTF8.GetBytes("\\u0001MARK\\u0001");
                        var at = json.AsSpan().IndexOf(marker);
                        if (at >= 0) return [.. json[..at], .. bad, .. json[(at + marker.Length)..]];
                    }
                    return [.. text, .. bad, .. "zz\"}"u8.ToArray()];
                }
            case 4:
                {
                    kinds.Add("body-lone-surrogate");
                    var doc = Valid() as JsonObject ?? [];
                    var surrogate = rng.Pick(new[] { "\\ud800", "\\udfff", "\\ud800\\ud800", "x\\udc00y", "\\ud83d" });
                    var key = doc.Count > 0 && rng.Chance(0.7) ? rng.Pick(doc.Select(kv => kv.Key).ToList()) : "name";
                    doc[key] = "\u0001MARK\u0001";
                    return Encoding.UTF8.GetBytes(doc.ToJsonString(Raw).Replace("\\u0001MARK\\u0001", surrogate));
                }
            case 5:
                {
                    kinds.Add("body-wrong-type");
                    var doc = Valid();
                    if (doc is JsonObject o && o.Count > 0 && rng.Chance(0.6))
                    {
                        var key = rng.Pick(o.Select(kv => kv.Key).ToList());
                        o[key] = WrongValue(rng);
                        return Json(o);
                    }
                    return Json(WrongValue(rng));
                }
            case 6:
                {
                    kinds.Add("body-missing-unknown");
                    var doc = Valid() as JsonObject ?? [];
                    if (doc.Count > 0 && rng.Chance(0.5)) doc.Remove(rng.Pick(doc.Select(kv => kv.Key).ToList()));
                    else doc[rng.Pick(new[] { "fuzzUnknown", "__proto__", "constructor", "", "id", "$ref", "ünï" })] = WrongValue(rng);
                    return Json(doc);
                }
            case 7:
                {
                    kinds.Add("body-huge-string");
                    var doc = Valid() as JsonObject ?? [];
                    var size = rng.Between(budget / 4, budget - 200);
                    var key = doc.Count > 0 ? rng.Pick(doc.Select(kv => kv.Key).ToList()) : "name";
                    doc[key] = rng.Chance(0.5) ? new string('x', size) : string.Concat(Enumerable.Repeat("ü😀", size / 6));
                    return Json(doc);
                }
            case 8:
                {
                    kinds.Add("body-huge-array");
                    var doc = Valid() as JsonObject ?? [];
                    var key = doc.Count > 0 ? rng.Pick(doc.Select(kv => kv.Key).ToList()) : "tags";
                    var count = rng.Between(budget / 8, Math.Max(budget / 8, budget / 2 - 100));
                    var text = doc.ToJsonString();
                    doc.Remove(key);
                    var rest = doc.ToJsonString();
                    var array = "[" + string.Join(',', Enumerable.Repeat("1", count)) + "]";
                    return Encoding.UTF8.GetBytes(rest.Length > 2 ? "{\"" + key + "\":" + array + "," + rest[1..] : "{\"" + key + "\":" + array + "}");
                }
            case 9:
                {
                    kinds.Add("body-deep-nesting");
                    var depth = rng.Pick(new[] { 64, 65, 200, 1_000, Math.Min(10_000, budget / 3) });
                    var open = rng.Chance(0.5) ? "[" : "{\"a\":";
                    var close = open == "[" ? "]" : "}";
                    var inner = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                    return Encoding.UTF8.GetBytes("{\"name\":" + inner + "}");
                }
            case 10: kinds.Add("body-empty"); return [];
            case 11:
                {
                    kinds.Add("body-garbage");
                    var bytes = new byte[rng.Between(1, 512)];
                    for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)rng.Int(256);
                    return bytes;
                }
            default:
                kinds.Add("body-numbers");
                return Encoding.UTF8.GetBytes("{\"limit\":" + rng.Pick(new[] { "1e309", "-0", "123456789012345678901234567890", "0.0000000000000000000001", "-1", "1E400" }) + "}");
        }
    }

    private static JsonNode? WrongValue(Rng rng) => rng.Int(9) switch
    {
        0 => null,
        1 => true,
        2 => 12345,
        3 => -1.5,
        4 => new JsonArray(1, "a", null),
        5 => new JsonObject { ["nested"] = new JsonObject() },
        6 => "",
        7 => new string('w', 300),
        _ => JsonValue.Create(rng.Draw(Gen.String)),
    };
}
