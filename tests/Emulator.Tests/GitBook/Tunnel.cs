using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// A development tunnel played by WireMock.Net: one server per test class, one path per test (so tests of a
/// class never see each other's deliveries), each path answering what the test asks for. Deliveries are parsed
/// as the GitBook runtime reads them (a form with <c>event</c>, <c>environment</c>, <c>fetch-body</c>).
/// </summary>
public sealed class Tunnel : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings
    {
        // The request log is unbounded by default.
        MaxRequestLogCount = 500,
        StartAdminInterface = false,
    });

    /// <summary>The server's base URL (<c>http://localhost:PORT</c>): the local origin a registered tunnel host can point at.</summary>
    public string Origin => _server.Url!;

    /// <summary>A fresh tunnel URL whose POSTs answer <paramref name="status"/> with <paramref name="json"/> (or nothing).</summary>
    public string Route(int status = 200, string? json = null)
    {
        var path = "/tunnel/" + Guid.NewGuid().ToString("N");
        var response = Response.Create().WithStatusCode(status);
        if (json is not null) response = response.WithHeader("Content-Type", "application/json").WithBody(json);
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
        return _server.Url + path;
    }

    /// <summary>
    /// What was dispatched to <paramref name="url"/> so far, oldest first: the <c>multipart/form-data</c> fields the
    /// GitBook runtime reads — <c>event</c> (as <see cref="Delivered.Body"/>), <c>environment</c>, <c>fetch-body</c> —
    /// and the request headers (lower-cased names).
    /// </summary>
    public List<Delivered> Received(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return [.. _server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => r.Path == path && r.Method == "POST")
            .OrderBy(r => r.DateTime)
            .Select(r =>
            {
                var headers = (IDictionary<string, string>)r.Headers!.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
                var fields = FormFields(headers["content-type"], r.BodyAsBytes ?? System.Text.Encoding.UTF8.GetBytes(r.Body ?? ""));
                return new Delivered(JsonNode.Parse(fields["event"])!.AsObject(), JsonNode.Parse(fields["environment"])!.AsObject(), fields, headers);
            }),];
    }

    /// <summary>The events dispatched to <paramref name="url"/> (the <c>event</c> field of each), oldest first.</summary>
    public List<JsonObject> Bodies(string url) => [.. Received(url).Select(r => r.Body)];

    /// <summary>One dispatch: the event, the IntegrationEnvironment, every form field by name, the headers.</summary>
    public sealed record Delivered(JsonObject Body, JsonObject Environment, IReadOnlyDictionary<string, string> Fields, IDictionary<string, string> Headers);

    /// <summary>The fields of a <c>multipart/form-data</c> body, read as the runtime's <c>request.formData()</c> does.</summary>
    public static Dictionary<string, string> FormFields(string contentType, byte[] body)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value
            ?? throw new InvalidOperationException($"not multipart: {contentType}");
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var text = new StreamReader(section.Body);
            fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] = text.ReadToEnd();
        }
        return fields;
    }

    /// <summary>A loopback URL nothing listens on (connections are refused at once).</summary>
    public static string Unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/tunnel";
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
