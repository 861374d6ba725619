using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// The last line of the pipeline: an <see cref="ApiException"/> becomes its vendor envelope; anything else
/// thrown on a vendor route becomes that vendor's 500, so clients still raise their typed error.
/// </summary>
internal sealed class VendorErrorMiddleware(RequestDelegate next, VendorDirectory vendors, ILogger<VendorErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException e)
        {
            await WriteAsync(context, e);
        }
        catch (BadHttpRequestException e) when (vendors.Find(context.Request.Path) is { } vendor)
        {
            // Kestrel's own refusals (body too large, bad framing) in the vendor's words.
            await WriteAsync(context, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? vendor.Errors.PayloadTooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
                : vendor.Errors.MalformedJson(e.Message));
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            var vendor = vendors.Find(context.Request.Path);
            if (vendor is null) throw;
            await WriteAsync(context, vendor.Errors.Internal("The emulator failed to handle this request: " + e.Message));
        }
    }

    public static async Task WriteAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted) return;
        await DrainBodyAsync(context);
        // Clear() drops the headers; what routing said about the resource stays (Allow on a 405, RFC 9110 §15.5.6).
        var allow = context.Response.Headers.Allow;
        var connection = context.Response.Headers.Connection;
        context.Response.Clear();
        if (error.StatusCode == StatusCodes.Status405MethodNotAllowed && allow.Count > 0) context.Response.Headers.Allow = allow;
        if (connection.Count > 0) context.Response.Headers.Connection = connection;
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.Body.ToJsonString(EmulatorJson.Options));
    }

    /// <summary>
    /// Reads and discards what is left of the request body before a refusal is written, up to
    /// <see cref="EmulatorOptions.MaxRequestBodyBytes"/>: a client that sends its whole body before reading the answer
    /// (most do) then gets the answer instead of a broken pipe. A body larger than that is not drained: the connection
    /// closes after the answer (<c>Connection: close</c>).
    /// </summary>
    public static async Task DrainBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return;
        var limit = context.RequestServices?.GetService<EmulatorOptions>()?.MaxRequestBodyBytes ?? EmulatorOptions.Default.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            context.Response.Headers.Connection = "close";
            return;
        }
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long drained = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                drained += read;
                if (drained <= limit) continue;
                context.Response.Headers.Connection = "close";
                return;
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            // The body cannot be read (any more): the answer still goes out, and the connection closes after it.
            context.Response.Headers.Connection = "close";
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Status-code page for requests no route answered (404) or answered on another method (405).</summary>
    public static async Task WriteStatusPageAsync(HttpContext context, VendorDirectory vendors)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        var vendor = vendors.Find(request.Path);
        if (vendor is not null)
        {
            var error = status switch
            {
                StatusCodes.Status404NotFound => vendor.Errors.RouteNotFound(request.Method, request.Path),
                StatusCodes.Status405MethodNotAllowed => vendor.Errors.MethodNotAllowed(request.Method, request.Path),
                StatusCodes.Status413PayloadTooLarge => vendor.Errors.PayloadTooLarge(0),
                StatusCodes.Status415UnsupportedMediaType => vendor.Errors.UnsupportedMediaType(request.ContentType),
                _ => null,
            };
            if (error is not null)
            {
                await WriteAsync(context, error);
                return;
            }
        }
        // Outside the vendors (the control plane, unknown prefixes): the control plane's {"error":{"code","message"}}.
        var allow = context.Response.Headers.Allow.ToString();
        var message = status switch
        {
            StatusCodes.Status404NotFound => $"no route for {request.Method} {request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}" + (allow.Length > 0 ? $"; allowed: {allow}" : ""),
            _ => $"{status} {ReasonPhrases.GetReasonPhrase(status)}: {request.Method} {request.Path}",
        };
        await WriteAsync(context, ApiException.Emulator(status, message));
    }
}
