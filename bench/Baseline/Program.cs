using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Bare ASP.NET Core endpoints for the benchmark baseline:
//   Baseline <port> [POST ]<path>=<body-file> [[POST ]<path>=<body-file> ...]
// serves GET <path> (or, with the "POST " prefix, POST <path>: the request body is read to its end and dropped) with
// the bytes of <body-file> (read once, at startup) as application/json and 200, for each pair, on 127.0.0.1:<port>
// (0 = a free port), and prints "baseline http://127.0.0.1:PORT/". The paths are the emulator's
// (e.g. /botpress/v1/admin/integrations, /gitbook/v1/integrations) so that wrk sends byte-identical requests to both.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: Baseline <port> <path>=<body-file> [<path>=<body-file> ...]");
    return 2;
}

var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var routes = new List<(string Method, string Path, byte[] Body)>();
foreach (var raw in args.Skip(1))
{
    var method = raw.StartsWith("POST ", StringComparison.Ordinal) ? "POST" : "GET";
    var arg = method == "POST" ? raw[5..] : raw;
    var eq = arg.IndexOf('=');
    if (eq <= 0 || arg[0] != '/')
    {
        await Console.Error.WriteLineAsync($"not <path>=<body-file>: {arg}");
        return 2;
    }
    routes.Add((method, arg[..eq], await File.ReadAllBytesAsync(arg[(eq + 1)..])));
}

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false; // the emulator sends no Server header either
    kestrel.Listen(IPAddress.Loopback, port);
});
builder.Services.AddRouting();
var app = builder.Build();
app.UseRouting();
foreach (var (method, path, body) in routes)
{
    if (method == "GET")
    {
        app.MapGet(path, () => Results.Bytes(body, "application/json"));
        continue;
    }
    app.MapPost(path, async (HttpRequest request) =>
    {
        // Read the request body as the emulator must (to its end), then answer the fixed bytes.
        while (await request.Body.ReadAsync(Sink.Buffer) > 0) { }
        return Results.Bytes(body, "application/json");
    });
}

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"baseline  {address.TrimEnd('/')}/  ({string.Join(", ", routes.Select(r => $"{r.Method} {r.Path}: {r.Body.Length} bytes"))})");
await app.WaitForShutdownAsync();
return 0;

internal static class Sink
{
    // Where POST bodies are read to and dropped (shared: nothing reads it back).
    public static readonly byte[] Buffer = new byte[16 * 1024];
}
