using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress;
using IntegrationsApiEmulator.Vendors.GitBook;
using IntegrationsApiEmulator.Vendors.Membrane;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Hosting;

/// <summary>
/// Builds the emulator's ASP.NET Core application. The request pipeline, top to bottom:
/// <list type="number">
/// <item>journal: records each vendor request with the response the client got (<see cref="JournalMiddleware"/>; left
/// out when <see cref="EmulatorOptions.JournalSize"/> is 0);</item>
/// <item>request limits: target length (414), header size and count (431), control characters in the path (400), in the
/// vendor's envelope (<see cref="RequestLimitsMiddleware"/>);</item>
/// <item>vendor error writer: <see cref="ApiException"/> → vendor envelope; unexpected exceptions → vendor 500;</item>
/// <item>faults: the installed fault rules delay, abort or answer an error status (<see cref="FaultMiddleware"/>);</item>
/// <item>overrides: the first installed WireMock mapping that matches answers instead of the vendor route
/// (<see cref="OverrideMiddleware"/>). After the faults, which stand for the network and the vendor's infrastructure
/// in front of its API: a fault delays or breaks an overridden request too, and draws the same either way;</item>
/// <item>status pages: unknown route (404) and wrong method (405) → vendor envelope;</item>
/// <item>WebSockets: upgrades for the Botpress dev tunnel (<c>bp dev</c>);</item>
/// <item>routing: <c>/_emulator/*</c> control plane, then one route group per vendor, where each
/// handler authenticates (credential → tenant), validates (schemas/), acts on the tenant store and
/// writes the vendor's JSON.</item>
/// </list>
/// </summary>
internal static class EmulatorApp
{
    /// <summary>Every vendor module: the built-in ones (adding a vendor means adding it here) and the options' added ones.</summary>
    public static IReadOnlyList<IVendorModule> Vendors(EmulatorOptions options) =>
        [new BotpressModule(options), new GitBookModule(options), new MembraneModule(options), .. options.AddedVendors.Select(add => add(options))];

    public static void AddEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        // Every instance gets its own virtual clock unless the host supplies one.
        var clock = options.Clock ?? new VirtualClock();
        options = options with { Clock = clock };
        var vendors = new VendorDirectory(Vendors(options));
        services.AddSingleton(options);
        services.AddSingleton(clock);
        if (clock is VirtualClock virtualClock) services.AddSingleton(virtualClock);
        services.AddSingleton(vendors);
        services.AddSingleton(new StartTime(TimeProvider.System.GetTimestamp()));
        services.AddSingleton<SchemaRegistry>();
        // GET /_emulator/openapi.json describes the control plane (the vendor APIs have their vendors' own documents).
        services.AddOpenApi(openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("_emulator", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new() { Title = "Integrations API Emulator control plane", Version = HealthEndpoints.Version };
                return Task.CompletedTask;
            });
        });
        services.AddSingleton<PageTokens>();
        services.AddSingleton<VendorRequests>();
        services.AddSingleton(new JournalBuffer(options.JournalSize, [.. vendors.Modules.Select(m => m.Name)]));
        services.AddSingleton(new FaultRules(options.Seed, [.. vendors.Modules.Select(m => m.Name)]));
        services.AddSingleton<TenantBrowser>();
        // Built by the container so that it is disposed with the app (it may hold a loopback WireMock server).
        services.AddSingleton<OverrideConverter>();
        services.AddSingleton(provider => new OverrideMappings(options.Seed, [.. vendors.Modules.Select(m => m.Name)], provider.GetRequiredService<OverrideConverter>()));
        services.AddSingleton<OverrideFiles>();
        services.AddSingleton<TunnelRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<OverrideFiles>());
        foreach (var vendor in vendors.Modules) vendor.AddServices(services);
        // State snapshots; as a hosted service it loads the state file at start and saves it on shutdown.
        services.AddSingleton<EmulatorState>();
        services.AddHostedService(provider => provider.GetRequiredService<EmulatorState>());
    }

    /// <summary>Builds every vendor's template up front, so bad fixtures stop start-up instead of the first request.</summary>
    public static void PrepareTemplates(this IServiceProvider services)
    {
        foreach (var vendor in services.GetRequiredService<VendorDirectory>().Modules) vendor.Prepare(services);
    }

    public static WebApplication UseEmulator(this WebApplication app)
    {
        var vendors = app.Services.GetRequiredService<VendorDirectory>();
        if (app.Services.GetRequiredService<JournalBuffer>().Enabled) app.UseMiddleware<JournalMiddleware>();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<VendorErrorMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<OverrideMiddleware>();
        app.UseStatusCodePages(context => VendorErrorMiddleware.WriteStatusPageAsync(context.HttpContext, vendors));
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.UseRouting();
        app.MapControlPlane();
        foreach (var vendor in vendors.Modules) vendor.MapRoutes(app);
        return app;
    }
}
