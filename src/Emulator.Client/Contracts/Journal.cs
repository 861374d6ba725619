namespace IntegrationsApiEmulator.Client;

/// <summary>
/// One vendor request the journal recorded (<c>GET /_emulator/requests</c>); credentials are redacted by the emulator.
/// </summary>
/// <param name="Id">Position in the journal (grows by one per request).</param>
/// <param name="Time">When it arrived, on the emulator's clock.</param>
/// <param name="Vendor">The vendor (<c>botpress</c>, <c>gitbook</c>, <c>membrane</c>).</param>
/// <param name="Tenant">The tenant key it authenticated as, or null when authentication failed.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The full path, vendor prefix included (<c>/gitbook/v1/user</c>).</param>
/// <param name="Query">The query string with its <c>?</c>, or null.</param>
/// <param name="Status">The response status; 0 when the connection was closed without one.</param>
/// <param name="DurationMs">Wall time to answer, in milliseconds.</param>
/// <param name="RequestHeaders">The request headers (credentials read <c>[REDACTED]</c>).</param>
/// <param name="RequestBody">The request body as text (first 16 KiB), or null.</param>
/// <param name="RequestBodyTruncated">True when the request body was longer than 16 KiB.</param>
/// <param name="ResponseBody">The response body as text (first 16 KiB), or null.</param>
/// <param name="ResponseBodyTruncated">True when the response body was longer than 16 KiB.</param>
/// <param name="Fault">The id of the fault rule that hit it, or null.</param>
/// <param name="Override">The guid of the override that answered it, or null.</param>
public sealed record RecordedRequest(
    long Id, DateTimeOffset Time, string Vendor, string? Tenant, string Method, string Path, string? Query, int Status,
    double DurationMs, IReadOnlyDictionary<string, string> RequestHeaders, string? RequestBody, bool RequestBodyTruncated,
    string? ResponseBody, bool ResponseBodyTruncated, string? Fault, string? Override);

/// <summary>Which journal entries to return (<c>GET /_emulator/requests</c>): every filter that is set must match.</summary>
public sealed record RequestFilter
{
    /// <summary>Only this vendor's requests.</summary>
    public string? Vendor { get; init; }

    /// <summary>Only this tenant's requests (a key: <see cref="EmulatorCredentials.TenantKeyOf"/>).</summary>
    public string? Tenant { get; init; }

    /// <summary>Only this HTTP method (case-insensitive).</summary>
    public string? Method { get; init; }

    /// <summary>A glob (<c>*</c>, <c>?</c>) on the full path or the path after the vendor prefix; without wildcards, exact.</summary>
    public string? Path { get; init; }

    /// <summary>Only answers with this status.</summary>
    public int? Status { get; init; }

    /// <summary>At most this many entries, newest first (the emulator's default, 100, when null).</summary>
    public int? Limit { get; init; }

    /// <summary>Only entries recorded after the one with this id (<see cref="RecordedRequest.Id"/>): what is new since a previous read.</summary>
    public long? AfterId { get; init; }

    /// <summary>Only entries recorded before the one with this id: the next, older page.</summary>
    public long? BeforeId { get; init; }

    internal string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
        Add("vendor", Vendor);
        Add("tenant", Tenant);
        Add("method", Method);
        Add("path", Path);
        Add("status", Status?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("after", AfterId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("before", BeforeId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

internal sealed record JournalPage(int Capacity, IReadOnlyList<RecordedRequest> Requests);
