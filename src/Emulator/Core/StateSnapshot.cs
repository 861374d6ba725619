using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationsApiEmulator.Core;

/// <summary>A state snapshot that cannot be imported: <see cref="Path"/> is the JSON path at fault.</summary>
internal sealed class SnapshotException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}

/// <summary>Parsing snapshot text: a property named twice is a parse error (with its path), not a silent overwrite.</summary>
internal static class SnapshotParse
{
    public static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };
}

/// <summary>Writing snapshot values: times in round-trip form, JSON copied so the snapshot owns its nodes.</summary>
internal static class SnapshotWrite
{
    /// <summary>How snapshots are written: indented, non-ASCII and markup left readable.</summary>
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An instant with every tick and its offset (<c>2025-06-01T00:00:00.0000000+00:00</c>).</summary>
    public static string Time(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs) json[key] = value;
        return json;
    }

    public static JsonObject Map<T>(IEnumerable<KeyValuePair<string, T>> pairs, Func<T, JsonNode?> write)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs) json[key] = write(value);
        return json;
    }
}

/// <summary>
/// Reads one node of a snapshot, knowing its JSON path, so every complaint names where it is
/// (<c>$.vendors.gitbook.tenants.t_0123456789abcdef.installations.inst_1.createdAt: must be an ISO 8601 date-time</c>).
/// A missing property and a JSON null read the same: "optional" readers return null for both.
/// </summary>
internal readonly partial struct SnapshotReader(JsonNode? node, string path)
{
    public JsonNode? Node { get; } = node;

    public string Path { get; } = path;

    public bool IsNull => Node is null;

    /// <summary>A property of this object (the reader of a missing property has a null node).</summary>
    public SnapshotReader this[string key] => new(Object().TryGetPropertyValue(key, out var child) ? child : null, ChildPath(Path, key));

    public SnapshotException Error(string reason) => new(Path, reason);

    public JsonObject Object() => Node as JsonObject ?? throw Error(Expected("an object"));

    public string String() => Node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Error(Expected("a string"));

    public string? StringOrNull() => IsNull ? null : String();

    public long Long() => Node is JsonValue value && value.TryGetValue<long>(out var number) ? number : throw Error(Expected("an integer"));

    public int Int() => Node is JsonValue value && value.TryGetValue<int>(out var number) ? number : throw Error(Expected("an integer (32-bit)"));

    public bool Bool() => Node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw Error(Expected("true or false"));

    public double Double() => Node is JsonValue value && value.TryGetValue<double>(out var number) ? number : throw Error(Expected("a number"));

    public DateTimeOffset Time()
    {
        var text = Node is JsonValue value && value.TryGetValue<string>(out var s) ? s : throw Error(Expected("an ISO 8601 date-time string"));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw Error($"\"{text}\" is not an ISO 8601 date-time");
    }

    public DateTimeOffset? TimeOrNull() => IsNull ? null : Time();

    /// <summary>A copy of this JSON object (the snapshot keeps its own nodes).</summary>
    public JsonObject Json() => (JsonObject)Object().DeepClone();

    public JsonObject? JsonOrNull() => IsNull ? null : Json();

    public JsonArray? JsonArrayOrNull() => IsNull ? null : (JsonArray)(Node as JsonArray ?? throw Error(Expected("an array"))).DeepClone();

    /// <summary>The items of this array, each read by <paramref name="read"/> with its index in the path.</summary>
    public List<T> List<T>(Func<SnapshotReader, T> read)
    {
        var array = Node as JsonArray ?? throw Error(Expected("an array"));
        var items = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++) items.Add(read(new SnapshotReader(array[i], $"{Path}[{i}]")));
        return items;
    }

    public List<string> Strings() => List(item => item.String());

    /// <summary>The properties of this object in document order, each with its reader.</summary>
    public IEnumerable<(string Key, SnapshotReader Value)> Entries()
    {
        var path = Path;
        return Object().Select(p => (p.Key, new SnapshotReader(p.Value, ChildPath(path, p.Key)))).ToList();
    }

    /// <summary>An object of strings, in document order.</summary>
    public List<KeyValuePair<string, string>> StringMap() => [.. Entries().Select(e => KeyValuePair.Create(e.Key, e.Value.String()))];

    /// <summary>The value of one of <paramref name="allowed"/>.</summary>
    public string OneOf(params string[] allowed)
    {
        var text = String();
        return allowed.Contains(text, StringComparer.Ordinal) ? text : throw Error($"\"{text}\" is not one of {string.Join(", ", allowed)}");
    }

    private string Expected(string what) => IsNull ? $"is missing or null; must be {what}" : $"must be {what}, not {Node!.GetValueKind().ToString().ToLowerInvariant()}";

    /// <summary><c>path.key</c> for plain keys, <c>path['key']</c> for the others.</summary>
    public static string ChildPath(string path, string key) =>
        PlainKey().IsMatch(key) ? $"{path}.{key}" : $"{path}['{key.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex PlainKey();
}

/// <summary>The tenants and aliases of one vendor, parsed and built, waiting to replace the registry's.</summary>
internal sealed record PreparedTenants<TState>(IReadOnlyList<KeyValuePair<string, TState>> Tenants, IReadOnlyList<KeyValuePair<string, string>> Aliases)
    where TState : TenantState<TState>;

/// <summary>
/// The vendor-independent part of a vendor's snapshot: <c>{"tenants":{"&lt;key&gt;":{...}},"aliases":{"&lt;credential&gt;":"&lt;key&gt;"}}</c>.
/// Each vendor supplies how one tenant's state is written and read (its <c>*Snapshot</c> class).
/// </summary>
internal static class TenantSnapshot
{
    public static JsonObject Export<TState>(TenantRegistry<TState> registry, Func<TState, JsonObject> writeTenant)
        where TState : TenantState<TState>
    {
        var (tenants, aliases) = registry.Contents();
        var json = new JsonObject { ["tenants"] = SnapshotWrite.Map(tenants, state => writeTenant(state)) };
        json["aliases"] = SnapshotWrite.Map(aliases);
        return json;
    }

    /// <summary>Parses and builds every tenant (nothing live is touched); throws <see cref="SnapshotException"/>.</summary>
    public static PreparedTenants<TState> Prepare<TState>(JsonNode? node, string path, Func<SnapshotReader, TState> readTenant)
        where TState : TenantState<TState>
    {
        if (node is null) return new PreparedTenants<TState>([], []);
        var vendor = new SnapshotReader(node, path);
        var tenants = new List<KeyValuePair<string, TState>>();
        foreach (var (key, tenant) in vendor["tenants"].Entries())
        {
            if (key.Length == 0) throw tenant.Error("a tenant key must not be empty");
            tenants.Add(KeyValuePair.Create(key, readTenant(tenant)));
        }
        var known = tenants.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var aliases = new List<KeyValuePair<string, string>>();
        var aliasNode = vendor["aliases"];
        if (!aliasNode.IsNull)
        {
            foreach (var (credential, owner) in aliasNode.Entries())
            {
                var tenantKey = owner.String();
                if (!known.Contains(tenantKey)) throw owner.Error($"names tenant \"{tenantKey}\", which is not in {path}.tenants");
                aliases.Add(KeyValuePair.Create(credential, tenantKey));
            }
        }
        return new PreparedTenants<TState>(tenants, aliases);
    }

    public static void Commit<TState>(TenantRegistry<TState> registry, object prepared) where TState : TenantState<TState>
    {
        var tenants = (PreparedTenants<TState>)prepared;
        registry.ReplaceAll(tenants.Tenants, tenants.Aliases);
    }
}
