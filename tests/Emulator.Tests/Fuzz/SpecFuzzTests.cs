using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>
/// Contract fuzzing from the vendors' documents (issue 12, item 2): for every implemented operation, a request whose
/// body and query follow the operation's schemas in <c>schemas/{vendor}/</c> (exported from the vendors' own OpenAPI
/// documents and SDK schemas: <c>@botpress/api</c>, <c>@gitbook/api</c> spec/openapi.json, <c>@membranehq/sdk</c>), then
/// each constraint broken one at a time (type, required, enum, const, maxLength, minLength, pattern, minimum, maximum,
/// maxItems, minItems, additionalProperties). Asserted: no 5xx, no 405 without Allow, every answer JSON in the vendor's
/// envelope. Reported as findings (the team decides from the official client's behaviour): a broken constraint the
/// emulator accepts (looser than the spec) and a valid request it refuses as invalid (stricter).
/// </summary>
public sealed class SpecFuzzTests(ITestOutputHelper output)
{
    private const int MaxBreakagesPerOperation = 40;

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Every_operation_with_each_constraint_broken_gets_a_typed_refusal_and_never_a_server_error()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261205UL;
        await using var emulator = await IntegrationsEmulator.StartOnKestrelAsync();
        var runner = new FuzzRunner(emulator);
        var report = new FuzzReport(new FuzzSettings(0, seed, 1, 10_000, 64 * 1024, null));
        var operations = FuzzSurface.Of(emulator).Where(o => !o.IsControl).ToList();
        var pools = await runner.HarvestAsync(operations);
        var validators = new Dictionary<FuzzOperation, NJsonSchema.JsonSchema>();
        int Violations(FuzzOperation op, JsonNode? document)
        {
            if (!validators.TryGetValue(op, out var schema))
                validators[op] = schema = NJsonSchema.JsonSchema.FromJsonAsync(op.Request!.ToJsonString()).GetAwaiter().GetResult();
            return schema.Validate(JToken.Parse(document?.ToJsonString() ?? "null")).Count;
        }
        var findings = new List<string>();
        var skipped = new List<string>();
        long index = 0;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (op, n) in operations.Select((o, n) => (o, n)))
        {
            var rng = new Rng(seed, (uint)n); // operations are ordered: operation n draws from stream n
            var headers = runner.FreshCredentials(op.Vendor);
            var values = new SchemaValues(op.Request ?? [], rng, pools.Values(op.Vendor), optionalChance: 0.8);

            // A body the emulator's own validator (NJsonSchema, the schemas/ documents) accepts.
            JsonNode? body = null;
            var bodyValid = op.Request is null;
            for (var attempt = 0; op.Request is not null && attempt < 20 && !bodyValid; attempt++)
            {
                body = values.Valid(op.Request);
                bodyValid = Violations(op, body) == 0;
            }
            if (!bodyValid) skipped.Add($"{op}: no schema-valid body generated");
            var query = ValidQuery(op, rng, pools);

            // The path: harvested values by parameter name, the first fill the emulator finds (not 404), else the last tried.
            string path = op.Template;
            int? validStatus = null;
            string validAnswer = "";
            for (var attempt = 0; attempt < 4; attempt++)
            {
                path = op.Template;
                foreach (var name in op.Parameters) path = path.Replace("{" + name + "}", Uri.EscapeDataString(pools.ValueFor(op.Vendor, name, rng)));
                var valid = Request(index++, op, "spec-valid", path + Query(query), headers, bodyValid ? body : new JsonObject());
                (validStatus, validAnswer) = await runner.SendOneAsync(valid, report);
                if (validStatus != 404 || op.Parameters.Count == 0) break;
            }
            if (bodyValid && validStatus is 400 or 422)
                findings.Add($"stricter: {op} refuses a schema-valid request: {FuzzRequest.Truncate(validAnswer, 300)}\n    body: {FuzzRequest.Truncate(body?.ToJsonString() ?? "", 300)}");

            // Each query parameter alone with a value valid by its schema (its type: arrays repeated, booleans true/false).
            if (op.Query?["properties"] is JsonObject queryProperties)
            {
                var queryValues = new SchemaValues(op.Query, rng, pools.Values(op.Vendor));
                foreach (var (name, schema) in queryProperties)
                {
                    if (name is "nextToken" or "page" or "cursor" || query.Any(p => p.Name == name || p.Name.StartsWith(name + "[", StringComparison.Ordinal))) continue;
                    List<(string, List<string>)> withOne = [.. query, .. Params(name, queryValues.Valid(schema))];
                    var request = Request(index++, op, "spec-valid query " + name, path + Query(withOne), headers, bodyValid ? body : new JsonObject());
                    var (status, answer) = await runner.SendOneAsync(request, report);
                    if (status is 400 or 422 && validStatus is >= 200 and < 300)
                        findings.Add($"stricter: {op} refuses query {name} valid by its schema: {request.Describe(200)}\n    answer: {FuzzRequest.Truncate(answer, 300)}");
                }
            }

            // Each body constraint broken alone (and confirmed broken by the validator).
            var breakages = new List<(string What, string PathAndQuery, JsonNode? Body)>();
            if (bodyValid && op.Request is not null)
                foreach (var b in values.Breakages(op.Request, body))
                    if (Violations(op, b.Document) > 0)
                        breakages.Add(($"body {b.Path} {b.Constraint}", path + Query(query), b.Document));
            // Each query constraint broken alone.
            foreach (var (name, constraint, broken) in QueryBreakages(op, query))
                breakages.Add(($"query {name} {constraint}", path + Query(broken), body));

            foreach (var (what, pathAndQuery, brokenBody) in breakages.Take(MaxBreakagesPerOperation))
            {
                var request = Request(index++, op, "spec-broken " + what, pathAndQuery, headers, brokenBody);
                var (status, answer) = await runner.SendOneAsync(request, report);
                if (status is >= 200 and < 300)
                    findings.Add($"looser: {op} accepts {what} ({status}): {request.Describe(200)}");
            }
        }

        report.Elapsed = clock.Elapsed;
        var text = new StringBuilder(report.Summary());
        text.AppendLine($"spec findings: {findings.Count}");
        foreach (var finding in findings) text.AppendLine("  " + finding);
        foreach (var skip in skipped) text.AppendLine("  not judged: " + skip);
        output.WriteLine(text.ToString());
        if (Environment.GetEnvironmentVariable("SPEC_FUZZ_REPORT") is { Length: > 0 } file) await File.WriteAllTextAsync(file, text.ToString());
        report.Failures.Should().BeEmpty(text.ToString());
    }

    private static FuzzRequest Request(long index, FuzzOperation op, string kind, string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> headers, JsonNode? body)
    {
        var hasBody = op.Method is "POST" or "PUT" or "PATCH" && !op.Bodiless;
        return new FuzzRequest(index, op, kind, op.Method, pathAndQuery, headers, hasBody ? "application/json" : null,
            hasBody ? Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "{}") : null, true);
    }

    /// <summary>The required query parameters (and a few optional ones), valid by their schema.</summary>
    private static List<(string Name, List<string> Values)> ValidQuery(FuzzOperation op, Rng rng, FuzzPools pools)
    {
        var query = new List<(string, List<string>)>();
        if (op.Query?["properties"] is not JsonObject properties) return query;
        var required = (op.Query["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var values = new SchemaValues(op.Query, rng, pools.Values(op.Vendor));
        foreach (var (name, schema) in properties)
        {
            if (!required.Contains(name) && (name is "nextToken" or "page" or "cursor" || !rng.Chance(0.3))) continue;
            query.AddRange(Params(name, values.Valid(schema)));
        }
        return query;
    }

    /// <summary>A query parameter as sent: an object as deepObject (<c>tags[key]=value</c>, as the official clients send it).</summary>
    private static IEnumerable<(string Name, List<string> Values)> Params(string name, JsonNode? value) =>
        value is JsonObject o ? o.Select(kv => ($"{name}[{kv.Key}]", Strings(kv.Value))) : [(name, Strings(value))];

    private static List<string> Strings(JsonNode? value) => value switch
    {
        null => ["null"],
        JsonArray a => [.. a.SelectMany(Strings)],
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [value.ToJsonString()],
    };

    private static string Query(List<(string Name, List<string> Values)> query) =>
        query.Count == 0 ? "" : "?" + string.Join('&', query.SelectMany(p => p.Values.Select(v => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(v))));

    /// <summary>Each query parameter with one constraint broken: type (non-string types), enum, bounds, lengths, pattern, required.</summary>
    private static IEnumerable<(string Name, string Constraint, List<(string, List<string>)> Query)> QueryBreakages(FuzzOperation op, List<(string Name, List<string> Values)> valid)
    {
        if (op.Query?["properties"] is not JsonObject properties) yield break;
        var values = new SchemaValues(op.Query, new Rng(1, 1));
        var required = (op.Query["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList() ?? [];
        List<(string, List<string>)> With(string name, params string[] v) => [.. valid.Where(p => p.Name != name), (name, v.ToList())];
        foreach (var name in required)
            yield return (name, "required", [.. valid.Where(p => p.Name != name)]);
        foreach (var (name, node) in properties)
        {
            var s = values.Resolve(node);
            var types = SchemaValues.Types(s);
            var itemSchema = types.Contains("array") ? values.Resolve(s["items"]) : s;
            var itemTypes = SchemaValues.Types(itemSchema);
            if (itemTypes.Contains("boolean") && !itemTypes.Contains("string"))
            {
                yield return (name, "type boolean (maybe)", With(name, "maybe"));
                yield return (name, "type boolean (0)", With(name, "0"));
                yield return (name, "type boolean (1)", With(name, "1"));
            }
            if ((itemTypes.Contains("number") || itemTypes.Contains("integer")) && !itemTypes.Contains("string"))
                yield return (name, "type number", With(name, "fuzz-not-a-number"));
            if (itemTypes.Contains("integer") && !itemTypes.Contains("number")) yield return (name, "type integer", With(name, "1.5"));
            if (itemSchema["enum"] is JsonArray) yield return (name, "enum", With(name, "fuzz-not-in-enum"));
            if (itemSchema["minimum"]?.GetValue<double>() is { } min) yield return (name, "minimum", With(name, (min - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (itemSchema["maximum"]?.GetValue<double>() is { } max) yield return (name, "maximum", With(name, (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (itemSchema["maxLength"]?.GetValue<int>() is { } maxLength and < 5000) yield return (name, "maxLength", With(name, new string('m', maxLength + 1)));
            if (itemSchema["minLength"]?.GetValue<int>() is > 0 and var minLength) yield return (name, "minLength", With(name, new string('m', minLength - 1)));
            if (itemSchema["pattern"]?.GetValue<string>() is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch("!! fuzz ##", pattern))
                yield return (name, "pattern", With(name, "!! fuzz ##"));
            if (types.Contains("array") && s["maxItems"]?.GetValue<int>() is { } maxItems and < 100)
                yield return (name, "maxItems", With(name, [.. Enumerable.Repeat(Strings(values.Valid(itemSchema)).FirstOrDefault() ?? "x", maxItems + 1)]));
        }
    }
}
