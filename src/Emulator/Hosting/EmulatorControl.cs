using Emulator.ControlPlane;
using Emulator.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Hosting;

/// <summary>The control-plane operations shared by the <c>/_emulator</c> routes and <see cref="IntegrationsEmulator"/>.</summary>
public static class EmulatorControl
{
    /// <summary>Back to the seeded template: everything, one vendor, or one tenant (of one vendor or of every vendor).</summary>
    public static void Reset(IServiceProvider services, string? vendor = null, string? tenant = null)
    {
        var vendors = services.GetRequiredService<VendorDirectory>().Modules;
        var selected = vendor is null ? vendors : vendors.Where(v => v.Name == vendor).ToList();
        if (selected.Count == 0)
            throw ControlPlaneErrors.BadRequest($"vendor: \"{vendor}\" is not one of {string.Join(", ", vendors.Select(v => v.Name))}");
        if (tenant is null)
        {
            foreach (var module in selected) module.Tenants(services).Reset();
            return;
        }
        var found = false;
        foreach (var module in selected) found |= module.Tenants(services).Reset(tenant);
        if (!found) throw ControlPlaneErrors.NotFound($"tenant: no tenant \"{tenant}\"{(vendor is null ? "" : $" of {vendor}")} (GET /_emulator/tenants lists them)");
    }
}
