using System.Text.Json.Nodes;
using Bogus;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Tests.FourthVendor.Tickets;

/// <summary>
/// A minimal fourth vendor, a help desk's ticket API under <c>/tickets/v1</c>: the proof that a vendor is one folder
/// and one line (<see cref="EmulatorOptions.AddedVendors"/>) — tenancy, fixtures, snapshots and reset come from
/// <see cref="VendorModule{TState}"/>, the journal, faults, overrides and dashboard from the shared pipeline.
/// </summary>
internal sealed class TicketsModule(EmulatorOptions options) : VendorModule<TicketsState>(options)
{
    public const string VendorName = "tickets";

    public override string Name => VendorName;

    public override IVendorErrors Errors { get; } = new TicketsErrors();

    public override IReadOnlyList<string> CredentialPrefixes => ["tk_"];

    public override string NewCredential() => "tk_" + Guid.NewGuid().ToString("N");

    protected override TicketsState Seed(SeedProfile profile)
    {
        var faker = new Faker { Random = new Randomizer(profile.Seed) };
        var state = new TicketsState();
        for (var i = 0; i < profile.CountOr(3); i++) state.Add(faker.Hacker.Phrase(), "open", DateTimeOffset.UnixEpoch.AddDays(i));
        return state;
    }

    /// <summary><c>{"tickets":[{"title":"..."}]}</c>.</summary>
    protected override void LoadFixture(TicketsState state, JToken document, FixtureContext context)
    {
        foreach (var ticket in document["tickets"] ?? new JArray()) state.Add((string)ticket["title"]!, "open", DateTimeOffset.UnixEpoch);
    }

    protected override JsonObject WriteSnapshot(TicketsState state) =>
        new() { ["tickets"] = new JsonArray([.. state.Tickets.Select(t => (JsonNode)TicketsEndpoints.View(t))]) };

    protected override TicketsState ReadSnapshot(SnapshotReader tenant, TicketsState template)
    {
        var state = new TicketsState();
        foreach (var t in tenant["tickets"].List(t => t)) state.Add(t["title"].String(), t["status"].String(), t["createdAt"].Time());
        return state;
    }

    protected override void AddVendorServices(IServiceCollection services) => services.AddSingleton<TicketsService>();

    public override void MapRoutes(IEndpointRouteBuilder app) => TicketsEndpoints.Map(app.MapVendorGroup(VendorName, "/tickets/v1"));
}

/// <summary>The vendor's envelope: <c>{"error":{"status":404,"code":"not_found","detail":"..."}}</c>.</summary>
internal sealed class TicketsErrors : VendorErrors
{
    protected override ApiException Error(int statusCode, string code, string message) =>
        new(statusCode, new JsonObject { ["error"] = new JsonObject { ["status"] = statusCode, ["code"] = code, ["detail"] = message } });
}

internal sealed class TicketsService(TenantRegistry<TicketsState> tenants, TicketsErrors errors, VendorRequests requests, PageTokens pageTokens, TimeProvider clock)
    : VendorService<TicketsState, TicketsErrors>(TicketsModule.VendorName, tenants, errors, requests, pageTokens, clock);
