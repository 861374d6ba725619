using System.Text.Json.Nodes;
using Emulator.Core;

namespace Emulator.ControlPlane;

/// <summary>Errors of the <c>/_emulator</c> routes: <c>{"error":{"code":&lt;status&gt;,"message":...}}</c>.</summary>
public static class ControlPlaneErrors
{
    public static ApiException BadRequest(string message) => Make(400, message);

    public static ApiException Unauthorized(string message) => Make(401, message);

    public static ApiException NotFound(string message) => Make(404, message);

    public static ApiException Conflict(string message) => Make(409, message);

    /// <summary>The emulator could not do what was asked for a reason outside the request (a file it cannot write).</summary>
    public static ApiException ServerError(string message) => Make(500, message);

    private static ApiException Make(int code, string message) =>
        new(code, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}
