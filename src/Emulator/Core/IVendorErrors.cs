namespace IntegrationsApiEmulator.Core;

/// <summary>
/// The errors the shared pipeline raises on a vendor's behalf (routing, bodies, queries, auth),
/// each in that vendor's envelope. One implementation per vendor.
/// </summary>
internal interface IVendorErrors
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

    /// <summary>414: the request target (path and query) is longer than the emulator takes.</summary>
    ApiException UriTooLong(long length, long limit) =>
        Fault(414, $"The request target (path and query) is {length} characters long; the emulator takes at most {limit} (EmulatorOptions.MaxRequestTargetLength)");

    /// <summary>431: the request headers are larger, or more, than the emulator takes.</summary>
    ApiException HeadersTooLarge(string what, long size, long limit, string option) =>
        Fault(431, $"The request headers are too large: {what} is {size}; the emulator takes at most {limit} (EmulatorOptions.{option})");

    /// <summary>400: the decoded path holds a character no route can match (NUL or another control character).</summary>
    ApiException InvalidPath(string reason) => Fault(400, "The request path is invalid: " + reason);

    /// <summary>An error with an arbitrary status (a fault rule's), in the envelope and type that status has at this vendor.</summary>
    ApiException Fault(int statusCode, string message);
}
