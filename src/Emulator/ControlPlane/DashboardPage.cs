using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>The dashboard's HTML: plain tables, every value HTML-encoded.</summary>
internal sealed class DashboardPage(int? refreshSeconds)
{
    public (string Now, bool Frozen) Clock { get; init; }

    public IReadOnlyList<(string Vendor, IReadOnlyList<(string Key, IReadOnlyDictionary<string, int> Counts)> Tenants)> Tenants { get; init; } = [];

    public IReadOnlyList<FaultRuleState> Faults { get; init; } = [];

    /// <summary>Newest first; null when the journal is off.</summary>
    public IReadOnlyList<JournalEntry>? Journal { get; init; }

    private readonly StringBuilder _html = new();

    public string Render()
    {
        _html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Integrations API Emulator</title>");
        if (refreshSeconds is { } seconds) _html.Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"refresh\" content=\"{seconds}\">");
        _html.Append("<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}th{background:#f4f4f4}code{font-size:13px}</style></head><body>")
            .Append("<h1>Integrations API Emulator</h1>");
        Text("p", $"Clock: {Clock.Now}{(Clock.Frozen ? " (frozen)" : "")} · JSON: /_emulator/tenants, /_emulator/requests, /_emulator/faults, /_emulator/clock, /_emulator/openapi.json");
        RenderTenants();
        RenderFaults();
        RenderJournal();
        return _html.Append("</body></html>").ToString();
    }

    private void RenderTenants()
    {
        Text("h2", "Tenants");
        foreach (var (vendor, tenants) in Tenants)
        {
            Text("h3", $"{vendor} ({tenants.Count})");
            if (tenants.Count == 0)
            {
                Text("p", "No tenant yet: a tenant appears on its first request.");
                continue;
            }
            var entities = tenants.SelectMany(t => t.Counts.Keys).Distinct().ToList();
            Table(["tenant", .. entities], tenants.Select(t => (IEnumerable<string>)[t.Key, .. entities.Select(e => t.Counts.TryGetValue(e, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "")]));
        }
    }

    private void RenderFaults()
    {
        Text("h2", $"Faults ({Faults.Count})");
        Table(["id", "vendor", "method", "path", "status", "delay ms", "abort", "probability", "remaining", "hits"], Faults.Select(f => (IEnumerable<string>)
            [f.Id, f.Rule.Vendor ?? "*", f.Rule.Method ?? "*", f.Rule.Path ?? "*", f.Rule.Status?.ToString(CultureInfo.InvariantCulture) ?? "",
             f.Rule.DelayMs.ToString(CultureInfo.InvariantCulture), f.Rule.Abort ? "yes" : "", f.Rule.Probability.ToString(CultureInfo.InvariantCulture),
             f.Remaining?.ToString(CultureInfo.InvariantCulture) ?? "∞", f.Hits.ToString(CultureInfo.InvariantCulture)]));
    }

    private void RenderJournal()
    {
        if (Journal is null)
        {
            Text("h2", "Requests");
            Text("p", "The request journal is off (--journal-size 0).");
            return;
        }
        Text("h2", $"Requests (newest {Journal.Count})");
        Table(["time", "vendor", "tenant", "method", "path", "status", "ms", "fault"], Journal.Select(e => (IEnumerable<string>)
            [Core.EmulatorJson.Iso(e.Time), e.Vendor, e.Tenant ?? "", e.Method, e.Path + (e.Query ?? ""), e.Status.ToString(CultureInfo.InvariantCulture),
             e.DurationMs.ToString("0.0", CultureInfo.InvariantCulture), e.Fault ?? ""]));
    }

    private void Table(IEnumerable<string> headings, IEnumerable<IEnumerable<string>> rows)
    {
        _html.Append("<table><tr>");
        foreach (var heading in headings) Text("th", heading);
        _html.Append("</tr>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var cell in row) Text("td", cell);
            _html.Append("</tr>");
        }
        _html.Append("</table>");
    }

    private void Text(string tag, string text) => _html.Append('<').Append(tag).Append('>').Append(HtmlEncoder.Default.Encode(text)).Append("</").Append(tag).Append('>');
}
