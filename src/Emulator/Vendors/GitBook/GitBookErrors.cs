using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// GitBook error factory: <c>{"error":{"code":&lt;status&gt;,"message":...}}</c>. <c>@gitbook/api</c> throws
/// <c>GitBookAPIError</c> with the HTTP status as <c>code</c> and <c>error.message</c> as <c>errorMessage</c>.
/// </summary>
internal sealed class GitBookErrors : IVendorErrors
{
    public ApiException BadRequest(string message) => Make(400, message);

    public ApiException Unauthorized(string message) => Make(401, message);

    public ApiException Forbidden(string message) => Make(403, message);

    public ApiException NotFound(string message) => Make(404, message);

    public ApiException Conflict(string message) => Make(409, message);

    public ApiException PreconditionFailed(string message) => Make(412, message);

    public ApiException BadGateway(string message) => Make(502, message);

    public ApiException RouteNotFound(string method, string path) => Make(404, $"No GitBook API route matches {method} {path}");

    public ApiException MethodNotAllowed(string method, string path) => Make(405, $"Method {method} is not allowed on {path}");

    public ApiException MalformedJson(string detail) => Make(400, "The request body is not valid JSON: " + detail);

    public ApiException UnsupportedMediaType(string? contentType) =>
        Make(415, $"Content-Type must be application/json, not '{contentType ?? "(none)"}'");

    public ApiException PayloadTooLarge(long limitBytes) =>
        Make(413, limitBytes > 0 ? $"The request body exceeds the {limitBytes} byte limit" : "The request body is too large");

    public ApiException InvalidBody(IReadOnlyList<SchemaViolation> violations) => BadRequest("Invalid request body: " + SchemaViolation.Describe(violations));

    public ApiException InvalidQuery(IReadOnlyList<SchemaViolation> violations) => BadRequest("Invalid query: " + SchemaViolation.Describe(violations));

    public ApiException InvalidPageToken(string parameter) =>
        BadRequest($"{parameter}: not a page this list issued (malformed, altered, or from another list)");

    public ApiException Internal(string message) => Make(500, message);

    public ApiException Fault(int statusCode, string message) => Make(statusCode, message);

    private static ApiException Make(int code, string message) =>
        new(code, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}
