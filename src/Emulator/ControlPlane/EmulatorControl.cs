using IntegrationsApiEmulator.Core;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>The control-plane operations shared by the <c>/_emulator</c> routes and <c>IntegrationsEmulator</c>.</summary>
internal static partial class EmulatorControl
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
        CheckTenantKey(tenant);
        var set = ParseFixtureSet(fixtureSetJson);
        // Detached, so schema paths start at the vendor's document rather than at the set.
        return Load(services, [.. set.Properties().Select(p => new FixtureDocument(p.Name, p.Value.DeepClone(), "POST /_emulator/fixtures", p.Name + "."))], tenant);
    }

    /// <summary>
    /// Loads the files of a fixtures directory (<c>botpress.json</c>, <c>gitbook.json</c>, <c>membrane.json</c>, as
    /// <c>--fixtures</c> reads them) like <see cref="LoadFixtures(IServiceProvider, string, string?)"/>; errors name the file.
    /// </summary>
    public static IReadOnlyList<string> LoadFixtureDirectory(IServiceProvider services, string directory, string? tenant = null)
    {
        CheckTenantKey(tenant);
        var documents = new List<FixtureDocument>();
        foreach (var module in services.GetRequiredService<VendorDirectory>().Modules)
        {
            try
            {
                if (Fixtures.ReadFile(directory, module.Name) is { } document)
                    documents.Add(new FixtureDocument(module.Name, document, Fixtures.FileOf(directory, module.Name), ""));
            }
            catch (Exception e) when (e is InvalidDataException or DirectoryNotFoundException)
            {
                throw ControlPlaneErrors.BadRequest(e.Message);
            }
        }
        return Load(services, documents, tenant);
    }

    private sealed record FixtureDocument(string Vendor, JToken Document, string Source, string PathPrefix);

    // Every vendor's document is tried first (nothing changes if one is refused), then all are applied.
    private static IReadOnlyList<string> Load(IServiceProvider services, IReadOnlyList<FixtureDocument> documents, string? tenant)
    {
        var vendors = services.GetRequiredService<VendorDirectory>();
        var seed = services.GetRequiredService<EmulatorOptions>().Seed;
        var schemas = services.GetRequiredService<SchemaRegistry>();
        var commits = new List<Action>();
        foreach (var (name, document, source, prefix) in documents)
        {
            var module = vendors.Modules.FirstOrDefault(m => m.Name == name)
                ?? throw ControlPlaneErrors.BadRequest($"{name}: is not a vendor (one of {string.Join(", ", vendors.Modules.Select(v => v.Name))})");
            var context = new FixtureContext(source, prefix, Fixtures.SeedFor(seed, document), schemas);
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
        return [.. documents.Select(d => d.Vendor)];
    }

    private static void CheckTenantKey(string? tenant)
    {
        if (tenant is not null && !TenantKey().IsMatch(tenant))
            throw ControlPlaneErrors.BadRequest($"tenant: \"{tenant}\" is not a tenant key (t_ and 16 hex digits; GET /_emulator/tenants lists them)");
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
