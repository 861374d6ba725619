namespace IntegrationsApiEmulator.Core;

/// <summary>
/// A starting point for a new vendor's error factory: every error the shared pipeline raises, built by one
/// <see cref="Error"/> that writes the vendor's envelope, with plain messages that name the field or value at fault.
/// Override any of them where the vendor words or shapes that error differently.
/// </summary>
internal abstract class VendorErrors : IVendorErrors
{
    /// <summary>The vendor's envelope for an error: its HTTP status, a machine code and a message.</summary>
    protected abstract ApiException Error(int statusCode, string code, string message);

    public virtual ApiException NotFound(string message) => Error(404, "not_found", message);

    public virtual ApiException BadRequest(string message) => Error(400, "bad_request", message);

    public virtual ApiException RouteNotFound(string method, string path) => NotFound($"No route matches {method} {path}");

    public virtual ApiException MethodNotAllowed(string method, string path) => Error(405, "method_not_allowed", $"Method {method} is not allowed on {path}");

    public virtual ApiException MalformedJson(string detail) => BadRequest("The request body is not valid JSON: " + detail);

    public virtual ApiException UnsupportedMediaType(string? contentType) =>
        Error(415, "unsupported_media_type", $"Content-Type must be application/json, not '{contentType ?? "(none)"}'");

    public virtual ApiException PayloadTooLarge(long limitBytes) =>
        Error(413, "payload_too_large", limitBytes > 0 ? $"The request body exceeds the {limitBytes} byte limit" : "The request body is too large");

    public virtual ApiException InvalidBody(IReadOnlyList<SchemaViolation> violations) => BadRequest("Invalid request body: " + SchemaViolation.Describe(violations));

    public virtual ApiException InvalidQuery(IReadOnlyList<SchemaViolation> violations) => BadRequest("Invalid query: " + SchemaViolation.Describe(violations));

    public virtual ApiException InvalidPageToken(string parameter) => BadRequest($"{parameter}: not a page token this list issued");

    public virtual ApiException Unauthorized(string message) => Error(401, "unauthorized", message);

    public virtual ApiException Internal(string message) => Error(500, "internal", message);

    public virtual ApiException Fault(int statusCode, string message) => Error(statusCode, statusCode >= 500 ? "internal" : "fault", message);
}
