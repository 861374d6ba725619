using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>Errors of the <c>/_emulator</c> routes: <c>{"error":{"code":&lt;status&gt;,"message":...}}</c>.</summary>
internal static class ControlPlaneErrors
{
    public static ApiException BadRequest(string message) => ApiException.Emulator(400, message);

    public static ApiException Unauthorized(string message) => ApiException.Emulator(401, message);

    public static ApiException NotFound(string message) => ApiException.Emulator(404, message);

    public static ApiException Conflict(string message) => ApiException.Emulator(409, message);

    /// <summary>The emulator could not do what was asked for a reason outside the request (a file it cannot write).</summary>
    public static ApiException ServerError(string message) => ApiException.Emulator(500, message);

    /// <summary>
    /// An endpoint filter: an exception a control-plane handler did not expect becomes a 500 in the envelope (the
    /// vendor error middleware only translates vendor routes' exceptions) — cancellation of the request excepted.
    /// </summary>
    public static async ValueTask<object?> Unexpected(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is not (ApiException or OperationCanceledException or BadHttpRequestException))
        {
            context.HttpContext.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ControlPlaneErrors))
                .LogError(e, "Unhandled error on {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            throw ServerError($"The emulator failed to handle this request: {e.GetType().Name}: {e.Message}");
        }
    }
}
