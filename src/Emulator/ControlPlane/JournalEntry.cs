namespace IntegrationsApiEmulator;

/// <summary>
/// One vendor request as the journal recorded it (<c>GET /_emulator/requests</c>,
/// <c>IntegrationsEmulator.GetRequests</c>). Credentials (authorization headers, tokens
/// in query parameters and bodies) are redacted before anything is stored.
/// </summary>
/// <param name="Id">Position in the journal: grows by one per recorded request (in completion order).</param>
/// <param name="Time">When the request arrived, on the emulator clock (the <see cref="TimeProvider"/> of the instance).</param>
/// <param name="Vendor">The vendor whose prefix the path starts with (<c>botpress</c>, <c>gitbook</c>, <c>membrane</c>).</param>
/// <param name="Tenant">The tenant key the request authenticated as, or null when authentication failed (or never ran).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The full request path, vendor prefix included (<c>/botpress/v1/admin/integrations</c>).</param>
/// <param name="Query">The query string with its <c>?</c>, or null when there is none; credential parameters redacted.</param>
/// <param name="Status">The response status; 0 when the connection was closed without a response (a fault's <c>abort</c>).</param>
/// <param name="DurationMs">Wall time from arrival to the end of the response, in milliseconds.</param>
/// <param name="RequestHeaders">Request headers; <c>Authorization</c> and other credential headers read <c>[REDACTED]</c>.</param>
/// <param name="RequestBody">The request body as text (the first 16 KiB), or null when empty.</param>
/// <param name="RequestBodyTruncated">True when the request body was longer than 16 KiB.</param>
/// <param name="ResponseBody">The response body as text (the first 16 KiB), or null when empty.</param>
/// <param name="ResponseBodyTruncated">True when the response body was longer than 16 KiB.</param>
/// <param name="Fault">The id of the fault rule applied to this request, or null.</param>
/// <param name="Override">The guid of the override (WireMock mapping) that answered this request, or null when the vendor route did.</param>
public sealed record JournalEntry(
    long Id,
    DateTimeOffset Time,
    string Vendor,
    string? Tenant,
    string Method,
    string Path,
    string? Query,
    int Status,
    double DurationMs,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    bool RequestBodyTruncated,
    string? ResponseBody,
    bool ResponseBodyTruncated,
    string? Fault,
    string? Override);

/// <summary>Which journal entries to return: every filter that is set must match. Newest first.</summary>
public sealed record JournalQuery
{
    /// <summary>The latest entries returned when <see cref="Limit"/> is not set.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Only this vendor's requests.</summary>
    public string? Vendor { get; init; }

    /// <summary>Only requests of this tenant (a key as <c>GET /_emulator/tenants</c> lists them).</summary>
    public string? Tenant { get; init; }

    /// <summary>Only this HTTP method (case-insensitive).</summary>
    public string? Method { get; init; }

    /// <summary>
    /// A glob (<c>*</c>, <c>?</c>) matched against the full path (<c>/gitbook/v1/integrations*</c>) or the path
    /// after the vendor prefix (<c>/v1/integrations*</c>); without wildcards, an exact path.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>Only responses with this status (0: connections closed without a response).</summary>
    public int? Status { get; init; }

    /// <summary>At most this many entries (at least 1); <see cref="DefaultLimit"/> when null.</summary>
    public int? Limit { get; init; }

    /// <summary>Only entries recorded after the one with this id (<see cref="JournalEntry.Id"/>): what is new since a previous read.</summary>
    public long? AfterId { get; init; }

    /// <summary>Only entries recorded before the one with this id: the next, older page.</summary>
    public long? BeforeId { get; init; }
}

/// <summary>What <c>GET /_emulator/requests</c> answers: the journal's capacity and the matching entries, newest first.</summary>
internal sealed record JournalPage(int Capacity, IReadOnlyList<JournalEntry> Requests);
