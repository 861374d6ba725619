using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Client;

/// <summary>An installed override (a WireMock mapping) as <c>GET /_emulator/overrides</c> lists it.</summary>
/// <param name="Guid">Its id, for <see cref="EmulatorControlClient.RemoveOverrideAsync"/>.</param>
/// <param name="Title">Its title, or null.</param>
/// <param name="Priority">Its priority (lower is tried first).</param>
/// <param name="Hits">How many requests it has answered.</param>
/// <param name="Mapping">The mapping in WireMock's JSON format (PascalCase).</param>
public sealed record InstalledOverride(Guid Guid, string? Title, int Priority, long Hits, JsonObject Mapping);

internal sealed record OverrideList(IReadOnlyList<InstalledOverride> Overrides);
