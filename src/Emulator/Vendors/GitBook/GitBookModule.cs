using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// GitBook API, integrations family and the reads it needs, under <c>/gitbook/v1</c>.
/// Known differences from the real API are listed in README.md ("GitBook: what differs").
/// </summary>
internal sealed class GitBookModule(EmulatorOptions options) : VendorModule<GitBookState>(options)
{
    public const string VendorName = "gitbook";

    /// <summary>How long a delivery to a development tunnel may take.</summary>
    public static readonly TimeSpan TunnelTimeout = TimeSpan.FromSeconds(10);

    public override string Name => VendorName;

    public override IVendorErrors Errors { get; } = new GitBookErrors();

    /// <summary>Minted API tokens, installation tokens and integration tokens.</summary>
    public override IReadOnlyList<string> CredentialPrefixes => ["gb_api_", "gb_inst_", "gb_intg_"];

    public override string NewCredential() => "gb_" + Guid.NewGuid().ToString("N");

    protected override GitBookState Seed(SeedProfile profile) => GitBookSeeder.Build(profile);

    protected override void LoadFixture(GitBookState state, JToken document, FixtureContext context) => GitBookFixtures.Apply(state, document, context);

    protected override JsonObject WriteSnapshot(GitBookState state) => GitBookSnapshot.Write(state);

    protected override GitBookState ReadSnapshot(SnapshotReader tenant, GitBookState template) => GitBookSnapshot.Read(tenant);

    protected override void AddVendorServices(IServiceCollection services)
    {
        services.AddHttpClient(GitBookEvents.TunnelClient, client => client.Timeout = TunnelTimeout);
        services.AddSingleton<GitBookEvents>();
        services.AddSingleton<GitBookTasks>();
        services.AddSingleton<GitBookService>();
    }

    /// <summary>Swaps the tenants in, then re-arms the imported pending tasks on the clock; the old tenants' timers stop.</summary>
    public override void CommitImport(IServiceProvider services, object prepared)
    {
        var tasks = services.GetRequiredService<GitBookTasks>();
        tasks.CancelAll();
        base.CommitImport(services, prepared);
        foreach (var (_, state) in ((PreparedTenants<GitBookState>)prepared).Tenants)
        {
            // Outside the lock: an overdue task may fire at once, and firing takes the lock.
            var pending = state.Read(s => s.PendingTasks.Values.ToList());
            foreach (var task in pending) tasks.Arm(state, task);
        }
    }

    public override void MapRoutes(IEndpointRouteBuilder app)
    {
        var v1 = app.MapVendorGroup(VendorName, "/gitbook/v1");
        AccountEndpoints.Map(v1);
        IntegrationEndpoints.Map(v1);
        InstallationEndpoints.Map(v1);
        ContentInstallationEndpoints.Map(v1);
        ContentEndpoints.Map(v1);
        EventEndpoints.Map(v1);
    }
}
