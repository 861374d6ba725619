using System.Diagnostics;
using System.Globalization;
using IntegrationsApiEmulator;

// StartupProbe [--rounds N] [--warmup W] | --cold
//
// In one process, W + N times: IntegrationsEmulator.StartAsync() (TestServer, the in-process default) +
// first GET /_emulator/health, then the first Botpress list on a fresh tenant (which seeds the tenant
// template), then the first Botpress list of a second new tenant (the template exists: what every further
// test's new tenant pays), then DisposeAsync(). The first W rounds warm the process (JIT, assembly loading) and are
// discarded. Prints a table and machine-readable "RESULT" lines for bench/run.sh.
// --cold: one round, no warm-up (= --rounds 1 --warmup 0): what the first emulator of a fresh test process costs;
// bench/run.sh starts a new process per cold round.
var rounds = 30;
var warmup = 5;
for (var a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--rounds": rounds = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
        case "--cold": rounds = 1; warmup = 0; break;
        default:
            await Console.Error.WriteLineAsync("usage: StartupProbe [--rounds N] [--warmup W] | --cold");
            return 2;
    }
}

var start = new List<double>();        // StartAsync() returned
var firstResponse = new List<double>(); // StartAsync() + first /_emulator/health response read: the goal metric
var firstBotpress = new List<double>(); // then the first Botpress list on a new tenant (seeds the template)
var newTenant = new List<double>();     // then the first Botpress list of another new tenant (template built)
var knownTenantList = new List<double>(); // then the same list again (the tenant exists)
var dispose = new List<double>();       // DisposeAsync()
var cycle = new List<double>();         // all of the above

for (var round = 0; round < warmup + rounds; round++)
{
    var clock = Stopwatch.StartNew();
    var emulator = await IntegrationsEmulator.StartAsync();
    var started = clock.Elapsed.TotalMilliseconds;
    using (var client = emulator.CreateClient())
    using (var response = await client.GetAsync(new Uri("_emulator/health", UriKind.Relative)))
    {
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
    var responded = clock.Elapsed.TotalMilliseconds;
    using (var botpress = emulator.CreateBotpressClient())
    using (var response = await botpress.GetAsync(new Uri("v1/admin/integrations?limit=20", UriKind.Relative)))
    {
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
    var listed = clock.Elapsed.TotalMilliseconds;
    // A new tenant's first request once the template exists, on a client that has already sent a request (so what is
    // timed is the tenant, not the client's first use); then the same request as a known tenant, for comparison.
    double secondTenant, knownTenant;
    using (var botpress = emulator.CreateBotpressClient())
    {
        await ListAsync(botpress, null);
        var before = clock.Elapsed.TotalMilliseconds;
        await ListAsync(botpress, $"bp_pat_probe_new_tenant_{round}");
        secondTenant = clock.Elapsed.TotalMilliseconds - before;
        before = clock.Elapsed.TotalMilliseconds;
        await ListAsync(botpress, $"bp_pat_probe_new_tenant_{round}");
        knownTenant = clock.Elapsed.TotalMilliseconds - before;
    }
    var secondListed = clock.Elapsed.TotalMilliseconds;
    await emulator.DisposeAsync();
    var disposed = clock.Elapsed.TotalMilliseconds;

    if (round < warmup) continue;
    start.Add(started);
    firstResponse.Add(responded);
    firstBotpress.Add(listed - responded);
    newTenant.Add(secondTenant);
    knownTenantList.Add(knownTenant);
    dispose.Add(disposed - secondListed);
    cycle.Add(disposed);
}

Console.WriteLine($"StartupProbe: {rounds} rounds after {warmup} warm-up rounds, one process, TestServer (IntegrationsEmulator.StartAsync)");
Console.WriteLine($"{"measure",-44} {"median ms",10} {"p90 ms",8} {"min ms",8} {"max ms",8}");
Report("start_ms", "StartAsync()", start);
Report("start_first_response_ms", "StartAsync() + first /_emulator/health", firstResponse);
Report("first_botpress_list_ms", "then first Botpress list (new tenant, seeds)", firstBotpress);
Report("new_tenant_first_request_ms", "then another new tenant's first list", newTenant);
Report("known_tenant_request_ms", "then the same list again (known tenant)", knownTenantList);
Report("dispose_ms", "DisposeAsync()", dispose);
Report("cycle_ms", "whole cycle", cycle);
return 0;

static async Task ListAsync(HttpClient client, string? token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/admin/integrations?limit=20", UriKind.Relative));
    if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    using var response = await client.SendAsync(request);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
}

static void Report(string key, string label, List<double> samples)
{
    var sorted = samples.Order().ToArray();
    var median = sorted.Length % 2 == 1
        ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    // Nearest rank.
    var p90 = sorted[Math.Max(0, (int)Math.Ceiling(0.9 * sorted.Length) - 1)];
    var f = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(f, $"{label,-44} {median,10:F1} {p90,8:F1} {sorted[0],8:F1} {sorted[^1],8:F1}"));
    Console.WriteLine(string.Create(f, $"RESULT {key} median={median:F2} p90={p90:F2} min={sorted[0]:F2} max={sorted[^1]:F2} n={sorted.Length}"));
}
