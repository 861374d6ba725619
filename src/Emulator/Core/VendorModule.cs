using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// The shared machinery of a vendor module: its tenants (<see cref="TenantRegistry{TState}"/>, built from the seeded
/// template and the <c>--fixtures</c> file), run-time fixture loads, state snapshots, reset and counts. A vendor supplies
/// its name, state, errors, seeder, fixture loader, snapshot format, services and routes.
/// </summary>
internal abstract class VendorModule<TState>(EmulatorOptions options) : IVendorModule where TState : TenantState<TState>
{
    // Seeded templates per seed profile, shared by every instance in the process: templates are never written (tenants
    // get clones), so a test suite that starts many emulators seeds each once.
    private static readonly ConcurrentDictionary<SeedProfile, Lazy<TState>> Templates = new();

    protected EmulatorOptions Options { get; } = options;

    public abstract string Name { get; }

    public abstract IVendorErrors Errors { get; }

    public virtual IReadOnlyList<string> CredentialPrefixes => [];

    public abstract string NewCredential();

    public virtual void PrepareClient(HttpClient client)
    {
    }

    /// <summary>The template for a seed profile: the vendor's generated data (deterministic for the seed).</summary>
    protected abstract TState Seed(SeedProfile profile);

    /// <summary>Loads a fixture document (already schema-checked against the vendor's fixture schema) into a state.</summary>
    protected abstract void LoadFixture(TState state, JToken document, FixtureContext context);

    /// <summary>One tenant's part of a snapshot.</summary>
    protected abstract JsonObject WriteSnapshot(TState state);

    /// <summary>One tenant from its part of a snapshot; <paramref name="template"/> supplies what snapshots leave out (catalogues).</summary>
    protected abstract TState ReadSnapshot(SnapshotReader tenant, TState template);

    /// <summary>The vendor's own singletons (its service, errors as their own type, background workers).</summary>
    protected abstract void AddVendorServices(IServiceCollection services);

    public abstract void MapRoutes(IEndpointRouteBuilder app);

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton(Errors.GetType(), Errors);
        services.AddSingleton(provider => new TenantRegistry<TState>(Name, () => BuildTemplate(provider)));
        AddVendorServices(services);
    }

    private TState BuildTemplate(IServiceProvider services)
    {
        if (StartupFixture.Of(Options, Name, services) is not var (document, context))
            return Templates.GetOrAdd(Options.SeedProfile, profile => new Lazy<TState>(() => Seed(profile))).Value;
        var template = Seed(Options.SeedProfile);
        LoadFixture(template, document, context);
        return template;
    }

    protected static TenantRegistry<TState> Registry(IServiceProvider services) => services.GetRequiredService<TenantRegistry<TState>>();

    public ITenantRegistry Tenants(IServiceProvider services) => Registry(services);

    public string? TenantKeyOf(IServiceProvider services, HttpContext context) =>
        BearerToken.From(context.Request.Headers.Authorization.ToString(), out _) is { } token && CredentialOf(token) is { } credential
            ? Registry(services).KeyFor(credential)
            : null;

    /// <summary>The credential a bearer token stands for (the token itself unless the vendor reads it: Membrane's JWTs).</summary>
    protected virtual string? CredentialOf(string token) => token;

    public void Prepare(IServiceProvider services) => _ = Registry(services).Template;

    public Action PrepareFixture(IServiceProvider services, JToken document, FixtureContext context, string? tenantKey) =>
        Registry(services).PrepareLoad(state => LoadFixture(state, document, context), tenantKey);

    public JsonNode ExportState(IServiceProvider services) => TenantSnapshot.Export(Registry(services), state => state.Read(WriteSnapshot));

    public TenantView? ViewTenant(IServiceProvider services, string tenantKey) =>
        Registry(services).TryGet(tenantKey, out var state) ? new TenantView(state, state.Version, () => state.Read(WriteSnapshot)) : null;

    public object PrepareImport(IServiceProvider services, JsonNode? snapshot)
    {
        var template = Registry(services).Template;
        return TenantSnapshot.Prepare<TState>(snapshot, "$.vendors." + Name, tenant => ReadSnapshot(tenant, template));
    }

    public virtual void CommitImport(IServiceProvider services, object prepared) => TenantSnapshot.Commit(Registry(services), prepared);
}
