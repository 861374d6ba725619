using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

// ColdStart [--rounds N] [--header "Name: value"]... --- NAME FIRST THEN CMD [ARGS...] [--- NAME FIRST THEN CMD ...]
//
// For each round, for each target in turn (interleaved, so both see the same machine load): picks a free loopback
// port, starts CMD ARGS with every "{port}" replaced by it, and polls GET http://127.0.0.1:<port><FIRST> every 2 ms
// until it answers 200 (a refused connection or another status is retried): that is "start → first 200". Then, unless
// THEN is "-", one GET <THEN> (must be 200): "start → first 200 on THEN". Then the process is killed and waited for.
// The headers go with every request. Prints, per target, machine-readable lines for bench/run.sh:
//   RESULT <NAME>_first median=.. min=.. max=.. n=.. errors=..   (ms from Process.Start)
//   RESULT <NAME>_then  median=.. min=.. max=.. n=.. errors=..
// errors counts rounds whose THEN answered non-2xx or whose FIRST never answered 200 within 180 s.
var rounds = 5;
var headers = new List<(string, string)>();
var targets = new List<Target>();
var a = 0;
for (; a < args.Length && args[a] != "---"; a++)
{
    switch (args[a])
    {
        case "--rounds": rounds = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
        case "--header":
            var h = args[++a];
            var colon = h.IndexOf(':');
            headers.Add((h[..colon].Trim(), h[(colon + 1)..].Trim()));
            break;
        default: return Usage();
    }
}
while (a < args.Length)
{
    a++; // ---
    var end = Array.IndexOf(args, "---", a);
    if (end < 0) end = args.Length;
    if (end - a < 4) return Usage();
    targets.Add(new Target(args[a], args[a + 1], args[a + 2], args[(a + 3)..end]));
    a = end;
}
if (targets.Count == 0) return Usage();

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(60) };
// Warm the driver's own HTTP stack (JIT) before any measured start: a refused connection and nothing else.
for (var i = 0; i < 3; i++) await TryGetAsync(http, $"http://127.0.0.1:{FreePort()}/", headers);

for (var round = 0; round < rounds; round++)
{
    foreach (var target in targets)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(target.Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in target.Command.Skip(1)) start.ArgumentList.Add(arg.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseUrl = $"http://127.0.0.1:{port}";
        double? first = null, then = null;
        var failed = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(180) && !process.HasExited)
        {
            if (await TryGetAsync(http, baseUrl + target.First, headers) == HttpStatusCode.OK)
            {
                first = clock.Elapsed.TotalMilliseconds;
                break;
            }
            await Task.Delay(2);
        }
        if (first is null) failed = true;
        else if (target.Then != "-")
        {
            var status = await TryGetAsync(http, baseUrl + target.Then, headers);
            then = clock.Elapsed.TotalMilliseconds;
            if (status is null || (int)status < 200 || (int)status > 299)
            {
                failed = true;
                then = null;
                await Console.Error.WriteLineAsync($"{target.Name}: GET {target.Then} answered {(status is null ? "no response" : ((int)status).ToString(CultureInfo.InvariantCulture))}");
            }
        }
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await process.WaitForExitAsync();
        target.Record(first, then, failed);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} {target.Name}: first {first:F1} ms, then {then:F1} ms{(failed ? " FAILED" : "")}"));
        // Let the port and the killed process's memory go before the next start.
        await Task.Delay(200);
    }
}

foreach (var target in targets)
{
    Report(target.Name + "_first", target.FirstMs, target.Errors);
    if (target.Then != "-") Report(target.Name + "_then", target.ThenMs, target.Errors);
}
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: ColdStart [--rounds N] [--header \"Name: value\"]... --- NAME FIRST-PATH THEN-PATH|- CMD [ARGS...] [--- ...]");
    return 2;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string url, List<(string, string)> headers)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
    try
    {
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }
    catch (HttpRequestException)
    {
        return null;
    }
    catch (TaskCanceledException)
    {
        return null;
    }
}

static void Report(string key, List<double> samples, int errors)
{
    var f = CultureInfo.InvariantCulture;
    if (samples.Count == 0)
    {
        Console.WriteLine(string.Create(f, $"RESULT {key} median=NaN min=NaN max=NaN n=0 errors={errors}"));
        return;
    }
    var sorted = samples.Order().ToArray();
    var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    Console.WriteLine(string.Create(f, $"RESULT {key} median={median:F2} min={sorted[0]:F2} max={sorted[^1]:F2} n={sorted.Length} errors={errors}"));
}

internal sealed class Target(string name, string first, string then, string[] command)
{
    public string Name { get; } = name;
    public string First { get; } = first;
    public string Then { get; } = then;
    public string[] Command { get; } = command;
    public List<double> FirstMs { get; } = [];
    public List<double> ThenMs { get; } = [];
    public int Errors { get; private set; }

    public void Record(double? first, double? then, bool failed)
    {
        if (failed) Errors++;
        if (first is { } f) FirstMs.Add(f);
        if (then is { } t) ThenMs.Add(t);
    }
}
