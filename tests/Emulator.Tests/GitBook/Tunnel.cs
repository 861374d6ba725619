using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Emulator.Tests.GitBook;

/// <summary>
/// A development tunnel played by WireMock.Net: one server per test class, one path per test (so tests of a
/// class never see each other's deliveries), each path answering what the test asks for.
/// </summary>
public sealed class Tunnel : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings
    {
        // The request log is unbounded by default.
        MaxRequestLogCount = 500,
        StartAdminInterface = false,
    });

    /// <summary>A fresh tunnel URL whose POSTs answer <paramref name="status"/> with <paramref name="json"/> (or nothing).</summary>
    public string Route(int status = 200, string? json = null)
    {
        var path = "/tunnel/" + Guid.NewGuid().ToString("N");
        var response = Response.Create().WithStatusCode(status);
        if (json is not null) response = response.WithHeader("Content-Type", "application/json").WithBody(json);
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
        return _server.Url + path;
    }

    /// <summary>The JSON bodies POSTed to <paramref name="url"/> so far, oldest first, with their headers.</summary>
    public List<(JsonObject Body, IDictionary<string, string> Headers)> Received(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return [.. _server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => r.Path == path && r.Method == "POST")
            .OrderBy(r => r.DateTime)
            .Select(r => (JsonNode.Parse(r.Body!)!.AsObject(),
                (IDictionary<string, string>)r.Headers!.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)))),];
    }

    public List<JsonObject> Bodies(string url) => [.. Received(url).Select(r => r.Body)];

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
