using Emulator.ControlPlane;
using Emulator.Core;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Emulator.Hosting;

/// <summary>The control-plane operations shared by the <c>/_emulator</c> routes and <see cref="IntegrationsEmulator"/>.</summary>
public static partial class EmulatorControl
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

    /// <summary>
    /// Loads a fixture set given as one JSON object keyed by vendor (<c>{"botpress":{...},"gitbook":{...}}</c>, each value
    /// what that vendor's file in a fixtures directory holds) into one tenant (created when new) or, with
    /// <paramref name="tenant"/> null, into every tenant and the template new tenants start from. All or nothing:
    /// a refused fixture (400 naming the vendor, JSON path and reason) changes no state. Returns the vendors loaded.
    /// </summary>
    public static IReadOnlyList<string> LoadFixtures(IServiceProvider services, string fixtureSetJson, string? tenant = null)
    {
        var vendors = services.GetRequiredService<VendorDirectory>();
        if (tenant is not null && !TenantKey().IsMatch(tenant))
            throw ControlPlaneErrors.BadRequest($"tenant: \"{tenant}\" is not a tenant key (t_ and 16 hex digits; GET /_emulator/tenants lists them)");
        var set = ParseFixtureSet(fixtureSetJson);
        var seed = services.GetRequiredService<EmulatorOptions>().Seed;
        var schemas = services.GetRequiredService<SchemaRegistry>();
        var commits = new List<Action>();
        foreach (var (name, value) in set)
        {
            // Detached, so schema paths start at the vendor's document rather than at the set.
            var document = value!.DeepClone();
            var module = vendors.Modules.FirstOrDefault(m => m.Name == name)
                ?? throw ControlPlaneErrors.BadRequest($"{name}: is not a vendor (one of {string.Join(", ", vendors.Modules.Select(v => v.Name))})");
            var context = new FixtureContext("POST /_emulator/fixtures", name + ".", Fixtures.SeedFor(seed, document), schemas);
            try
            {
                commits.Add(module.PrepareFixture(services, document, context, tenant));
            }
            catch (InvalidDataException e)
            {
                throw ControlPlaneErrors.BadRequest(e.Message);
            }
        }
        foreach (var commit in commits) commit();
        return [.. set.Properties().Select(p => p.Name)];
    }

    private static JObject ParseFixtureSet(string json)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (reader.Read()) throw ControlPlaneErrors.BadRequest("body: not valid JSON: content after the end of the object");
            return token as JObject ?? throw ControlPlaneErrors.BadRequest("body: must be a JSON object keyed by vendor ({\"botpress\":{...}})");
        }
        catch (JsonReaderException e)
        {
            throw ControlPlaneErrors.BadRequest("body: not valid JSON: " + e.Message);
        }
    }

    [GeneratedRegex("^t_[0-9a-f]{16}$")]
    private static partial Regex TenantKey();
}
