using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// Reads and validates what a request carries (JSON body, query string) against the operation's schemas,
/// and writes response bodies, self-validating them when <see cref="EmulatorOptions.ValidateResponses"/> is on.
/// Every failure is the vendor's own error.
/// </summary>
internal sealed class VendorRequests(SchemaRegistry schemas, EmulatorOptions options)
{
    /// <summary>
    /// Documents with more values or bytes than this are prechecked (<see cref="SchemaPrecheck"/>) and held to the global
    /// caps before a tree is built for them.
    /// </summary>
    private const int LargeDocumentValues = 10_000;

    private const int LargeDocumentBytes = 64 * 1024;

    private static readonly SchemaViolation NoBody = new("", "this operation takes no request body (or {})");
    private readonly VendorQuery _query = new(schemas);

    /// <summary>The schemas requests and responses are checked against, for what a handler checks itself.</summary>
    public SchemaRegistry Schemas => schemas;

    /// <summary>
    /// The request body as a JSON object, validated against <c>{schemaName}.request.json</c>. An empty body counts as
    /// <c>{}</c> (clients send none or <c>{}</c> when every field is optional).
    /// </summary>
    public async Task<JsonObject> ReadBodyAsync(HttpContext context, string vendor, IVendorErrors errors, string schemaName)
    {
        var schema = schemas.Find(vendor, schemaName, SchemaPart.Request)
            ?? throw errors.Internal($"Emulator bug: no request schema {vendor}/{schemaName}; a route without a body is declared Bodiless()");
        var body = await ReadObjectAsync(context, errors, schema);
        var violations = schemas.Validate(vendor, schemaName, SchemaPart.Request, JsonTokens.From(body));
        if (violations.Count > 0) throw errors.InvalidBody(violations);
        return body;
    }

    /// <summary>Checks that a bodiless operation got no body, or the <c>{}</c> clients send anyway.</summary>
    public async Task ReadNoBodyAsync(HttpContext context, IVendorErrors errors)
    {
        var body = await ReadObjectAsync(context, errors, schema: null);
        if (body.Count > 0) throw errors.InvalidBody([NoBody]);
    }

    /// <summary>
    /// Reads the body strictly (<see cref="StrictJson"/>): the text is checked and measured first, a large document is
    /// refused at its first error against <paramref name="schema"/> or beyond the global caps, and only then is a tree
    /// built, so refusing a large body costs about what reading it costs.
    /// </summary>
    private async Task<JsonObject> ReadObjectAsync(HttpContext context, IVendorErrors errors, JsonSchema? schema)
    {
        var bytes = await ReadLimitedAsync(context.Request, errors, options.MaxRequestBodyBytes);
        if (bytes.Length == 0) return [];
        if (!IsJson(context.Request.ContentType)) throw errors.UnsupportedMediaType(context.Request.ContentType);
        try
        {
            // No comments, trailing commas, single quotes or duplicate keys; text that does not decode (invalid UTF-8,
            // lone surrogates) is refused here, naming its JSON path, rather than surfacing as a 500 later.
            var shape = StrictJson.Measure(bytes);
            if (shape.Nodes > LargeDocumentValues || bytes.Length > LargeDocumentBytes)
            {
                if (schema is null) throw errors.InvalidBody([NoBody]);
                if (SchemaPrecheck.FirstViolation(schema, bytes) is { } first) throw errors.InvalidBody([first]);
                if (shape.LargestArray > options.MaxJsonArrayItems)
                    throw errors.InvalidBody([new SchemaViolation(shape.LargestArrayPath, $"has {shape.LargestArray} items; the emulator takes at most {options.MaxJsonArrayItems} (EmulatorOptions.MaxJsonArrayItems)")]);
                if (shape.Nodes > options.MaxJsonValues)
                    throw errors.InvalidBody([new SchemaViolation("", $"holds {shape.Nodes} JSON values; the emulator takes at most {options.MaxJsonValues} (EmulatorOptions.MaxJsonValues)")]);
            }
            return StrictJson.Build(bytes) as JsonObject ?? throw errors.InvalidBody([new SchemaViolation("", "must be a JSON object")]);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            throw errors.MalformedJson(e.Message);
        }
    }

    /// <summary>The query string typed and validated by <c>{operationId}.query.json</c> (<see cref="VendorQuery"/>).</summary>
    public JObject ReadQuery(HttpContext context, string vendor, IVendorErrors errors, string operationId, bool zodBooleans = false) =>
        _query.Read(context, vendor, errors, operationId, zodBooleans);

    /// <summary>A JSON response already serialized, checked against <c>{schemaName}.response.json</c> when self-validation is on.</summary>
    public IResult RawJson(string vendor, IVendorErrors errors, string operationId, byte[] json, int statusCode = StatusCodes.Status200OK, string? location = null)
    {
        if (options.ValidateResponses) EnsureConforms(vendor, errors, operationId, json);
        return new JsonBytesResult(json, statusCode, location);
    }

    private void EnsureConforms(string vendor, IVendorErrors errors, string operationId, byte[] bytes)
    {
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(bytes))) { DateParseHandling = DateParseHandling.None };
        var violations = schemas.Validate(vendor, operationId, SchemaPart.Response, JToken.ReadFrom(reader));
        if (violations.Count > 0)
            throw errors.Internal($"Emulator bug: the {operationId} response does not match its schema: {SchemaViolation.Describe(violations)}");
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null) return false;
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpRequest request, IVendorErrors errors, long limit) =>
        await ReadUpToAsync(request, limit) ?? throw errors.PayloadTooLarge(limit);

    /// <summary>The request body, or null as soon as it is known to exceed <paramref name="limit"/> bytes (the rest is not read).</summary>
    public static async Task<byte[]?> ReadUpToAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) return null;
        // A declared length is read straight into one array of that size: no growing buffer and no final copy, so a
        // large body costs its size once (the large object heap is what a sidecar's memory is made of).
        if (request.ContentLength is { } length and > 0 and <= 0x7FFFFFC7) return await ReadExactlyAsync(request, (int)length);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(HttpRequest request, int length)
    {
        var body = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await request.Body.ReadAsync(body.AsMemory(filled), request.HttpContext.RequestAborted)) > 0) filled += read;
        return filled == length ? body : body[..filled];
    }
}
