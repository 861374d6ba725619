namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary><c>GET /_emulator/requests</c>: the recorded vendor requests matching <paramref name="filter"/>, newest first.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> GetRequestsAsync(RequestFilter? filter = null, CancellationToken cancellationToken = default) =>
        (await GetAsync<JournalPage>("requests" + (filter ?? new RequestFilter()).ToQueryString(), cancellationToken).ConfigureAwait(false)).Requests;

    /// <summary><c>DELETE /_emulator/requests</c>: empties the journal.</summary>
    public Task ClearRequestsAsync(CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "requests", null, cancellationToken);
}
