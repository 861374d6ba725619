using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary><c>GET /_emulator/health</c>: liveness, version, uptime and vendors (never needs the admin token).</summary>
    public Task<EmulatorHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EmulatorHealth>("health", cancellationToken);

    /// <summary>
    /// Waits until <c>GET /_emulator/health</c> answers (a container or process still starting), polling every
    /// 100 ms; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<EmulatorHealth> WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? last = null;
        while (true)
        {
            try
            {
                return await GetHealthAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or EmulatorControlException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = e;
            }
            if (deadline.IsCancellationRequested) throw new TimeoutException($"The emulator at {BaseAddress} did not answer /_emulator/health within {timeout}.", last);
            try
            {
                await Task.Delay(100, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>
    /// <c>POST /_emulator/reset</c>: everything, one vendor, or one tenant of a vendor back to the seeded template.
    /// </summary>
    /// <param name="vendor">Only this vendor (<c>botpress</c>), or null for all.</param>
    /// <param name="tenant">Only this tenant key (<see cref="EmulatorCredentials.TenantKeyOf"/>); 404 when it has no state.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task ResetAsync(string? vendor = null, string? tenant = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject();
        if (vendor is not null) body["vendor"] = vendor;
        if (tenant is not null) body["tenant"] = tenant;
        return SendNoContentAsync(HttpMethod.Post, "reset", Json(body), cancellationToken);
    }

    /// <summary><c>GET /_emulator/tenants</c>: the tenants of each vendor with their entity counts.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TenantSummary>>> GetTenantsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<Dictionary<string, TenantSummary[]>>("tenants", cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Key, p => (IReadOnlyList<TenantSummary>)p.Value, StringComparer.Ordinal);

    /// <summary>
    /// <c>GET /_emulator/tenants/{vendor}/{tenant}/collections/{name}</c>: a page of one collection of a tenant's state
    /// (its entries' keys and JSON as the state snapshot writes them); <paramref name="q"/> keeps the entries whose key
    /// holds it (ignoring case) or whose JSON holds it as written. 404 for a tenant or collection that does not exist.
    /// </summary>
    public Task<TenantCollectionPage> GetTenantCollectionAsync(
        string vendor, string tenant, string name, int offset = 0, int limit = 25, string? q = null, CancellationToken cancellationToken = default)
    {
        var query = $"?offset={offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}&limit={limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            + (string.IsNullOrEmpty(q) ? "" : "&q=" + Uri.EscapeDataString(q));
        return GetAsync<TenantCollectionPage>($"tenants/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(tenant)}/collections/{Uri.EscapeDataString(name)}{query}", cancellationToken);
    }

    /// <summary><c>GET /_emulator/tenants/{vendor}/{tenant}/export</c>: the tenant's state as the state snapshot writes it.</summary>
    public Task<JsonObject> ExportTenantAsync(string vendor, string tenant, CancellationToken cancellationToken = default) =>
        GetAsync<JsonObject>($"tenants/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(tenant)}/export", cancellationToken);
}
