using System.Buffers;
using System.Diagnostics;
using System.Text;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The outermost step of the pipeline: records every vendor request (not <c>/_emulator</c>) in the
/// <see cref="JournalBuffer"/> once its response is written — so the status and body are the ones the client got,
/// vendor errors and injected faults included. Bodies are kept as they stream by, up to
/// <see cref="JournalBuffer.BodyLimit"/> bytes; credentials are masked (<see cref="JournalRedaction"/>) before the
/// entry is stored. Only added to the pipeline when the journal is on.
/// </summary>
internal sealed class JournalMiddleware(RequestDelegate next, JournalBuffer journal, VendorDirectory vendors, TimeProvider clock)
{
    // The vendor prefixes, built once (the hot path compares, it does not concatenate).
    private readonly (PathString Prefix, string Name)[] _vendors = [.. vendors.Modules.Select(m => (new PathString("/" + m.Name), m.Name))];
    private readonly CredentialPrefixes _credentials = new(vendors.Modules.SelectMany(m => m.CredentialPrefixes));

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        foreach (var (prefix, name) in _vendors)
            if (path.StartsWithSegments(prefix, StringComparison.Ordinal)) return RecordAsync(context, name);
        return next(context);
    }

    private async Task RecordAsync(HttpContext context, string vendor)
    {
        var started = Stopwatch.GetTimestamp();
        var time = clock.GetUtcNow();
        var request = context.Request;

        JournalRequestCapture? requestBody = null;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength != 0)
        {
            requestBody = new JournalRequestCapture(request.Body);
            request.Body = requestBody;
        }
        var serverResponseBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var responseBody = new JournalResponseCapture(serverResponseBody);
        context.Features.Set<IHttpResponseBodyFeature>(responseBody);

        var failed = false;
        try
        {
            await next(context);
            await responseBody.FlushWriterAsync();
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var duration = Stopwatch.GetElapsedTime(started);
            context.Features.Set(serverResponseBody);
            if (requestBody is not null)
            {
                request.Body = requestBody.Inner;
                if (!failed) await ReadRestAsync(context, requestBody);
            }
            Record(context, vendor, time, duration, failed, requestBody, responseBody);
            requestBody?.Bytes.Return();
            responseBody.Bytes.Return();
        }
    }

    private static async Task ReadRestAsync(HttpContext context, JournalRequestCapture requestBody)
    {
        if (context.RequestAborted.IsCancellationRequested) return;
        try
        {
            await requestBody.ReadRestAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException or InvalidOperationException)
        {
            // The client went away or sent a broken body: the journal keeps what it has.
        }
    }

    private void Record(
        HttpContext context, string vendor, DateTimeOffset time, TimeSpan duration, bool failed,
        JournalRequestCapture? requestBody, JournalResponseCapture responseBody)
    {
        var request = context.Request;
        var response = context.Response;
        var status = !response.HasStarted && (context.RequestAborted.IsCancellationRequested || failed)
            ? (context.RequestAborted.IsCancellationRequested ? 0 : StatusCodes.Status500InternalServerError)
            : response.StatusCode;

        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization.AsSpan(7).Trim() : default;

        var headers = request.Headers;
        var headerArray = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(headers.Count);
        var headerCount = 0;
        foreach (var (name, values) in headers)
        {
            var value = values.ToString();
            headerArray[headerCount++] = new(name, JournalRedaction.IsCredentialHeader(name, value, bearer, _credentials) ? JournalRedaction.Mask : value);
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            // Writes may carry credentials in their bodies (secrets, minted keys and tokens): masked here, before storing.
            var bearerBytes = Encoding.UTF8.GetBytes(bearer.ToString());
            if (requestBody is not null && JournalRedaction.Body(requestBody.Bytes.Span, requestBody.Bytes.Truncated, bearerBytes, _credentials) is { } redactedRequest)
                requestBody.Bytes.Replace(redactedRequest);
            if (JournalRedaction.Body(responseBody.Bytes.Span, responseBody.Bytes.Truncated, bearerBytes, _credentials) is { } redactedResponse)
                responseBody.Bytes.Replace(redactedResponse);
        }

        var items = context.Items;
        journal.Record(new JournalRecord(
            time,
            vendor,
            items.TryGetValue(VendorDirectory.TenantItem, out var tenant) ? tenant as string : null,
            request.Method,
            request.Path.Value ?? "",
            JournalRedaction.Query(request.QueryString.Value, bearer),
            status,
            duration.TotalMilliseconds,
            headerArray.AsMemory(0, headerCount),
            requestBody?.Bytes.Detach(),
            requestBody?.Bytes.Length ?? 0,
            requestBody?.Bytes.Truncated ?? false,
            responseBody.Bytes.Detach(),
            responseBody.Bytes.Length,
            responseBody.Bytes.Truncated,
            items.TryGetValue(FaultRules.AppliedItem, out var fault) ? fault as string : null,
            items.TryGetValue(OverrideMappings.AppliedItem, out var answeredBy) ? answeredBy as string : null));
        ArrayPool<KeyValuePair<string, string>>.Shared.Return(headerArray, clearArray: true);
    }
}
