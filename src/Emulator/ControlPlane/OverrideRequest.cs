using System.Buffers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Models;
using WireMock.Types;
using WireMock.Util;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The request as WireMock's matchers see it: a <see cref="RequestMessage"/> built from the ASP.NET Core request, as
/// WireMock's own server builds it (full URL, URL-decoded path, headers as sent, cookies, client IP, HTTP version,
/// and the body read as text and, when it parses, JSON).
/// </summary>
/// <remarks>
/// WireMock's query-parameter matcher only accepts its own <see cref="RequestMessage"/>, whose constructors are
/// internal: it is created through the constructor WireMock's server uses (WireMock.Net.Minimal is pinned; the
/// override tests fail loudly if a new version changes it).
/// </remarks>
internal static class OverrideRequest
{
    private static readonly ConstructorInvoker Constructor = FindConstructor();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The body, buffered so the vendor route can read it again; null for methods without one (as WireMock: GET,
    /// HEAD, TRACE, CONNECT) and for bodies over <paramref name="limit"/> bytes (the vendor answers those with its 413).
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsTrace(request.Method) || HttpMethods.IsConnect(request.Method))
            return null;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return null;
        request.EnableBuffering();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var body = new MemoryStream();
            int read;
            while (body.Length <= limit && (read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0) body.Write(chunk, 0, read);
            return body.Length <= limit ? body.ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            request.Body.Position = 0;
        }
    }

    public static RequestMessage Create(HttpContext context, byte[]? body)
    {
        var request = context.Request;
        var url = new Uri(request.GetEncodedUrl());
        var headers = new Dictionary<string, string[]>(request.Headers.Count);
        foreach (var (name, values) in request.Headers) headers[name] = values.ToArray()!;
        var cookies = new Dictionary<string, string>();
        foreach (var (name, value) in request.Cookies) cookies[name] = value;
        var ip = context.Connection.RemoteIpAddress;
        var clientIp = ip is null ? "" : ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();
        var version = request.Protocol.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) ? request.Protocol[5..] : "";
        var bodyData = body is null ? null : BodyDataOf(body, request.ContentType);
        object?[] arguments = [null, new UrlDetails(url, url), request.Method, clientIp, bodyData, headers, cookies, version, context.Connection.ClientCertificate];
        return (RequestMessage)Constructor.Invoke(arguments);
    }

    // As WireMock reads a body: text when it is UTF-8 without NULs, JSON when that text parses (dates left as strings).
    private static BodyData BodyDataOf(byte[] body, string? contentType)
    {
        var data = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes, DetectedBodyTypeFromContentType = TypeOf(contentType) };
        string text;
        try
        {
            if (body.AsSpan().IndexOf((byte)0) >= 0) return data;
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return data;
        }
        data.BodyAsString = text;
        data.Encoding = StrictUtf8;
        data.DetectedBodyType = BodyType.String;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                data.BodyAsJson = JToken.ReadFrom(reader);
                data.DetectedBodyType = BodyType.Json;
            }
            catch (JsonReaderException)
            {
                // Not JSON after all: matched as text.
            }
        }
        return data;
    }

    private static BodyType TypeOf(string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim() ?? "";
        if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return BodyType.FormUrlEncoded;
        if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || (media.StartsWith("application/vnd.", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            return BodyType.Json;
        if (media.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || media.EndsWith("xml", StringComparison.OrdinalIgnoreCase)) return BodyType.String;
        if (media.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) return BodyType.MultiPart;
        return BodyType.Bytes;
    }

    private static ConstructorInvoker FindConstructor()
    {
        var constructor = typeof(RequestMessage).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic)
            .FirstOrDefault(c => c.GetParameters() is { Length: 9 } p && p[1].ParameterType == typeof(UrlDetails) && p[8].ParameterType.Name == "X509Certificate2");
        return constructor is null
            ? throw new InvalidOperationException($"WireMock.Net.Minimal {typeof(RequestMessage).Assembly.GetName().Version} has no RequestMessage constructor the emulator knows; use the version pinned in Directory.Packages.props.")
            : ConstructorInvoker.Create(constructor);
    }
}
