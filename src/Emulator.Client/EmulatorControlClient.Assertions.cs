using System.Globalization;
using System.Text;

namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary>How many of the vendor's latest requests a failed assertion ranks to find the closest.</summary>
    private const int CandidateLimit = 500;

    /// <summary>How many closest requests a failure message lists.</summary>
    private const int ClosestShown = 5;

    /// <summary>
    /// The recorded requests matching every criterion, newest first — the non-throwing counterpart of
    /// <see cref="AssertReceivedAsync"/>.
    /// </summary>
    /// <param name="vendor"><c>botpress</c>, <c>gitbook</c> or <c>membrane</c>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">A path or glob, with or without the vendor prefix (<c>/v1/orgs/*/spaces</c>).</param>
    /// <param name="tenant">Only this tenant key (<see cref="EmulatorCredentials.TenantKeyOf"/>); requests a fault or an override answered carry the tenant their credential stands for.</param>
    /// <param name="status">Only answers with this status.</param>
    /// <param name="bodyContains">Only requests whose body contains this text (ordinal).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<RecordedRequest>> FindReceivedAsync(
        string vendor, string method, string path, string? tenant = null, int? status = null, string? bodyContains = null,
        CancellationToken cancellationToken = default)
    {
        var expectation = new RequestExpectation(vendor, method, path, tenant, status, bodyContains);
        return await MatchingAsync(expectation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asserts that the emulator received requests matching every criterion, <paramref name="times"/> over (at least
    /// once by default), the way WireMock.Net verifies calls. Throws <see cref="RequestAssertionException"/> whose
    /// message lists the expectation and the closest requests received (method, path, status, what differs).
    /// </summary>
    /// <param name="vendor"><c>botpress</c>, <c>gitbook</c> or <c>membrane</c>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">A path or glob, with or without the vendor prefix (<c>/v1/orgs/*/spaces</c>).</param>
    /// <param name="tenant">Only this tenant key (<see cref="EmulatorCredentials.TenantKeyOf"/>); requests a fault or an override answered carry the tenant their credential stands for.</param>
    /// <param name="status">Only answers with this status.</param>
    /// <param name="bodyContains">Only requests whose body contains this text (ordinal).</param>
    /// <param name="times">How many matching requests pass; <see cref="Times.AtLeastOnce"/> when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The matching requests, newest first.</returns>
    public async Task<IReadOnlyList<RecordedRequest>> AssertReceivedAsync(
        string vendor, string method, string path, string? tenant = null, int? status = null, string? bodyContains = null,
        Times? times = null, CancellationToken cancellationToken = default)
    {
        times ??= Times.AtLeastOnce;
        var expectation = new RequestExpectation(vendor, method, path, tenant, status, bodyContains);
        var matching = await MatchingAsync(expectation, cancellationToken).ConfigureAwait(false);
        if (times.Allows(matching.Count)) return matching;

        var candidates = await GetRequestsAsync(new RequestFilter { Vendor = vendor, Limit = CandidateLimit }, cancellationToken).ConfigureAwait(false);
        var closest = candidates.Where(r => matching.Count == 0 || !matching.Contains(r))
            .OrderBy(expectation.Distance).ThenByDescending(r => r.Id).Take(ClosestShown).ToList();
        throw new RequestAssertionException(FailureMessage(expectation, times, matching, closest, candidates.Count), matching, closest);
    }

    private async Task<IReadOnlyList<RecordedRequest>> MatchingAsync(RequestExpectation expectation, CancellationToken cancellationToken) =>
        [.. (await GetRequestsAsync(expectation.Filter, cancellationToken).ConfigureAwait(false)).Where(expectation.BodyMatches)];

    private static string FailureMessage(
        RequestExpectation expectation, Times times, IReadOnlyList<RecordedRequest> matching, IReadOnlyList<RecordedRequest> closest, int received)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Expected {expectation.Vendor} to have received {times} matching\n");
        text.Append(CultureInfo.InvariantCulture, $"    {expectation.Describe()}\n");
        text.Append(CultureInfo.InvariantCulture, $"but it received {matching.Count}.");
        if (matching.Count > 0)
        {
            text.Append("\nMatching requests (newest first):");
            foreach (var request in matching.Take(ClosestShown)) text.Append("\n    ").Append(Line(request, []));
            if (matching.Count > ClosestShown) text.Append(CultureInfo.InvariantCulture, $"\n    … and {matching.Count - ClosestShown} more");
        }
        if (closest.Count == 0)
        {
            if (matching.Count == 0) text.Append(CultureInfo.InvariantCulture, $"\nThe journal holds no {expectation.Vendor} request.");
            return text.ToString();
        }
        text.Append(CultureInfo.InvariantCulture, $"\nClosest {expectation.Vendor} requests received (of the latest {received}):");
        foreach (var request in closest) text.Append("\n    ").Append(Line(request, expectation.Misses(request)));
        return text.ToString();
    }

    private static string Line(RecordedRequest request, IReadOnlyList<string> misses)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{request.Method,-6} {request.Path}{request.Query} → {request.Status}");
        if (request.Tenant is not null) line += "  tenant " + request.Tenant;
        return misses.Count == 0 ? line : line + "   (differs: " + string.Join(", ", misses) + ")";
    }
}
