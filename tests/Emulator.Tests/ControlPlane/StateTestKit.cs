using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// Helpers of the state snapshot tests: emulators of their own (an export holds every tenant, so a shared
/// emulator would hold other tests' tenants too) with a frozen clock (so two exports agree on <c>clock.now</c>).
/// </summary>
internal static class StateTestKit
{
    public static async Task<IntegrationsEmulator> StartFrozenAsync(EmulatorOptions? options = null)
    {
        var emulator = await IntegrationsEmulator.StartAsync(options ?? EmulatorOptions.Default);
        emulator.Clock.Freeze();
        return emulator;
    }

    public static async Task<byte[]> GetStateAsync(IntegrationsEmulator emulator)
    {
        using var control = emulator.CreateClient();
        using var response = await control.GetAsync("_emulator/state");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return bytes;
    }

    public static async Task<(HttpStatusCode Status, string Body)> PutStateAsync(IntegrationsEmulator emulator, byte[] snapshot)
    {
        using var control = emulator.CreateClient();
        using var content = new ByteArrayContent(snapshot);
        content.Headers.ContentType = new("application/json");
        using var response = await control.PutAsync("_emulator/state", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Task<(HttpStatusCode Status, string Body)> PutStateAsync(IntegrationsEmulator emulator, string snapshot) =>
        PutStateAsync(emulator, Encoding.UTF8.GetBytes(snapshot));

    public static async Task ImportAsync(IntegrationsEmulator emulator, byte[] snapshot)
    {
        var (status, body) = await PutStateAsync(emulator, snapshot);
        status.Should().Be(HttpStatusCode.NoContent, body);
    }

    /// <summary>Export, import that export, export again: the two exports are the same bytes. Returns the export.</summary>
    public static async Task<byte[]> RoundTripAsync(IntegrationsEmulator emulator)
    {
        var before = await GetStateAsync(emulator);
        await ImportAsync(emulator, before);
        ShouldBeSameBytes(await GetStateAsync(emulator), before);
        return before;
    }

    public static void ShouldBeSameBytes(byte[] actual, byte[] expected)
    {
        if (actual.AsSpan().SequenceEqual(expected)) return;
        var at = 0;
        while (at < actual.Length && at < expected.Length && actual[at] == expected[at]) at++;
        string Around(byte[] bytes) => Encoding.UTF8.GetString(bytes, Math.Max(0, at - 200), Math.Min(bytes.Length, at + 200) - Math.Max(0, at - 200));
        actual.Length.Should().Be(-1, $"the snapshots differ at byte {at}:\nexpected …{Around(expected)}…\nactual   …{Around(actual)}…");
    }

    /// <summary>The state of one tenant in a snapshot.</summary>
    public static JsonObject TenantOf(byte[] snapshot, string vendor, string credential) =>
        JsonNode.Parse(snapshot)!["vendors"]![vendor]!["tenants"]![IntegrationsEmulator.TenantKeyOf(credential)]!.AsObject();

    public static JsonObject AliasesOf(byte[] snapshot, string vendor) => JsonNode.Parse(snapshot)!["vendors"]![vendor]!["aliases"]!.AsObject();
}
