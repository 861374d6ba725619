using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Emulator.Core;

/// <summary>
/// The last line of the pipeline: an <see cref="ApiException"/> becomes its vendor envelope; anything else
/// thrown on a vendor route becomes that vendor's 500, so clients still raise their typed error.
/// </summary>
public sealed class VendorErrorMiddleware(RequestDelegate next, VendorDirectory vendors, ILogger<VendorErrorMiddleware> logger)
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
                ? vendor.Errors.PayloadTooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
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
        context.Response.Clear();
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.Body.ToJsonString(EmulatorJson.Options));
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
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } };
        await context.Response.WriteAsync(body.ToJsonString(EmulatorJson.Options), context.RequestAborted);
    }
}
