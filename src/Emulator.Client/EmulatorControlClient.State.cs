using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary><c>GET /_emulator/state</c>: a snapshot of all state (every vendor and tenant), to import later.</summary>
    public Task<JsonObject> ExportStateAsync(CancellationToken cancellationToken = default) =>
        GetAsync<JsonObject>("state", cancellationToken);

    /// <summary><c>PUT /_emulator/state</c>: replaces all state with a snapshot (a 400 names the JSON path at fault; nothing changes).</summary>
    public Task ImportStateAsync(JsonNode snapshot, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Put, "state", Json(snapshot), cancellationToken);

    /// <summary><c>POST /_emulator/state/save</c>: writes the emulator's <c>--state-file</c> now (409 when it has none).</summary>
    public Task SaveStateAsync(CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Post, "state/save", null, cancellationToken);
}
