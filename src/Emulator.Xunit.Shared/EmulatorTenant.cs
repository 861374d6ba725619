using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Client;

namespace IntegrationsApiEmulator.Xunit;

/// <summary>
/// One test's tenant: a credential per vendor (so a freshly seeded tenant per vendor, invisible to other tests),
/// <see cref="HttpClient"/>s that use them, and the journal, fixtures and reset narrowed to this tenant. The clock,
/// faults and overrides belong to the whole emulator: a test that changes them affects the tests running beside it.
/// </summary>
public sealed class EmulatorTenant : IDisposable
{
    private readonly EmulatorControlClient _control;
    private readonly Lazy<HttpClient> _botpress;
    private readonly Lazy<HttpClient> _gitBook;
    private readonly Lazy<HttpClient> _membrane;

    internal EmulatorTenant(IntegrationsEmulator emulator, EmulatorControlClient control)
    {
        Emulator = emulator;
        _control = control;
        BotpressToken = EmulatorCredentials.NewToken("botpress");
        GitBookToken = EmulatorCredentials.NewToken("gitbook");
        MembraneToken = EmulatorCredentials.NewToken("membrane");
        _botpress = new(() => emulator.CreateBotpressClient(BotpressToken));
        _gitBook = new(() => emulator.CreateGitBookClient(GitBookToken));
        _membrane = new(() => emulator.CreateMembraneClient(MembraneToken));
    }

    /// <summary>The emulator the tenant lives in.</summary>
    public IntegrationsEmulator Emulator { get; }

    /// <summary>The Botpress personal access token (<c>bp_pat_…</c>).</summary>
    public string BotpressToken { get; }

    /// <summary>The GitBook API token (<c>gb_…</c>).</summary>
    public string GitBookToken { get; }

    /// <summary>The Membrane token (<c>pat-…</c>).</summary>
    public string MembraneToken { get; }

    /// <summary>Botpress admin API client (base <c>/botpress/</c>; request <c>v1/admin/...</c>) with the default <c>x-workspace-id</c>.</summary>
    public HttpClient Botpress => _botpress.Value;

    /// <summary>GitBook API client (base <c>/gitbook/</c>; request <c>v1/...</c>).</summary>
    public HttpClient GitBook => _gitBook.Value;

    /// <summary>Membrane API client (base <c>/membrane/</c>; request <c>integrations...</c>) with the SDK's API version header.</summary>
    public HttpClient Membrane => _membrane.Value;

    /// <summary>This tenant's token for a vendor (<c>botpress</c>, <c>gitbook</c>, <c>membrane</c>).</summary>
    public string TokenFor(string vendor) => vendor switch
    {
        "botpress" => BotpressToken,
        "gitbook" => GitBookToken,
        "membrane" => MembraneToken,
        _ => throw new ArgumentException($"No vendor \"{vendor}\" (vendors: botpress, gitbook, membrane).", nameof(vendor)),
    };

    /// <summary>This tenant's key for a vendor, as the journal, reset and <c>GET /_emulator/tenants</c> name it.</summary>
    public string KeyFor(string vendor) => EmulatorCredentials.TenantKeyOf(TokenFor(vendor));

    /// <summary>A new Botpress client of this tenant for another workspace (or none, with null).</summary>
    public HttpClient CreateBotpressClient(string? workspaceId) => Emulator.CreateBotpressClient(BotpressToken, workspaceId);

    /// <summary>This tenant's recorded requests (of one vendor, or of all three), newest first.</summary>
    public IReadOnlyList<JournalEntry> GetRequests(string? vendor = null) =>
        [.. (vendor is null ? EmulatorCredentials.Vendors : [vendor])
            .SelectMany(v => Emulator.GetRequests(new JournalQuery { Vendor = v, Tenant = KeyFor(v), Limit = int.MaxValue }))
            .OrderByDescending(e => e.Id)];

    /// <summary>
    /// Asserts this tenant sent matching requests to <paramref name="vendor"/>
    /// (<see cref="EmulatorControlClient.AssertReceivedAsync"/> narrowed to the tenant); the failure message lists the
    /// closest requests received, those a fault or an override answered included.
    /// </summary>
    /// <param name="vendor"><c>botpress</c>, <c>gitbook</c> or <c>membrane</c>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">A path or glob, with or without the vendor prefix.</param>
    /// <param name="status">Only answers with this status.</param>
    /// <param name="bodyContains">Only requests whose body contains this text.</param>
    /// <param name="times">How many matching requests pass; at least once when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<RecordedRequest>> AssertReceivedAsync(
        string vendor, string method, string path, int? status = null, string? bodyContains = null, Times? times = null,
        CancellationToken cancellationToken = default) =>
        _control.AssertReceivedAsync(vendor, method, path, KeyFor(vendor), status, bodyContains, times, cancellationToken);

    /// <summary>
    /// Loads a fixture set (one JSON object keyed by vendor) into this tenant only: each vendor's part goes to this
    /// tenant's key of that vendor.
    /// </summary>
    public IReadOnlyList<string> LoadFixtures(string fixtureSetJson)
    {
        var set = JsonNode.Parse(fixtureSetJson) as JsonObject ?? throw new ArgumentException("A fixture set is a JSON object keyed by vendor.", nameof(fixtureSetJson));
        return [.. set.SelectMany(p => Emulator.LoadFixtures(new JsonObject { [p.Key] = p.Value?.DeepClone() }.ToJsonString(), KeyFor(p.Key)))];
    }

    /// <summary>Puts this tenant back to the seeded template (the vendors it has used; the others are fresh already).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        foreach (var vendor in EmulatorCredentials.Vendors)
        {
            try
            {
                await _control.ResetAsync(vendor, KeyFor(vendor), cancellationToken).ConfigureAwait(false);
            }
            catch (EmulatorControlException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Never used: nothing to reset.
            }
        }
    }

    /// <summary>Disposes the clients handed out (the tenant's state stays in the emulator until a reset).</summary>
    public void Dispose()
    {
        if (_botpress.IsValueCreated) _botpress.Value.Dispose();
        if (_gitBook.IsValueCreated) _gitBook.Value.Dispose();
        if (_membrane.IsValueCreated) _membrane.Value.Dispose();
    }
}
