using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Botpress error factory: one method per error type, each an <see cref="ApiException"/> carrying
/// <c>{id, code, type, message}</c> — the four keys <c>@botpress/client</c> needs to raise its typed error
/// (it classifies by <c>type</c>, ignoring the status).
/// </summary>
internal sealed class BotpressErrors(TimeProvider clock) : IVendorErrors
{
    public ApiException InvalidPayload(string message) => Make(400, "InvalidPayload", message);

    public ApiException InvalidQueryParameter(string message) => Make(400, "InvalidQuery", message);

    public ApiException InvalidDataFormat(string message) => Make(400, "InvalidDataFormat", message);

    public ApiException ReferenceNotFound(string message) => Make(400, "ReferenceNotFound", message);

    public ApiException Forbidden(string message) => Make(403, "Forbidden", message);

    public ApiException ResourceNotFound(string message) => Make(404, "ResourceNotFound", message);

    public ApiException AlreadyExists(string message) => Make(409, "AlreadyExists", message);

    public ApiException RelationConflict(string message) => Make(409, "RelationConflict", message);

    public ApiException ReferenceConstraint(string message) => Make(409, "ReferenceConstraint", message);

    public ApiException RouteNotFound(string method, string path) =>
        Make(404, "ResourceNotFound", $"No Botpress API route matches {method} {path}");

    public ApiException MethodNotAllowed(string method, string path) =>
        Make(405, "MethodNotFound", $"Method {method} is not allowed on {path}");

    public ApiException MalformedJson(string detail) => Make(400, "InvalidPayload", "The request body is not valid JSON: " + detail);

    public ApiException UnsupportedMediaType(string? contentType) =>
        Make(415, "UnsupportedMediaType", $"Content-Type must be application/json, not '{contentType ?? "(none)"}'");

    public ApiException PayloadTooLarge(long limitBytes) =>
        Make(413, "PayloadTooLarge", limitBytes > 0 ? $"The request body exceeds the {limitBytes} byte limit" : "The request body is too large");

    public ApiException InvalidBody(IReadOnlyList<SchemaViolation> violations) =>
        InvalidPayload("Invalid request body: " + SchemaViolation.Describe(violations));

    public ApiException InvalidQuery(IReadOnlyList<SchemaViolation> violations) =>
        InvalidQueryParameter("Invalid query: " + SchemaViolation.Describe(violations));

    public ApiException InvalidPageToken(string parameter) =>
        InvalidQueryParameter($"{parameter} is not a token this list issued (it is malformed, altered, or from another list)");

    public ApiException Unauthorized(string message) => Make(401, "Unauthorized", message);

    public ApiException Internal(string message) => Make(500, "Internal", message);

    /// <summary>The platform could not reach an integration's code (a webhook while <c>bp dev</c> is not running).</summary>
    public ApiException IntegrationUnreachable(string message) => Make(502, "Internal", message);

    public ApiException Fault(int statusCode, string message) => Make(statusCode, statusCode switch
    {
        400 => "InvalidPayload",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "ResourceNotFound",
        405 => "MethodNotFound",
        409 => "AlreadyExists",
        410 => "ResourceGone",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        429 => "RateLimited",
        504 => "OperationTimeout",
        >= 500 => "Internal",
        _ => "Unknown",
    }, message);

    // Ids as Botpress writes them: err_<UTC yyyyMMddHHmmss>x<8 upper-hex>.
    private ApiException Make(int code, string type, string message) =>
        new(code, new JsonObject
        {
            ["id"] = $"err_{clock.GetUtcNow():yyyyMMddHHmmss}x{Random.Shared.Next():X8}",
            ["code"] = code,
            ["type"] = type,
            ["message"] = message,
        });
}
