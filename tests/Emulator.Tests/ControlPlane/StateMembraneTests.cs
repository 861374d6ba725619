using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Membrane;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>Membrane state through a snapshot: integrations (created, updated, archived) and their elements.</summary>
public sealed class StateMembraneTests
{
    [Fact]
    public async Task Membrane_writes_survive_export_import_export_byte_for_byte_and_serve_from_a_fresh_emulator()
    {
        await using var emulator = await StartFrozenAsync();
        using var membrane = emulator.Membrane();
        var kept = await membrane.CreateUniqueAsync();
        await membrane.PatchJsonAsync($"{Integrations}/{IdOf(kept)}", new JsonObject { ["name"] = "Renamed" }).OkJsonAsync();
        var action = await membrane.PostJsonAsync($"{Integrations}/{IdOf(kept)}/actions", new JsonObject { ["key"] = UniqueKey("act"), ["name"] = "Do it" }).OkJsonAsync();
        var archived = await membrane.CreateUniqueAsync();
        (await membrane.DeleteAsync($"{Integrations}/{IdOf(archived)}")).EnsureSuccessStatusCode();
        var before = StateOf(emulator, membrane).Counts();

        var snapshot = await RoundTripAsync(emulator);

        var tenant = TenantOf(snapshot, "membrane", MembraneCaller.CredentialOf(TokenOf(membrane))!);
        tenant["integrations"]!.AsArray().Single(i => Str(i!["id"]) == IdOf(archived))!["archivedAt"].Should().NotBeNull();

        await using var fresh = await StartFrozenAsync();
        await ImportAsync(fresh, snapshot);
        ShouldBeSameBytes(await GetStateAsync(fresh), snapshot);

        using var again = fresh.Membrane(TokenOf(membrane));
        Str((await again.GetIntegrationAsync(IdOf(kept)))["name"]).Should().Be("Renamed");
        Str((await again.GetAsync($"{Integrations}/{IdOf(kept)}/actions/{KeyOf(action)}").OkJsonAsync())["name"]).Should().Be("Do it");
        StateOf(fresh, again).Counts().Should().BeEquivalentTo(before);
    }
}
