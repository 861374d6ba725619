using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.Botpress.Seeding;
using Emulator.Vendors.Botpress.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.Botpress;

/// <summary>
/// Botpress Cloud admin API under <c>/botpress/v1/admin</c>: the integrations family, and the bots, workspaces and
/// interfaces the <c>bp</c> CLI calls.
/// Known differences from the real API are listed in README.md ("Botpress: what differs").
/// </summary>
public sealed class BotpressModule(EmulatorOptions options) : IVendorModule
{
    public const string VendorName = "botpress";

    private static readonly SeededTemplates<BotpressState> Templates = new(BotpressSeeder.Build);

    public string Name => VendorName;

    public IVendorErrors Errors { get; } = new BotpressErrors(options.Clock ?? TimeProvider.System);

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton((BotpressErrors)Errors);
        services.AddSingleton(provider => new TenantRegistry<BotpressState>(VendorName, () =>
        {
            if (StartupFixture.Of(options, VendorName, provider) is not var (document, context)) return Templates.For(options.SeedProfile);
            var template = BotpressSeeder.Build(options.SeedProfile);
            BotpressFixtures.Apply(template, document, context);
            return template;
        }));
        services.AddSingleton<BotpressService>();
        services.AddSingleton<DevTunnels>();
        services.AddSingleton<IntegrationDispatcher>();
        services.AddHttpClient(IntegrationDispatcher.HttpClientName, client => client.Timeout = IntegrationDispatcher.Timeout);
    }

    public ITenantRegistry Tenants(IServiceProvider services) => services.GetRequiredService<TenantRegistry<BotpressState>>();

    public void Prepare(IServiceProvider services) => _ = services.GetRequiredService<TenantRegistry<BotpressState>>().Template;

    public JsonNode ExportState(IServiceProvider services) => TenantSnapshot.Export(Registry(services), BotpressSnapshot.Write);

    public object PrepareImport(IServiceProvider services, JsonNode? snapshot)
    {
        var template = Registry(services).Template;
        return TenantSnapshot.Prepare<BotpressState>(snapshot, "$.vendors." + VendorName, tenant => BotpressSnapshot.Read(tenant, template));
    }

    public Action PrepareFixture(IServiceProvider services, JToken document, FixtureContext context, string? tenantKey) =>
        Registry(services).PrepareLoad(state => BotpressFixtures.Apply(state, document, context), tenantKey);

    public void CommitImport(IServiceProvider services, object prepared) => TenantSnapshot.Commit(Registry(services), prepared);

    private static TenantRegistry<BotpressState> Registry(IServiceProvider services) => services.GetRequiredService<TenantRegistry<BotpressState>>();

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/botpress/v1/admin");
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
