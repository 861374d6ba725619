using System.Text.Json.Nodes;
using WireMock.Admin.Mappings;

namespace IntegrationsApiEmulator;

/// <summary>
/// An installed override (<c>POST /_emulator/overrides</c>, <c>IntegrationsEmulator.AddOverride</c>):
/// a WireMock mapping that answers matching vendor requests before the vendor routes do.
/// </summary>
/// <param name="Guid">The mapping's <c>Guid</c> (the one it was posted with, or one the emulator assigned), for <c>DELETE /_emulator/overrides/{guid}</c>.</param>
/// <param name="Title">The mapping's <c>Title</c>, if any.</param>
/// <param name="Priority">The mapping's <c>Priority</c> (lower wins; 0 when not set).</param>
/// <param name="Hits">How many requests it has answered.</param>
/// <param name="Mapping">The mapping in WireMock's own model, as installed.</param>
public sealed record OverrideState(Guid Guid, string? Title, int Priority, long Hits, MappingModel Mapping);

/// <summary>
/// An installed override as the control plane writes it: its <c>guid</c>, <c>title</c>, <c>priority</c>, <c>hits</c>,
/// and the <c>mapping</c> in WireMock's JSON format (PascalCase, as WireMock's <c>/__admin/mappings</c> writes it).
/// </summary>
internal sealed record OverrideView(Guid Guid, string? Title, int Priority, long Hits, JsonObject Mapping);

/// <summary>What <c>GET</c> and <c>POST /_emulator/overrides</c> answer: overrides in the order they are tried.</summary>
internal sealed record OverrideList(IReadOnlyList<OverrideView> Overrides);
