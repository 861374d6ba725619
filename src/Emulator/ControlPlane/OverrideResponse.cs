using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using WireMock;
using WireMock.Types;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Writes the answer of a WireMock response provider as WireMock's server would: its status (200 when not set), its
/// headers, and its body — text in its encoding (UTF-8 by default), JSON serialized (indented when asked), or bytes.
/// One difference: a JSON body without a <c>Content-Type</c> header is sent as <c>application/json</c>, since the
/// official clients only parse JSON they are told is JSON.
/// </summary>
internal static class OverrideResponse
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Set by the server from the body (Content-Length) or hop-by-hop: never copied from a mapping.
    private static readonly string[] Skipped = ["Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Proxy-Connection", "Date"];

    public static async Task WriteAsync(HttpContext context, IResponseMessage message)
    {
        var response = context.Response;
        response.StatusCode = StatusOf(message.StatusCode);
        var bodyData = message.BodyData;
        var body = BodyOf(bodyData);
        var contentType = false;
        foreach (var (name, values) in message.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
        {
            if (Skipped.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = values.FirstOrDefault();
                contentType = true;
                continue;
            }
            response.Headers.Append(name, values.ToArray());
        }
        if (!contentType && bodyData?.DetectedBodyType == BodyType.Json) response.ContentType = "application/json";
        // A 204 or 304, or an answer to HEAD, has no body.
        if (body is null || response.StatusCode is 204 or 304 || HttpMethods.IsHead(context.Request.Method)) return;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static int StatusOf(object? status) => status switch
    {
        null => 200,
        int code => code,
        HttpStatusCode code => (int)code,
        long code => (int)code,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => code,
        _ => Convert.ToInt32(status, CultureInfo.InvariantCulture),
    };

    private static byte[]? BodyOf(WireMock.Util.IBodyData? body) => body?.DetectedBodyType switch
    {
        BodyType.String or BodyType.FormUrlEncoded when body.BodyAsString is { } text => (body.Encoding ?? Utf8).GetBytes(text),
        BodyType.Json => (body.Encoding ?? Utf8).GetBytes(JsonConvert.SerializeObject(
            body.BodyAsJson, body.BodyAsJsonIndented == true ? Formatting.Indented : Formatting.None,
            new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore })),
        BodyType.Bytes => body.BodyAsBytes,
        _ => null,
    };
}
