using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Seeding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// Membrane (formerly Integration.app) API, the calls <c>@membranehq/sdk</c> makes for integrations, under
/// <c>/membrane</c>. Known differences from the real API are listed in README.md ("Membrane: what differs").
/// </summary>
internal sealed class MembraneModule(EmulatorOptions options) : VendorModule<MembraneState>(options)
{
    public const string VendorName = "membrane";

    public override string Name => VendorName;

    public override IVendorErrors Errors { get; } = new MembraneErrors();

    public override string NewCredential() => "pat-" + Guid.NewGuid().ToString("N");

    protected override string? CredentialOf(string token) => MembraneCaller.CredentialOf(token);

    /// <summary>The API version <c>@membranehq/sdk</c> sends.</summary>
    public override void PrepareClient(HttpClient client) => client.DefaultRequestHeaders.Add("membrane-api-version", "2025-10-21");

    protected override MembraneState Seed(SeedProfile profile) => MembraneSeeder.Build(profile);

    protected override void LoadFixture(MembraneState state, JToken document, FixtureContext context) => MembraneFixtures.Apply(state, document, context);

    protected override JsonObject WriteSnapshot(MembraneState state) => MembraneSnapshot.Write(state);

    protected override MembraneState ReadSnapshot(SnapshotReader tenant, MembraneState template) => MembraneSnapshot.Read(tenant, template);

    protected override void AddVendorServices(IServiceCollection services) => services.AddSingleton<MembraneService>();

    public override void MapRoutes(IEndpointRouteBuilder app)
    {
        var root = app.MapVendorGroup(VendorName, "/membrane");
        IntegrationEndpoints.Map(root);
        ConnectorEndpoints.Map(root);
        ElementEndpoints.Map(root);
    }
}
