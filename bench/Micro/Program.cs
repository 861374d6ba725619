using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane;
using IntegrationsApiEmulator.Vendors.Membrane.Model;
using Newtonsoft.Json.Linq;

// bench/run.sh micro [--long] [BenchmarkDotNet args]   (default: every benchmark, ShortRun job, in process)
//   bench/run.sh micro --filter '*PageToken*'
// In process (no generated project to build: bench/artifacts stays the only output tree); --long uses the default
// (longer, steadier) job instead of ShortRun.
var arguments = args.ToList();
var job = arguments.Remove("--long") ? Job.Default : Job.ShortRun;
if (!arguments.Contains("--filter")) arguments.AddRange(["--filter", "*"]);
var config = DefaultConfig.Instance
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(SchemaValidation).Assembly).Run([.. arguments], config);

/// <summary>Request validation of a typical Botpress createIntegration body (what every create pays).</summary>
[MemoryDiagnoser]
public class SchemaValidation
{
    // The body bench/lua/create.lua sends: name, version, title, description, one action.
    internal static readonly byte[] CreateBody = Encoding.UTF8.GetBytes(
        "{\"name\":\"bench-micro-t1-1\",\"version\":\"1.0.1\",\"title\":\"Bench 1\","
        + "\"description\":\"Created by the wrk createIntegration benchmark\","
        + "\"actions\":{\"ping\":{\"title\":\"Ping\",\"input\":{\"schema\":{\"type\":\"object\"}},\"output\":{\"schema\":{\"type\":\"object\"}}}}}");

    private readonly SchemaRegistry _schemas = new();
    private JToken _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        _token = JsonTokens.From(StrictJson.Build(CreateBody));
        if (_schemas.Validate("botpress", "createIntegration", SchemaPart.Request, _token).Count != 0)
            throw new InvalidOperationException("the benchmark body does not validate");
    }

    [Benchmark(Description = "SchemaRegistry.Validate(createIntegration body)")]
    public int Validate() => _schemas.Validate("botpress", "createIntegration", SchemaPart.Request, _token).Count;

    [Benchmark(Description = "Measure + Build + JsonTokens.From + Validate (what VendorRequests.ReadBodyAsync does)")]
    public int ReadAndValidate()
    {
        var shape = StrictJson.Measure(CreateBody);
        var node = StrictJson.Build(CreateBody);
        return _schemas.Validate("botpress", "createIntegration", SchemaPart.Request, JsonTokens.From(node)).Count + (int)shape.Nodes;
    }
}

/// <summary>StrictJson: measuring and building a request body.</summary>
[MemoryDiagnoser]
public class StrictJsonBodies
{
    private byte[] _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A 64 KiB-ish body: 200 actions like the create body's.
        var sb = new StringBuilder("{\"name\":\"big\",\"version\":\"1.0.0\",\"actions\":{");
        for (var i = 0; i < 200; i++)
            sb.Append(i == 0 ? "" : ",").Append("\"a").Append(i).Append("\":{\"title\":\"Action ").Append(i)
              .Append("\",\"description\":\"").Append('d', 200).Append("\",\"input\":{\"schema\":{\"type\":\"object\"}},\"output\":{\"schema\":{\"type\":\"object\"}}}");
        _large = Encoding.UTF8.GetBytes(sb.Append("}}").ToString());
    }

    [Benchmark(Description = "StrictJson.Measure(create body)")]
    public long Measure() => StrictJson.Measure(SchemaValidation.CreateBody).Nodes;

    [Benchmark(Description = "StrictJson.Measure + Build(create body)")]
    public object? MeasureBuild()
    {
        StrictJson.Measure(SchemaValidation.CreateBody);
        return StrictJson.Build(SchemaValidation.CreateBody);
    }

    [Benchmark(Description = "StrictJson.Measure + Build(~64 KB body)")]
    public object? MeasureBuildLarge()
    {
        StrictJson.Measure(_large);
        return StrictJson.Build(_large);
    }
}

/// <summary>Page assembly from cached item JSON (JsonPage.Concat), at the benchmark's page sizes.</summary>
[MemoryDiagnoser]
public class PageAssembly
{
    // 20 items: ≈ 400 B (Botpress page ≈ 8 KB), ≈ 800 B (Membrane ≈ 16 KB), ≈ 1.7 KB (GitBook ≈ 34 KB).
    [Params(400, 800, 1700)]
    public int ItemBytes { get; set; }

    private List<byte[]> _items = null!;
    private byte[] _suffix = null!;

    [GlobalSetup]
    public void Setup()
    {
        _items = [.. Enumerable.Range(0, 20).Select(i => Encoding.UTF8.GetBytes("{\"id\":\"" + i + "\",\"x\":\"" + new string('x', ItemBytes - 20) + "\"}"))];
        _suffix = [.. "],\"meta\":{"u8, .. JsonPage.Property("nextToken", "eyJwIjoiMDAwMDAwMDAwMDAyMCJ9.c2lnbmF0dXJl"), .. "}}"u8];
    }

    [Benchmark(Description = "JsonPage.Concat(20 items)")]
    public int Concat() => JsonPage.Concat("{\"integrations\":["u8, _items, _suffix).Length;
}

/// <summary>Page tokens: signing the position of the last item served, and checking a token.</summary>
[MemoryDiagnoser]
public class PageTokenCodec
{
    private readonly PageTokens _tokens = new();
    private const string Scope = "botpress/t_0123456789abcdef/listIntegrations/wkspace_01JEMULATEDEFAULTWORKSPACE";
    private string _token = "";

    [GlobalSetup]
    public void Setup() => _token = _tokens.Protect(Scope, "01JEMULATED000000000000020");

    [Benchmark(Description = "PageTokens.Protect (encode)")]
    public string Protect() => _tokens.Protect(Scope, "01JEMULATED000000000000020");

    [Benchmark(Description = "PageTokens.TryUnprotect (decode + verify)")]
    public bool Unprotect() => _tokens.TryUnprotect(Scope, _token, out _);
}

/// <summary>Tenant lookup: the credential → tenant key → state every vendor request does.</summary>
[MemoryDiagnoser]
public class TenantLookup
{
    private TenantRegistry<MembraneState> _registry = null!;
    private int _fresh;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new TenantRegistry<MembraneState>("membrane", () => new MembraneState { Connectors = new Dictionary<string, Connector>() });
        for (var i = 0; i < 1000; i++) _registry.For($"pat-micro-{i}");
    }

    [Benchmark(Description = "TenantRegistry.For(known credential), 1,000 tenants")]
    public MembraneState Known() => _registry.For("pat-micro-500");

    [Benchmark(Description = "TenantRegistry.HashOf(new credential)")]
    public string Hash() => TenantRegistry<MembraneState>.HashOf("pat-micro-new-" + (_fresh++ & 1023));
}
