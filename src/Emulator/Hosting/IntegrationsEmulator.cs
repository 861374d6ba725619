using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress;
using IntegrationsApiEmulator.Vendors.GitBook;
using IntegrationsApiEmulator.Vendors.Membrane;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.Admin.Mappings;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationsApiEmulator;

/// <summary>
/// The emulator inside a .NET process: on <see cref="StartAsync"/> it runs on TestServer (no socket, a few
/// milliseconds to start) and hands out <see cref="HttpClient"/>s per vendor; on <see cref="StartOnKestrelAsync"/>
/// it listens on a loopback port for clients that need a real URL (Node, browsers, other processes).
/// Tenants isolate state, so one instance can be shared by parallel tests that use distinct credentials.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await IntegrationsEmulator.StartAsync();
/// using var botpress = emulator.CreateBotpressClient();
/// var hub = await botpress.GetStringAsync("v1/admin/hub/integrations?limit=5");
/// </code>
/// </example>
public sealed class IntegrationsEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer? _testServer;

    private IntegrationsEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _testServer = app.Services.GetService<IServer>() as TestServer;
        BaseAddress = baseAddress;
    }

    /// <summary>Root of the emulator (<c>http://localhost/</c> on TestServer, <c>http://127.0.0.1:PORT/</c> on Kestrel).</summary>
    public Uri BaseAddress { get; }

    /// <summary>True when listening on a real socket.</summary>
    public bool IsKestrel => _testServer is null;

    /// <summary>The application's services (stores, clock, options).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts an emulator on TestServer: no socket, for .NET HTTP clients in the same process.</summary>
    public static async Task<IntegrationsEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var app = Build(options ?? EmulatorOptions.Default, web => web.UseTestServer());
        await app.StartAsync(cancellationToken);
        return new IntegrationsEmulator(app, new Uri("http://localhost/"));
    }

    /// <summary>Starts an emulator on Kestrel at <paramref name="host"/>:<paramref name="port"/> (0 = a free port).</summary>
    public static async Task<IntegrationsEmulator> StartOnKestrelAsync(
        EmulatorOptions? options = null, string host = "127.0.0.1", int port = 0, CancellationToken cancellationToken = default)
    {
        var app = Build(options ?? EmulatorOptions.Default, web => UseKestrel(web, options ?? EmulatorOptions.Default, host, port));
        await app.StartAsync(cancellationToken);
        return new IntegrationsEmulator(app, ListeningAddress(app));
    }

    /// <summary>
    /// Builds (does not start) the emulator application on Kestrel: the server executable's entry point.
    /// </summary>
    internal static WebApplication BuildKestrelApp(EmulatorOptions options, string host, int port, Action<ILoggingBuilder>? logging = null) =>
        Build(options, web => UseKestrel(web, options, host, port), logging);

    /// <summary>The address Kestrel listens on, once started.</summary>
    internal static Uri ListeningAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "[::1]").TrimEnd('/') + "/");
    }

    /// <summary>The base URL an official client takes for <paramref name="vendor"/> (<c>botpress</c>, ...).</summary>
    public Uri VendorBaseAddress(string vendor) => new(BaseAddress, vendor + "/");

    /// <summary>A handler that reaches the emulator (in memory on TestServer, over loopback on Kestrel).</summary>
    public HttpMessageHandler CreateHandler() => _testServer?.CreateHandler() ?? new SocketsHttpHandler();

    /// <summary>An <see cref="HttpClient"/> rooted at <see cref="BaseAddress"/>, without credentials.</summary>
    public HttpClient CreateClient() => new(CreateHandler()) { BaseAddress = BaseAddress };

    /// <summary>
    /// An <see cref="HttpClient"/> for a vendor's API (base <c>/{vendor}/</c>), with a bearer <paramref name="token"/> (a
    /// fresh tenant in the vendor's credential shape when null) and the headers the vendor's official client sends.
    /// </summary>
    /// <exception cref="ArgumentException">This instance has no such vendor.</exception>
    public HttpClient CreateVendorClient(string vendor, string? token = null)
    {
        var module = Services.GetRequiredService<VendorDirectory>().Modules.FirstOrDefault(m => m.Name == vendor)
            ?? throw new ArgumentException($"No vendor \"{vendor}\" in this emulator.", nameof(vendor));
        var client = new HttpClient(CreateHandler()) { BaseAddress = VendorBaseAddress(vendor) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? module.NewCredential());
        module.PrepareClient(client);
        return client;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> for the Botpress admin API (base <c>/botpress/</c>, so request
    /// <c>v1/admin/...</c>), with a bearer token (a fresh tenant when null) and <c>x-workspace-id</c> (none when null).
    /// </summary>
    public HttpClient CreateBotpressClient(string? token = null, string? workspaceId = BotpressDefaults.WorkspaceId)
    {
        var client = CreateVendorClient(BotpressModule.VendorName, token);
        client.DefaultRequestHeaders.Remove("x-workspace-id");
        if (workspaceId is not null) client.DefaultRequestHeaders.Add("x-workspace-id", workspaceId);
        return client;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> for the GitBook API (base <c>/gitbook/</c>, so request <c>v1/...</c>), with a
    /// bearer token (a fresh tenant when null).
    /// </summary>
    public HttpClient CreateGitBookClient(string? token = null) => CreateVendorClient(GitBookModule.VendorName, token);

    /// <summary>
    /// An <see cref="HttpClient"/> for the Membrane API (base <c>/membrane/</c>, so request <c>integrations...</c>),
    /// with a <c>pat-</c> bearer token (a fresh tenant when null) and the <c>membrane-api-version</c> the SDK sends.
    /// </summary>
    public HttpClient CreateMembraneClient(string? token = null) => CreateVendorClient(MembraneModule.VendorName, token);

    /// <summary>
    /// Returns state to the seeded template: everything, one vendor (<c>"botpress"</c>, ...), or one tenant
    /// (a key from <see cref="TenantKeyOf"/> or <c>GET /_emulator/tenants</c>). Cheap enough to call before every test.
    /// </summary>
    public void Reset(string? vendor = null, string? tenant = null) => EmulatorControl.Reset(Services, vendor, tenant);

    /// <summary>Every vendor endpoint this instance serves, as <c>GET /_emulator/routes</c> lists them.</summary>
    public IReadOnlyList<VendorRoute> Routes() => RouteEndpoints.VendorRoutes(Services);

    /// <summary>The tenant key a credential stands for (the key reset and the journal use; the credential itself is never shown).</summary>
    /// <summary>
    /// Loads a fixture set (one JSON object keyed by vendor, as <c>POST /_emulator/fixtures</c>) into every tenant and the
    /// template, or into the tenant <paramref name="tenantKey"/> (<see cref="TenantKeyOf"/>). A refused fixture throws
    /// <see cref="ApiException"/> (400) naming the vendor, JSON path and reason, and changes nothing.
    /// </summary>
    public IReadOnlyList<string> LoadFixtures(string fixtureSetJson, string? tenantKey = null) =>
        EmulatorControl.LoadFixtures(Services, fixtureSetJson, tenantKey);

    /// <summary>
    /// Loads the fixture files of <paramref name="directory"/> (<c>botpress.json</c>, <c>gitbook.json</c>, <c>membrane.json</c>)
    /// as <see cref="LoadFixtures(string, string?)"/> does; a refusal (400) names the file.
    /// </summary>
    public IReadOnlyList<string> LoadFixturesFrom(string directory, string? tenantKey = null) =>
        EmulatorControl.LoadFixtureDirectory(Services, directory, tenantKey);

    public static string TenantKeyOf(string credential) => TenantRegistry<BotpressState>.HashOf(credential);

    /// <summary>
    /// The emulator's virtual clock: freeze, advance and set it to move time for timestamps and scheduled work.
    /// Throws when the host supplied its own clock through <see cref="EmulatorOptions.Clock"/>.
    /// </summary>
    public VirtualClock Clock =>
        Services.GetService<VirtualClock>() ?? throw new InvalidOperationException("This emulator runs on the clock given in EmulatorOptions.Clock; drive that one.");

    /// <summary>
    /// The request journal (as <c>GET /_emulator/requests</c>): the recorded vendor requests matching
    /// <paramref name="query"/>, newest first; by default the latest <see cref="JournalQuery.DefaultLimit"/> of every vendor.
    /// Empty when the journal is off (<see cref="EmulatorOptions.JournalSize"/> 0).
    /// </summary>
    /// <exception cref="ApiException">A 400 naming the filter at fault (unknown vendor, limit below 1).</exception>
    public IReadOnlyList<JournalEntry> GetRequests(JournalQuery? query = null) =>
        _app.Services.GetRequiredService<JournalBuffer>().Query(query ?? new JournalQuery());

    /// <summary>Empties the request journal (as <c>DELETE /_emulator/requests</c>).</summary>
    public void ClearRequests() => _app.Services.GetRequiredService<JournalBuffer>().Clear();

    /// <summary>Installs a fault rule (as <c>POST /_emulator/faults</c>); it applies to the requests that follow.</summary>
    /// <returns>The installed rule with its id (for <see cref="RemoveFault"/>) and its hit count.</returns>
    /// <exception cref="ApiException">A 400 naming the field at fault (unknown vendor, status outside 400..599, ...).</exception>
    public FaultRuleState AddFault(FaultRule rule) => _app.Services.GetRequiredService<FaultRules>().Add(rule);

    /// <summary>The installed fault rules with their hit counts, in installation order (as <c>GET /_emulator/faults</c>).</summary>
    public IReadOnlyList<FaultRuleState> GetFaults() => _app.Services.GetRequiredService<FaultRules>().List();

    /// <summary>Removes one fault rule (as <c>DELETE /_emulator/faults/{id}</c>); false when there is none with this id.</summary>
    public bool RemoveFault(string id) => _app.Services.GetRequiredService<FaultRules>().Remove(id);

    /// <summary>Removes every fault rule (as <c>DELETE /_emulator/faults</c>).</summary>
    public void ClearFaults() => _app.Services.GetRequiredService<FaultRules>().Clear();

    /// <summary>
    /// Installs WireMock mapping JSON — one mapping or an array of them — as overrides (as <c>POST /_emulator/overrides</c>).
    /// A mapping's <c>Request.Path</c> is the full request path, vendor prefix included (<c>/gitbook/v1/user</c>).
    /// </summary>
    /// <returns>The installed overrides with their guids (for <see cref="RemoveOverride"/>), in the order given.</returns>
    /// <exception cref="ApiException">A 400 naming the mapping and field at fault (unsupported WireMock features included).</exception>
    /// <example><c>emulator.AddOverrides("""{"Request":{"Path":"/gitbook/v1/user"},"Response":{"StatusCode":418}}""")</c></example>
    public IReadOnlyList<OverrideState> AddOverrides(string mappingJson) => _app.Services.GetRequiredService<OverrideMappings>().Add(mappingJson);

    /// <summary>Installs one mapping of WireMock's model as an override (checked as if posted).</summary>
    /// <exception cref="ApiException">A 400 naming the field at fault.</exception>
    public OverrideState AddOverride(MappingModel mapping) => _app.Services.GetRequiredService<OverrideMappings>().Add(mapping);

    /// <summary>
    /// Installs an override built with WireMock's fluent builders — typed, and able to answer from the request
    /// (<c>Response.Create().WithBody(request =&gt; ...)</c>). Between equal <paramref name="priority"/>s the mapping with
    /// more matchers wins, then the newest.
    /// </summary>
    /// <exception cref="ApiException">A 400 when the request's path can never match a vendor request.</exception>
    /// <example>
    /// <code>
    /// emulator.AddOverride(
    ///     Request.Create().WithPath("/gitbook/v1/user").UsingGet(),
    ///     Response.Create().WithStatusCode(418).WithBodyAsJson(new { error = new { code = 418, message = "teapot" } }));
    /// </code>
    /// </example>
    public OverrideState AddOverride(IRequestBuilder request, IResponseBuilder response, int priority = 0, string? title = null) =>
        _app.Services.GetRequiredService<OverrideMappings>().Add(request, response, priority, title);

    /// <summary>The installed overrides with their hit counts, in the order they are tried (as <c>GET /_emulator/overrides</c>).</summary>
    public IReadOnlyList<OverrideState> GetOverrides() => _app.Services.GetRequiredService<OverrideMappings>().List();

    /// <summary>Removes one override (as <c>DELETE /_emulator/overrides/{guid}</c>); false when there is none with this guid.</summary>
    public bool RemoveOverride(Guid guid) => _app.Services.GetRequiredService<OverrideMappings>().Remove(guid);

    /// <summary>Removes every override (as <c>DELETE /_emulator/overrides</c>).</summary>
    public void ClearOverrides() => _app.Services.GetRequiredService<OverrideMappings>().Clear();

    /// <summary>
    /// Registers a tunnel (as <c>POST /_emulator/tunnels</c>): calls the emulator makes to <paramref name="url"/>'s host
    /// (GitBook dev-mode deliveries) go to <paramref name="origin"/>, same path and query.
    /// </summary>
    /// <exception cref="ApiException">A 400 naming the field at fault, or a 409 when the host is registered already.</exception>
    /// <example><c>emulator.AddTunnel("https://calm-river-tiny-fox.trycloudflare.com", "http://localhost:8787")</c></example>
    public TunnelRoute AddTunnel(string url, string origin) => TunnelEndpoints.Register(_app.Services.GetRequiredService<TunnelRegistry>(), url, origin);

    /// <summary>The registered tunnels, oldest first (as <c>GET /_emulator/tunnels</c>).</summary>
    public IReadOnlyList<TunnelRoute> GetTunnels() => _app.Services.GetRequiredService<TunnelRegistry>().List();

    /// <summary>Removes the tunnel of <paramref name="host"/> (as <c>DELETE /_emulator/tunnels/{host}</c>); false when there is none.</summary>
    public bool RemoveTunnel(string host) => _app.Services.GetRequiredService<TunnelRegistry>().Remove(host);

    /// <summary>
    /// A snapshot of all state (as <c>GET /_emulator/state</c>): <c>{"version":1,"clock":{...},"vendors":{...}}</c>.
    /// </summary>
    public JsonObject ExportState() => _app.Services.GetRequiredService<EmulatorState>().Export();

    /// <summary>Replaces all state with a snapshot (as <c>PUT /_emulator/state</c>).</summary>
    /// <exception cref="SnapshotException">Not a valid snapshot (the message names the JSON path); nothing was changed.</exception>
    public void ImportState(JsonNode snapshot) => ImportState(snapshot.ToJsonString());

    /// <inheritdoc cref="ImportState(JsonNode)"/>
    public void ImportState(string snapshotJson)
    {
        JsonNode? snapshot;
        try
        {
            snapshot = JsonNode.Parse(snapshotJson, documentOptions: SnapshotParse.Options);
        }
        catch (JsonException e)
        {
            throw new SnapshotException("$", "not valid JSON: " + e.Message);
        }
        _app.Services.GetRequiredService<EmulatorState>().Import(snapshot);
    }

    /// <summary>
    /// Writes the state file now (as <c>POST /_emulator/state/save</c>); it is also written when the emulator is disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="EmulatorOptions.StateFile"/> is configured.</exception>
    public void SaveState() => _app.Services.GetRequiredService<EmulatorState>().Save();

    /// <summary>A credential no one has used yet: a new, freshly seeded tenant.</summary>
    public static string NewToken(string prefix) => prefix + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(EmulatorOptions options, Action<IWebHostBuilder> server, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        server(builder.WebHost);
        builder.Services.AddRouting();
        builder.Services.AddLogging(logging ?? (_ => { }));
        builder.Services.AddEmulator(options);
        return builder.Build().UseEmulator();
    }

    private static void UseKestrel(IWebHostBuilder web, EmulatorOptions options, string host, int port)
    {
        web.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // The vendor modules enforce their own body limit with the vendor's 413, and the app its own limits on the
            // target and headers (RequestLimitsMiddleware) with the vendor's 414/431: Kestrel's, which answer with an
            // empty body before the app runs, are set far above them.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MaxRequestLineSize = Math.Max(options.ServerMaxRequestLineBytes, options.MaxRequestTargetLength + 1024);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(options.ServerMaxRequestHeadersBytes, options.MaxRequestHeadersBytes + 1024);
            kestrel.Limits.MaxRequestHeaderCount = Math.Max(options.ServerMaxRequestHeaderCount, options.MaxRequestHeaderCount + 1);
            // Header values are UTF-8 when they decode as such, and Latin-1 (RFC 9110's obs-text) when they do not,
            // instead of Kestrel's bare 400.
            kestrel.RequestHeaderEncodingSelector = _ => Utf8OrLatin1Encoding.Instance;
            kestrel.AddServerHeader = false;
            if (host is "localhost" && port != 0) kestrel.ListenLocalhost(port);
            else if (host is "localhost") kestrel.Listen(IPAddress.Loopback, 0);
            else if (IPAddress.TryParse(host, out var ip)) kestrel.Listen(ip, port);
            else throw new ArgumentException($"--host must be an IP address or 'localhost', not '{host}'.", nameof(host));
        });
    }
}
