using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.Fuzz;

/// <summary>Run settings, from the environment (FUZZ_REQUESTS, FUZZ_SEED, FUZZ_CONCURRENCY, FUZZ_TIMEOUT_MS, FUZZ_MAX_BODY_BYTES, FUZZ_ONLY).</summary>
public sealed record FuzzSettings(int Requests, ulong Seed, int Concurrency, int TimeoutMs, int MaxBodyBytes, IReadOnlySet<long>? Only)
{
    public static FuzzSettings FromEnvironment(int defaultRequests, int defaultMaxBody = 64 * 1024) => new(
        Int("FUZZ_REQUESTS", defaultRequests),
        ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 20261205UL,
        Int("FUZZ_CONCURRENCY", 4),
        Int("FUZZ_TIMEOUT_MS", 10_000),
        Int("FUZZ_MAX_BODY_BYTES", defaultMaxBody),
        Environment.GetEnvironmentVariable("FUZZ_ONLY") is { Length: > 0 } only
            ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToHashSet()
            : null);

    private static int Int(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}

/// <summary>What went wrong with one request.</summary>
public sealed record FuzzFailure(string Class, FuzzRequest Request, int? Status, string Answer, string Reason);

/// <summary>The outcome of a run: requests sent, status counts, failures.</summary>
public sealed class FuzzReport(FuzzSettings settings)
{
    public FuzzSettings Settings { get; } = settings;
    public long Sent;
    public TimeSpan Elapsed;
    public ConcurrentDictionary<int, int> Statuses { get; } = new();
    public ConcurrentQueue<FuzzFailure> Failures { get; } = new();
    public List<string> Notes { get; } = [];
    public ConcurrentBag<(double Ms, string Request)> Slow { get; } = [];

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine($"fuzz: seed {Settings.Seed}, {Sent} requests sent in {Elapsed.TotalSeconds:F1} s (concurrency {Settings.Concurrency}, " +
            $"timeout {Settings.TimeoutMs} ms, bodies up to {Settings.MaxBodyBytes} B)");
        text.AppendLine("statuses: " + string.Join(", ", Statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}")));
        foreach (var note in Notes) text.AppendLine("note: " + note);
        foreach (var (ms, request) in Slow.OrderByDescending(s => s.Ms).Take(3)) text.AppendLine($"slowest: {ms:F0} ms {request}");
        var failures = Failures.ToList();
        text.AppendLine($"failures: {failures.Count}");
        foreach (var group in failures.GroupBy(f => f.Class).OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"== {group.Key}: {group.Count()}");
            foreach (var sub in group.GroupBy(f => (f.Status, f.Request.Vendor)).OrderByDescending(g => g.Count()).Take(12))
            {
                var f = sub.First();
                text.AppendLine($"  [{sub.Count()}× status {f.Status?.ToString() ?? "-"} {f.Request.Vendor}] {f.Reason}");
                text.AppendLine($"    request: {f.Request.Describe(200)}");
                text.AppendLine($"    answer:  {FuzzRequest.Truncate(f.Answer, 300)}");
            }
        }
        if (failures.Count > 0)
            text.AppendLine($"reproduce one: FUZZ_SEED={Settings.Seed} FUZZ_ONLY={string.Join(',', failures.Select(f => f.Request.Index).Distinct().Take(5))} scripts/fuzz.sh");
        return text.ToString();
    }
}

/// <summary>
/// Sends generated requests to an emulator on Kestrel (real sockets) and checks every answer: no 5xx, no timeout, no
/// reset, a 405 carries Allow, every error is the vendor's envelope with a type that fits the status, 2xx JSON parses,
/// and a refused write leaves the caller's tenant unchanged (its state export before and after). Control-plane
/// requests run last, one at a time (a reset or a fault rule would disturb the vendor checks).
/// </summary>
public sealed class FuzzRunner(IntegrationsEmulator emulator)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<FuzzReport> RunAsync(FuzzSettings settings)
    {
        var report = new FuzzReport(settings);
        var operations = FuzzSurface.Of(emulator);
        var pools = new FuzzPools();
        var workers = Enumerable.Range(0, settings.Concurrency).Select(_ => NewWorker()).ToList();
        await HarvestAsync(operations, pools, workers[0].Credentials);
        foreach (var worker in workers) await WarmAsync(operations, worker);
        var generator = new RequestGenerator(operations, pools, settings.MaxBodyBytes);
        report.Notes.Add($"{operations.Count} operations ({string.Join(", ", operations.GroupBy(o => o.Vendor).Select(g => $"{g.Key} {g.Count()}"))}), " +
            $"{pools.PageTokens.Count} page tokens, {FuzzSurface.Vendors.Sum(v => pools.Values(v).Count)} harvested values");

        var deferred = new ConcurrentBag<FuzzRequest>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select((worker, w) => Task.Run(async () =>
        {
            for (long i = w; i < settings.Requests; i += settings.Concurrency)
            {
                if (settings.Only is not null && !settings.Only.Contains(i)) continue;
                var request = generator.Next(i, new Rng(settings.Seed, (uint)i), worker.Credentials);
                if (request.Operation.IsControl) { deferred.Add(request); continue; }
                if (++worker.Since % 100 == 0) foreach (var vendor in FuzzSurface.Vendors) emulator.Reset(vendor, worker.TenantKeys[vendor]);
                await SendAsync(request, worker, report, checkState: true);
            }
        })));
        foreach (var request in deferred.OrderBy(r => r.Index))
        {
            await SendAsync(request, workers[0], report, checkState: false);
            emulator.ClearFaults();
            emulator.ClearOverrides();
            foreach (var tunnel in emulator.GetTunnels()) emulator.RemoveTunnel(tunnel.Host);
        }
        report.Elapsed = clock.Elapsed;
        await CheckHealthAsync(operations, report, NewWorker());
        return report;
    }

    private sealed class Worker(Credentials credentials, IReadOnlyDictionary<string, string> tenantKeys)
    {
        public Credentials Credentials { get; } = credentials;
        public IReadOnlyDictionary<string, string> TenantKeys { get; } = tenantKeys;
        public int Since;
    }

    private Worker NewWorker()
    {
        var byVendor = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>();
        var keys = new Dictionary<string, string>();
        foreach (var vendor in FuzzSurface.Vendors)
        {
            using var client = emulator.CreateVendorClient(vendor);
            byVendor[vendor] = [.. client.DefaultRequestHeaders.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))];
            keys[vendor] = IntegrationsEmulator.TenantKeyOf(client.DefaultRequestHeaders.Authorization!.Parameter!);
        }
        var admin = new List<KeyValuePair<string, string>>();
        byVendor[FuzzSurface.Control] = admin;
        return new Worker(new Credentials(byVendor), keys);
    }

    private async Task HarvestAsync(IReadOnlyList<FuzzOperation> operations, FuzzPools pools, Credentials credentials)
    {
        var gets = operations.Where(o => !o.IsControl && o.Method == "GET").ToList();
        for (var round = 0; round < 2; round++)
            foreach (var op in gets.Where(o => o.Parameters.Count == round))
            {
                var path = op.Template;
                foreach (var name in op.Parameters) path = path.Replace("{" + name + "}", Uri.EscapeDataString(pools.ValueFor(op.Vendor, name, new Rng(1, 1))));
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseAddress, path.TrimStart('/')));
                foreach (var (k, v) in credentials.ByVendor[op.Vendor]) request.Headers.TryAddWithoutValidation(k, v);
                using var response = await _http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                    try { pools.Harvest(op.Vendor, JsonNode.Parse(await response.Content.ReadAsStringAsync())); } catch (JsonException) { }
            }
    }

    private async Task WarmAsync(IReadOnlyList<FuzzOperation> operations, Worker worker)
    {
        foreach (var vendor in FuzzSurface.Vendors)
        {
            var op = operations.First(o => o.Vendor == vendor && o.Method == "GET" && o.Parameters.Count == 0);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseAddress, op.Template.TrimStart('/')));
            foreach (var (k, v) in worker.Credentials.ByVendor[vendor]) request.Headers.TryAddWithoutValidation(k, v);
            using var response = await _http.SendAsync(request);
        }
    }

    /// <summary>
    /// One tenant's state as the vendor writes it into a snapshot (the tenant is created from the template when missing).
    /// Only the worker that owns the tenant sends requests with its credential, so nothing writes it meanwhile.
    /// </summary>
    public string? TenantStateOf(string vendor, string credential) => TenantState(vendor, IntegrationsEmulator.TenantKeyOf(credential));

    private string? TenantState(string vendor, string key)
    {
        var module = emulator.Services.GetRequiredService<VendorDirectory>().Modules.First(m => m.Name == vendor);
        var registry = module.Tenants(emulator.Services);
        var state = registry.GetType().GetMethod("Get")!.Invoke(registry, [key]);
        var write = module.GetType().GetMethod("WriteSnapshot", BindingFlags.NonPublic | BindingFlags.Instance)!;
        return ((JsonNode)write.Invoke(module, [state])!).ToJsonString();
    }

    /// <summary>Sends one request and checks its answer; returns the status (null: no answer).</summary>
    public async Task<(int? Status, string Answer)> SendOneAsync(FuzzRequest request, FuzzReport report)
    {
        var status = await SendAsync(request, null, report, checkState: false);
        return (status, _lastAnswer ?? "");
    }

    private string? _lastAnswer; // for SendOneAsync, whose callers send one request at a time

    /// <summary>Values harvested from the seeded data of every vendor (for callers outside <see cref="RunAsync"/>).</summary>
    public async Task<FuzzPools> HarvestAsync(IReadOnlyList<FuzzOperation> operations)
    {
        var pools = new FuzzPools();
        await HarvestAsync(operations, pools, NewWorker().Credentials);
        return pools;
    }

    /// <summary>The headers the official client of <paramref name="vendor"/> sends, with a credential of a fresh tenant.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FreshCredentials(string vendor) => NewWorker().Credentials.ByVendor[vendor];

    private async Task<int?> SendAsync(FuzzRequest request, Worker? worker, FuzzReport report, bool checkState)
    {
        var stateful = checkState && worker is not null && request.WorkerCredential && request.Method is not ("GET" or "HEAD" or "OPTIONS");
        var before = stateful ? TenantState(request.Vendor, worker!.TenantKeys[request.Vendor]) : null;
        Interlocked.Increment(ref report.Sent);
        using var timeout = new CancellationTokenSource(report.Settings.TimeoutMs);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method),
            new Uri(emulator.BaseAddress.GetLeftPart(UriPartial.Authority) + OnTheWire(request.PathAndQuery), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        foreach (var (k, v) in request.Headers) message.Headers.TryAddWithoutValidation(k, v);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = null;
        }
        if (request.ContentType is not null)
        {
            message.Content ??= new ByteArrayContent([]);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        var started = Stopwatch.GetTimestamp();
        _lastAnswer = null;
        int status;
        string answer;
        var contentType = "";
        JsonNode? json = null;
        string? parseError = null;
        HttpResponseMessage? response = null;
        var hasAllow = false;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            status = (int)response.StatusCode;
            hasAllow = response.Content.Headers.Allow.Count > 0 || response.Headers.NonValidated.Contains("Allow");
            var text = Encoding.UTF8.GetString(bytes);
            answer = $"{status} {response.Content.Headers.ContentType?.ToString() ?? "(no content-type)"} {(bytes.Length == 0 ? "(empty body)" : text)}";
            _lastAnswer = answer;
            contentType = response.Content.Headers.ContentType?.ToString() ?? "";
            if (bytes.Length > 0)
                try { json = JsonNode.Parse(bytes); } catch (JsonException e) { parseError = e.Message; }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Fail(report, "timeout", request, null, "(none)", $"no answer within {report.Settings.TimeoutMs} ms");
            return null;
        }
        catch (HttpRequestException e)
        {
            // Kestrel refuses a path that decodes to NUL on the request line and closes the connection without reading
            // the body: a large body then meets a closed socket (README: request limits).
            if (!DecodesToNul(request)) Fail(report, "connection reset", request, null, "(none)", Flatten(e));
            return null;
        }
        finally { response?.Dispose(); }
        report.Statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (elapsedMs > 500) report.Slow.Add((elapsedMs, $"{status} " + request.Describe(120)));

        if (status >= 500) Fail(report, "status 5xx", request, status, answer, "server error");
        if (status == 405 && !hasAllow)
            Fail(report, "405 without Allow", request, status, answer, "no Allow header");
        if (request.Method != "HEAD")
        {
            if (status >= 400)
            {
                var problem = parseError is not null ? "body is not JSON: " + parseError
                    : json is null && status == 400 && DecodesToNul(request) ? null // Kestrel's, before any app code (README: request limits)
                    : json is null ? "empty body"
                    : Envelopes.Check(EnvelopeOf(request), status, json);
                if (problem is not null) Fail(report, "no vendor envelope", request, status, answer, problem);
            }
            else if (parseError is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                Fail(report, "no vendor envelope", request, status, answer, "JSON content type, body does not parse: " + parseError);
        }
        if (stateful && status >= 400)
        {
            var after = TenantState(request.Vendor, worker!.TenantKeys[request.Vendor]);
            if (after != before) Fail(report, "state changed", request, status, answer, "a refused write changed the tenant: " + Diff(before, after));
        }
        return status;
    }

    /// <summary>
    /// The request target as an HTTP client puts it on the wire: what may not appear raw in a request line (spaces,
    /// control characters, non-ASCII) percent-encoded as UTF-8, everything else — <c>%00</c>, <c>%2F</c>, <c>..</c> — as
    /// generated. A raw space or byte above 0x7F is not an HTTP request at all (RFC 9112 §3.2): Kestrel refuses the
    /// line before any application sees it, and no official client sends one.
    /// </summary>
    private static string OnTheWire(string target)
    {
        var wire = new StringBuilder(target.Length);
        foreach (var b in Encoding.UTF8.GetBytes(target))
            if (b is <= 0x20 or >= 0x7F) wire.Append('%').Append(b.ToString("X2"));
            else wire.Append((char)b);
        return wire.ToString();
    }

    /// <summary>A path with <c>%00</c>: Kestrel refuses a path that decodes to NUL with its own empty 400 (no setting lets it through).</summary>
    private static bool DecodesToNul(FuzzRequest request) =>
        request.PathAndQuery.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>
    /// The envelope an answer must be in: that of the vendor whose prefix starts the path once the server has removed
    /// its dot segments (percent-encoded ones too, RFC 3986 §5.2.4), else the control plane's, which answers every path
    /// outside the vendors.
    /// </summary>
    private static string EnvelopeOf(FuzzRequest request)
    {
        var segments = new List<string>();
        foreach (var segment in request.PathAndQuery.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase))
            {
                case "..":
                    if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                    break;
                case ".":
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }
        var first = segments.FirstOrDefault();
        return first is "botpress" or "gitbook" or "membrane" ? first : FuzzSurface.Control;
    }

    private static string Diff(string? before, string? after)
    {
        if (before is null || after is null) return before is null ? "tenant appeared" : "tenant vanished";
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at]) at++;
        var from = Math.Max(0, at - 80);
        return $"at char {at}: before …{FuzzRequest.Truncate(before[from..], 200)} after …{FuzzRequest.Truncate(after[from..], 200)}";
    }

    private static string Flatten(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) parts.Add($"{x.GetType().Name}: {x.Message}");
        return string.Join(" → ", parts);
    }

    private static void Fail(FuzzReport report, string cls, FuzzRequest request, int? status, string answer, string reason) =>
        report.Failures.Enqueue(new FuzzFailure(cls, request, status, answer, reason));

    private async Task CheckHealthAsync(IReadOnlyList<FuzzOperation> operations, FuzzReport report, Worker worker)
    {
        try
        {
            using var health = await _http.GetAsync(new Uri(emulator.BaseAddress, "_emulator/health"));
            if (health.StatusCode != HttpStatusCode.OK) report.Failures.Enqueue(Unhealthy($"health answered {(int)health.StatusCode}"));
            foreach (var vendor in FuzzSurface.Vendors)
            {
                var op = operations.First(o => o.Vendor == vendor && o.Method == "GET" && o.Parameters.Count == 0);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseAddress, op.Template.TrimStart('/')));
                foreach (var (k, v) in worker.Credentials.ByVendor[vendor]) request.Headers.TryAddWithoutValidation(k, v);
                using var response = await _http.SendAsync(request);
                if (!response.IsSuccessStatusCode) report.Failures.Enqueue(Unhealthy($"{op} answered {(int)response.StatusCode} after the run"));
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            report.Failures.Enqueue(Unhealthy("unreachable after the run: " + e.Message));
        }

        static FuzzFailure Unhealthy(string reason) => new("server unhealthy after the run",
            new FuzzRequest(-1, new FuzzOperation(FuzzSurface.Control, "GET", "/_emulator/health", null, null, null, true), "health", "GET", "/_emulator/health", [], null, null, false),
            null, "", reason);
    }
}
