using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.GitBook.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.GitBook;

/// <summary>
/// GitBook API, integrations family and the reads it needs, under <c>/gitbook/v1</c>.
/// Known differences from the real API are listed in README.md ("GitBook: what differs").
/// </summary>
public sealed class GitBookModule(EmulatorOptions options) : IVendorModule
{
    public const string VendorName = "gitbook";

    /// <summary>How long a delivery to a development tunnel may take.</summary>
    public static readonly TimeSpan TunnelTimeout = TimeSpan.FromSeconds(10);

    private static readonly SeededTemplates<GitBookState> Templates = new(GitBookSeeder.Build);

    public string Name => VendorName;

    public IVendorErrors Errors { get; } = new GitBookErrors();

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton((GitBookErrors)Errors);
        services.AddSingleton(provider => new TenantRegistry<GitBookState>(VendorName, () =>
        {
            if (StartupFixture.Of(options, VendorName, provider) is not var (document, context)) return Templates.For(options.SeedProfile);
            var template = GitBookSeeder.Build(options.SeedProfile);
            GitBookFixtures.Apply(template, document, context);
            return template;
        }));
        services.AddHttpClient(GitBookEvents.TunnelClient, client => client.Timeout = TunnelTimeout);
        services.AddSingleton<GitBookEvents>();
        services.AddSingleton<GitBookTasks>();
        services.AddSingleton<GitBookService>();
    }

    public ITenantRegistry Tenants(IServiceProvider services) => services.GetRequiredService<TenantRegistry<GitBookState>>();

    public void Prepare(IServiceProvider services) => _ = services.GetRequiredService<TenantRegistry<GitBookState>>().Template;

    public Action PrepareFixture(IServiceProvider services, JToken document, FixtureContext context, string? tenantKey) =>
        Registry(services).PrepareLoad(state => GitBookFixtures.Apply(state, document, context), tenantKey);

    public JsonNode ExportState(IServiceProvider services) => TenantSnapshot.Export(Registry(services), GitBookSnapshot.Write);

    public object PrepareImport(IServiceProvider services, JsonNode? snapshot) =>
        TenantSnapshot.Prepare<GitBookState>(snapshot, "$.vendors." + VendorName, GitBookSnapshot.Read);

    /// <summary>Swaps the tenants in, then re-arms the imported pending tasks on the clock (the old tenants' timers stop).</summary>
    public void CommitImport(IServiceProvider services, object prepared)
    {
        var tasks = services.GetRequiredService<GitBookTasks>();
        tasks.CancelAll();
        TenantSnapshot.Commit(Registry(services), prepared);
        foreach (var (_, state) in ((PreparedTenants<GitBookState>)prepared).Tenants)
        {
            List<Model.PendingTask> pending;
            lock (state.Gate) pending = [.. state.PendingTasks.Values];
            // Outside the lock: an overdue task may fire at once, and firing takes the lock.
            foreach (var task in pending) tasks.Arm(state, task);
        }
    }

    private static TenantRegistry<GitBookState> Registry(IServiceProvider services) => services.GetRequiredService<TenantRegistry<GitBookState>>();

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/gitbook/v1");
        AccountEndpoints.Map(v1);
        IntegrationEndpoints.Map(v1);
        InstallationEndpoints.Map(v1);
        ContentInstallationEndpoints.Map(v1);
        ContentEndpoints.Map(v1);
        EventEndpoints.Map(v1);
    }
}
