using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Vendors.Membrane.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.Membrane;

/// <summary>
/// Membrane (formerly Integration.app) API, the calls <c>@membranehq/sdk</c> makes for integrations, under
/// <c>/membrane</c>. Known differences from the real API are listed in README.md ("Membrane: what differs").
/// </summary>
public sealed class MembraneModule(EmulatorOptions options) : IVendorModule
{
    public const string VendorName = "membrane";

    private static readonly SeededTemplates<MembraneState> Templates = new(MembraneSeeder.Build);

    public string Name => VendorName;

    public IVendorErrors Errors { get; } = new MembraneErrors();

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton((MembraneErrors)Errors);
        services.AddSingleton(provider => new TenantRegistry<MembraneState>(VendorName, () =>
        {
            if (StartupFixture.Of(options, VendorName, provider) is not var (document, context)) return Templates.For(options.SeedProfile);
            var template = MembraneSeeder.Build(options.SeedProfile);
            MembraneFixtures.Apply(template, document, context);
            return template;
        }));
        services.AddSingleton<MembraneService>();
    }

    public ITenantRegistry Tenants(IServiceProvider services) => services.GetRequiredService<TenantRegistry<MembraneState>>();

    public void Prepare(IServiceProvider services) => _ = services.GetRequiredService<TenantRegistry<MembraneState>>().Template;

    public Action PrepareFixture(IServiceProvider services, JToken document, FixtureContext context, string? tenantKey) =>
        Registry(services).PrepareLoad(state => MembraneFixtures.Apply(state, document, context), tenantKey);

    public JsonNode ExportState(IServiceProvider services) => TenantSnapshot.Export(Registry(services), MembraneSnapshot.Write);

    public object PrepareImport(IServiceProvider services, JsonNode? snapshot)
    {
        var template = Registry(services).Template;
        return TenantSnapshot.Prepare<MembraneState>(snapshot, "$.vendors." + VendorName, tenant => MembraneSnapshot.Read(tenant, template));
    }

    public void CommitImport(IServiceProvider services, object prepared) => TenantSnapshot.Commit(Registry(services), prepared);

    private static TenantRegistry<MembraneState> Registry(IServiceProvider services) => services.GetRequiredService<TenantRegistry<MembraneState>>();

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/membrane");
        IntegrationEndpoints.Map(root);
        ConnectorEndpoints.Map(root);
        ElementEndpoints.Map(root);
    }
}
