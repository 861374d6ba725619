using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationsApiEmulator.Client;

/// <summary>
/// What an assertion looks for in the journal, and how far a recorded request is from it: the criteria it misses,
/// and how many leading path segments it shares with the expected path (for ranking the closest requests).
/// </summary>
internal sealed record RequestExpectation(string Vendor, string Method, string Path, string? Tenant, int? Status, string? BodyContains)
{
    private readonly Regex _path = new("^" + Regex.Escape(Path).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The journal filter the emulator applies; the body is checked here.</summary>
    public RequestFilter Filter => new() { Vendor = Vendor, Tenant = Tenant, Method = Method, Path = Path, Status = Status, Limit = int.MaxValue };

    public bool BodyMatches(RecordedRequest request) =>
        BodyContains is null || (request.RequestBody?.Contains(BodyContains, StringComparison.Ordinal) ?? false);

    /// <summary>The criteria <paramref name="request"/> misses (empty when it matches).</summary>
    public IReadOnlyList<string> Misses(RecordedRequest request)
    {
        var misses = new List<string>();
        if (!string.Equals(request.Method, Method, StringComparison.OrdinalIgnoreCase)) misses.Add("method");
        if (!PathMatches(request.Path)) misses.Add("path");
        if (Tenant is not null && request.Tenant != Tenant) misses.Add("tenant");
        if (Status is { } status && request.Status != status) misses.Add("status");
        if (!BodyMatches(request)) misses.Add("body");
        return misses;
    }

    /// <summary>Closeness: fewer misses first, then more shared path segments.</summary>
    public (int Misses, int SharedSegments) Distance(RecordedRequest request) =>
        (Misses(request).Count, -SharedSegments(VendorRelative(request.Path)));

    public string Describe()
    {
        var text = new StringBuilder($"{Method.ToUpperInvariant()} {Path}");
        if (Tenant is not null) text.Append($"  tenant {Tenant}");
        if (Status is { } status) text.Append($"  status {status}");
        if (BodyContains is not null) text.Append($"  body contains \"{BodyContains}\"");
        return text.ToString();
    }

    private bool PathMatches(string path) => _path.IsMatch(path) || _path.IsMatch(VendorRelative(path));

    private string VendorRelative(string path) =>
        path.StartsWith("/" + Vendor + "/", StringComparison.Ordinal) ? path[(Vendor.Length + 1)..] : path;

    private int SharedSegments(string path)
    {
        var expected = VendorRelative(Path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var actual = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var shared = 0;
        while (shared < expected.Length && shared < actual.Length
            && (expected[shared] == actual[shared] || expected[shared].Contains('*', StringComparison.Ordinal))) shared++;
        return shared;
    }
}
