using Emulator.Core;
using Emulator.Vendors.Botpress.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Vendors.Botpress;

/// <summary>
/// Botpress Cloud admin API, integrations family, under <c>/botpress/v1/admin</c>.
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
            if (options.FixturesDirectory is not { } fixtures) return Templates.For(options.Seed);
            var template = BotpressSeeder.Build(options.Seed);
            BotpressFixtures.LoadInto(template, fixtures, options.Seed, provider.GetRequiredService<SchemaRegistry>());
            return template;
        }));
        services.AddSingleton<BotpressService>();
    }

    public ITenantRegistry Tenants(IServiceProvider services) => services.GetRequiredService<TenantRegistry<BotpressState>>();

    public void Prepare(IServiceProvider services) => _ = services.GetRequiredService<TenantRegistry<BotpressState>>().Template;

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/botpress/v1/admin");
        HubEndpoints.Map(admin);
        IntegrationEndpoints.Map(admin);
        LogEndpoints.Map(admin);
        ApiKeyEndpoints.Map(admin);
        ShareableIdEndpoints.Map(admin);
    }
}
