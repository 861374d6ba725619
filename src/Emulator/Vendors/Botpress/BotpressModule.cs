using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Seeding;
using IntegrationsApiEmulator.Vendors.Botpress.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Botpress Cloud admin API under <c>/botpress/v1/admin</c>: the integrations family, and the bots, workspaces and
/// interfaces the <c>bp</c> CLI calls.
/// Known differences from the real API are listed in README.md ("Botpress: what differs").
/// </summary>
internal sealed class BotpressModule(EmulatorOptions options) : VendorModule<BotpressState>(options)
{
    public const string VendorName = "botpress";

    public override string Name => VendorName;

    public override IVendorErrors Errors { get; } = new BotpressErrors(options.Clock ?? TimeProvider.System);

    /// <summary>Personal access tokens, minted integration and bot API keys.</summary>
    public override IReadOnlyList<string> CredentialPrefixes => ["bp_pat_", "bp_iak_", "bp_bak_"];

    public override string NewCredential() => "bp_pat_" + Guid.NewGuid().ToString("N");

    /// <summary>The workspace of the seeded tenant (the admin routes need one).</summary>
    public override void PrepareClient(HttpClient client) => client.DefaultRequestHeaders.Add("x-workspace-id", BotpressDefaults.WorkspaceId);

    protected override BotpressState Seed(SeedProfile profile) => BotpressSeeder.Build(profile);

    protected override void LoadFixture(BotpressState state, JToken document, FixtureContext context) => BotpressFixtures.Apply(state, document, context);

    protected override JsonObject WriteSnapshot(BotpressState state) => BotpressSnapshot.Write(state);

    protected override BotpressState ReadSnapshot(SnapshotReader tenant, BotpressState template) => BotpressSnapshot.Read(tenant, template);

    protected override void AddVendorServices(IServiceCollection services)
    {
        services.AddSingleton<BotpressService>();
        services.AddSingleton<DevTunnels>();
        services.AddSingleton<IntegrationDispatcher>();
        services.AddHttpClient(IntegrationDispatcher.HttpClientName, client => client.Timeout = IntegrationDispatcher.Timeout);
    }

    public override void MapRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapVendorGroup(VendorName, "/botpress/v1/admin");
        HubEndpoints.Map(admin);
        IntegrationEndpoints.Map(admin);
        LogEndpoints.Map(admin);
        ApiKeyEndpoints.Map(admin);
        ShareableIdEndpoints.Map(admin);
        BotEndpoints.Map(admin);
        WorkspaceEndpoints.Map(admin);
        InterfaceEndpoints.Map(admin);
        WebhookEndpoints.Map(app);
        // The dev tunnel lives at the root, as on its own host (tunnel.botpress.cloud/{tunnelId}).
        DevTunnelEndpoints.Map(app);
    }
}
