using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// Membrane error factory: <c>{type, key?, message, data?}</c>. <c>@membranehq/sdk</c> raises the class of
/// <c>type</c> (<c>bad_request</c> → BadRequestError, <c>internal</c> → InternalError) and keeps the body as
/// <c>err.data</c>, so <c>key</c> (not_found, not_authenticated, access_denied, already_exists) tells them apart.
/// </summary>
internal sealed class MembraneErrors : IVendorErrors
{
    public ApiException BadRequest(string message, JsonNode? data = null) => Make(400, "bad_request", null, message, data);

    public ApiException NotFound(string message) => Make(404, "bad_request", "not_found", message);

    public ApiException NotAuthenticated(string message) => Make(401, "bad_request", "not_authenticated", message);

    public ApiException AccessDenied(string message) => Make(403, "bad_request", "access_denied", message);

    public ApiException AlreadyExists(string message) => Make(409, "bad_request", "already_exists", message);

    public ApiException RouteNotFound(string method, string path) => Make(404, "bad_request", "not_found", $"No Membrane API route matches {method} {path}");

    public ApiException MethodNotAllowed(string method, string path) => Make(405, "bad_request", null, $"Method {method} is not allowed on {path}");

    public ApiException MalformedJson(string detail) => BadRequest("The request body is not valid JSON: " + detail);

    public ApiException UnsupportedMediaType(string? contentType) =>
        Make(415, "bad_request", null, $"Content-Type must be application/json, not '{contentType ?? "(none)"}'");

    public ApiException PayloadTooLarge(long limitBytes) =>
        Make(413, "bad_request", null, limitBytes > 0 ? $"The request body exceeds the {limitBytes} byte limit" : "The request body is too large");

    public ApiException InvalidBody(IReadOnlyList<SchemaViolation> violations) =>
        BadRequest("Invalid request body: " + SchemaViolation.Describe(violations), Details(violations));

    public ApiException InvalidQuery(IReadOnlyList<SchemaViolation> violations) =>
        BadRequest("Invalid query: " + SchemaViolation.Describe(violations), Details(violations));

    public ApiException InvalidPageToken(string parameter) => BadRequest($"{parameter}: not a cursor this list issued (malformed, altered, or from another list)");

    public ApiException Unauthorized(string message) => NotAuthenticated(message);

    public ApiException Internal(string message) => Make(500, "internal", null, message);

    public ApiException Fault(int statusCode, string message) => statusCode switch
    {
        401 => Make(statusCode, "bad_request", "not_authenticated", message),
        403 => Make(statusCode, "bad_request", "access_denied", message),
        404 => Make(statusCode, "bad_request", "not_found", message),
        409 => Make(statusCode, "bad_request", "already_exists", message),
        429 => Make(statusCode, "bad_request", "rate_limit_exceeded", message),
        >= 500 => Make(statusCode, "internal", null, message),
        _ => Make(statusCode, "bad_request", null, message),
    };

    private static JsonObject Details(IReadOnlyList<SchemaViolation> violations) => new()
    {
        ["errors"] = new JsonArray([.. violations.Select(v => (JsonNode)new JsonObject { ["path"] = v.Path, ["message"] = v.Reason })]),
    };

    private static ApiException Make(int status, string type, string? key, string message, JsonNode? data = null)
    {
        var body = new JsonObject { ["type"] = type };
        if (key is not null) body["key"] = key;
        body["message"] = message;
        if (data is not null) body["data"] = data;
        return new ApiException(status, body);
    }
}
