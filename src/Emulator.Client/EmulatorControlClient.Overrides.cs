using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary>
    /// <c>POST /_emulator/overrides</c>: installs one WireMock mapping or an array of them, as JSON in WireMock's format
    /// (<c>{"Request":{"Path":"/gitbook/v1/user","Methods":["GET"]},"Response":{"StatusCode":418}}</c>).
    /// </summary>
    /// <returns>The installed overrides, each with its guid.</returns>
    public async Task<IReadOnlyList<InstalledOverride>> AddOverridesAsync(string mappingJson, CancellationToken cancellationToken = default) =>
        (await PostAsync<OverrideList>("overrides", Json(mappingJson), cancellationToken).ConfigureAwait(false)).Overrides;

    /// <summary>Installs one WireMock mapping given as a JSON object; returns it with its guid.</summary>
    public async Task<InstalledOverride> AddOverrideAsync(JsonObject mapping, CancellationToken cancellationToken = default) =>
        (await PostAsync<OverrideList>("overrides", Json(mapping), cancellationToken).ConfigureAwait(false)).Overrides.Single();

    /// <summary><c>GET /_emulator/overrides</c>: the installed overrides in the order they are tried, with their hits.</summary>
    public async Task<IReadOnlyList<InstalledOverride>> GetOverridesAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<OverrideList>("overrides", cancellationToken).ConfigureAwait(false)).Overrides;

    /// <summary><c>DELETE /_emulator/overrides/{guid}</c>: removes one; false when there was none with that guid.</summary>
    public async Task<bool> RemoveOverrideAsync(Guid guid, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendNoContentAsync(HttpMethod.Delete, "overrides/" + guid.ToString("D"), null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EmulatorControlException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    /// <summary><c>DELETE /_emulator/overrides</c>: removes every override.</summary>
    public Task ClearOverridesAsync(CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "overrides", null, cancellationToken);

    /// <summary>
    /// <c>POST /_emulator/fixtures</c>: loads a fixture set (one JSON object keyed by vendor) into every tenant and the
    /// template, or into one tenant. A refusal (400) names the vendor, JSON path and reason, and changes nothing.
    /// </summary>
    /// <param name="fixtureSetJson">The fixture set, e.g. <c>{"botpress":{"integrations":[...]}}</c>.</param>
    /// <param name="tenant">Only this tenant key, or null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<FixtureLoadResult> LoadFixturesAsync(string fixtureSetJson, string? tenant = null, CancellationToken cancellationToken = default) =>
        PostAsync<FixtureLoadResult>("fixtures" + (tenant is null ? "" : "?tenant=" + Uri.EscapeDataString(tenant)), Json(fixtureSetJson), cancellationToken);

    /// <summary><c>GET /_emulator/routes</c>: every vendor endpoint the emulator serves.</summary>
    public async Task<IReadOnlyList<EmulatorRoute>> GetRoutesAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<RouteList>("routes", cancellationToken).ConfigureAwait(false)).Routes;
}
