namespace Emulator.Core;

/// <summary>
/// The errors the shared pipeline raises on a vendor's behalf (routing, bodies, queries, auth),
/// each in that vendor's envelope. One implementation per vendor.
/// </summary>
public interface IVendorErrors
{
    ApiException RouteNotFound(string method, string path);

    ApiException MethodNotAllowed(string method, string path);

    ApiException MalformedJson(string detail);

    ApiException UnsupportedMediaType(string? contentType);

    ApiException PayloadTooLarge(long limitBytes);

    ApiException InvalidBody(IReadOnlyList<SchemaViolation> violations);

    ApiException InvalidQuery(IReadOnlyList<SchemaViolation> violations);

    ApiException InvalidPageToken(string parameter);

    ApiException Unauthorized(string message);

    ApiException Internal(string message);

    /// <summary>An error with an arbitrary status (a fault rule's), in the envelope and type that status has at this vendor.</summary>
    ApiException Fault(int statusCode, string message);
}
