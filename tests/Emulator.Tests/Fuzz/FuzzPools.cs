using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>
/// Values harvested from the seeded data (ids, names, page tokens) so generated paths reach real entities and
/// page-token parameters get real tokens of other lists (foreign) besides forged ones.
/// </summary>
public sealed class FuzzPools
{
    private readonly Dictionary<string, Dictionary<string, List<string>>> _byVendorAndName = [];
    private readonly Dictionary<string, List<string>> _byVendor = [];

    public List<string> PageTokens { get; } =
    [
        "", "x", "0", "-1", "AAAA", "eyJhIjoxfQ", "eyJvZmZzZXQiOjk5OTk5OTk5fQ==", "%00", "%FF%FF", "..%2F", new string('A', 2048),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"k\":\"v\",\"sig\":\"forged\"}")), "null", "undefined", "%ED%A0%80",
    ];

    /// <summary>A few values per class, so garbage credentials make a bounded number of tenants.</summary>
    public string[] GarbageCredentials { get; } = ["Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "bearer  x", "Token abc", "garbage", "Bearer a b c", "Digest x=1"];

    public string[] GarbageTokens { get; } = ["bp_pat_forged", "pat-forged", "gb_forged", "x", "null", "%00", "'; --", "bp_bak_forged0000"];

    public void Harvest(string vendor, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and < 120)
                    {
                        if (key is "nextToken" or "next" or "cursor" or "page") PageTokens.Add(Uri.EscapeDataString(s));
                        if (key == "id" || key.EndsWith("Id", StringComparison.Ordinal) || key == "name" || key == "key" || key == "version") Add(vendor, key, s);
                    }
                    else Harvest(vendor, value);
                }
                break;
            case JsonArray a:
                foreach (var item in a.Take(20)) Harvest(vendor, item);
                break;
        }
    }

    private void Add(string vendor, string key, string value)
    {
        if (!_byVendorAndName.TryGetValue(vendor, out var names)) _byVendorAndName[vendor] = names = [];
        if (!names.TryGetValue(key, out var list)) names[key] = list = [];
        if (!list.Contains(value)) list.Add(value);
        if (!_byVendor.TryGetValue(vendor, out var all)) _byVendor[vendor] = all = [];
        if (!all.Contains(value)) all.Add(value);
    }

    public IReadOnlyList<string> Values(string vendor) => _byVendor.TryGetValue(vendor, out var all) ? all : [];

    /// <summary>A value for path parameter <paramref name="name"/>: one seen under that name (or "id"), else any.</summary>
    public string ValueFor(string vendor, string name, Rng rng)
    {
        if (_byVendorAndName.TryGetValue(vendor, out var names))
        {
            if (names.TryGetValue(name, out var exact) && exact.Count > 0 && rng.Chance(0.8)) return rng.Pick(exact);
            var suffix = name.EndsWith("Id", StringComparison.Ordinal) || name == "id" ? "id" : "name";
            if (names.TryGetValue(suffix, out var loose) && loose.Count > 0 && rng.Chance(0.7)) return rng.Pick(loose);
        }
        var all = Values(vendor);
        return all.Count > 0 && rng.Chance(0.7) ? rng.Pick(all) : "fuzz-" + rng.Letters(6);
    }
}
