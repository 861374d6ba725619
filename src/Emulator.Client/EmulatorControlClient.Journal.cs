namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary><c>GET /_emulator/requests</c>: the recorded vendor requests matching <paramref name="filter"/>, newest first.</summary>
    /// <remarks>Header names are looked up case-insensitively, as HTTP compares them.</remarks>
    public async Task<IReadOnlyList<RecordedRequest>> GetRequestsAsync(RequestFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var page = await GetAsync<JournalPage>("requests" + (filter ?? new RequestFilter()).ToQueryString(), cancellationToken).ConfigureAwait(false);
        return [.. page.Requests.Select(r => r with { RequestHeaders = new Dictionary<string, string>(r.RequestHeaders, StringComparer.OrdinalIgnoreCase) })];
    }

    /// <summary><c>GET /_emulator/requests/{id}</c>: one journal entry; 404 (<see cref="EmulatorControlException"/>) once it has left the journal.</summary>
    public async Task<RecordedRequest> GetRequestAsync(long id, CancellationToken cancellationToken = default)
    {
        var entry = await GetAsync<RecordedRequest>("requests/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return entry with { RequestHeaders = new Dictionary<string, string>(entry.RequestHeaders, StringComparer.OrdinalIgnoreCase) };
    }

    /// <summary><c>DELETE /_emulator/requests</c>: empties the journal.</summary>
    public Task ClearRequestsAsync(CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "requests", null, cancellationToken);
}
