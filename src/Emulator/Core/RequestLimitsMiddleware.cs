using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// The emulator's own limits on what a request carries besides its body — the length of its target (414), the size and
/// number of its headers (431), control characters in its decoded path (400) — each refused in the vendor's envelope
/// with a message naming the limit. Kestrel's limits are set far above these (<see cref="EmulatorOptions.ServerMaxRequestLineBytes"/>, …),
/// so the client gets a typed error rather than Kestrel's empty one. Body size is enforced where bodies are read (413).
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, VendorDirectory vendors, EmulatorOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var refusal = Check(context);
        return refusal is null ? next(context) : WriteAsync(context, refusal.Value);
    }

    private (int Status, Func<IVendorErrors, ApiException> Error, string Message)? Check(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var targetLength = string.IsNullOrEmpty(target) ? request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0 : target.Length;
        if (targetLength > options.MaxRequestTargetLength)
        {
            var error = (IVendorErrors errors) => errors.UriTooLong(targetLength, options.MaxRequestTargetLength);
            return (StatusCodes.Status414UriTooLong, error,
                $"The request target (path and query) is {targetLength} characters long; the emulator takes at most {options.MaxRequestTargetLength} (EmulatorOptions.MaxRequestTargetLength)");
        }
        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }
        if (count > options.MaxRequestHeaderCount)
            return Headers("the number of header fields", count, options.MaxRequestHeaderCount, nameof(EmulatorOptions.MaxRequestHeaderCount));
        if (bytes > options.MaxRequestHeadersBytes)
            return Headers("their size in bytes", bytes, options.MaxRequestHeadersBytes, nameof(EmulatorOptions.MaxRequestHeadersBytes));
        var path = request.Path.Value ?? "";
        for (var i = 0; i < path.Length; i++)
        {
            if (!char.IsControl(path[i])) continue;
            var reason = $"it holds the control character U+{(int)path[i]:X4} at character {i} (sent as %{(int)path[i]:X2}); paths take printable characters only";
            return (StatusCodes.Status400BadRequest, errors => errors.InvalidPath(reason), "The request path is invalid: " + reason);
        }
        return null;
    }

    private static (int, Func<IVendorErrors, ApiException>, string) Headers(string what, long size, long limit, string option) =>
        (StatusCodes.Status431RequestHeaderFieldsTooLarge, errors => errors.HeadersTooLarge(what, size, limit, option),
            $"The request headers are too large: {what} is {size}; the emulator takes at most {limit} (EmulatorOptions.{option})");

    private async Task WriteAsync(HttpContext context, (int Status, Func<IVendorErrors, ApiException> Error, string Message) refusal)
    {
        // A vendor path answers in its vendor's envelope; anything else (the control plane) in {"error":{code,message}}.
        var error = vendors.Find(context.Request.Path) is { } vendor
            ? refusal.Error(vendor.Errors)
            : ApiException.Emulator(refusal.Status, refusal.Message);
        await VendorErrorMiddleware.WriteAsync(context, error);
    }
}
