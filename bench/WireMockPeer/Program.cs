using System.Globalization;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// WireMock.Net static stubs for the benchmark:
//   WireMockPeer <port> [POST ]<path>=<body-file> [[POST ]<path>=<body-file> ...]
// one mapping per pair: GET (or POST) <path> exactly, any query and headers, answers 200 with the bytes of <body-file>
// (read once) as application/json. Listens on 127.0.0.1:<port> (0 = a free port) and prints
// "wiremock http://127.0.0.1:PORT/". The request log is off (MaxRequestLogCount 0): an unbounded log is not what a
// benchmark of the stub should measure, and a test suite would bound it too.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: WireMockPeer <port> [POST ]<path>=<body-file> ...");
    return 2;
}

var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var server = WireMockServer.Start(new WireMockServerSettings
{
    Port = port == 0 ? null : port,
    Urls = port == 0 ? null : [$"http://127.0.0.1:{port}"],
    StartAdminInterface = false,
    MaxRequestLogCount = 0,
    ReadStaticMappings = false,
});
var described = new List<string>();
foreach (var raw in args.Skip(1))
{
    var post = raw.StartsWith("POST ", StringComparison.Ordinal);
    var arg = post ? raw[5..] : raw;
    var eq = arg.IndexOf('=');
    if (eq <= 0 || arg[0] != '/')
    {
        await Console.Error.WriteLineAsync($"not [POST ]<path>=<body-file>: {raw}");
        server.Stop();
        return 2;
    }
    var path = arg[..eq];
    var body = await File.ReadAllBytesAsync(arg[(eq + 1)..]);
    var request = Request.Create().WithPath(path);
    request = post ? request.UsingPost() : request.UsingGet();
    server.Given(request).RespondWith(Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json")
        .WithBody(body));
    described.Add($"{(post ? "POST" : "GET")} {path}: {body.Length} bytes");
}

var url = server.Urls[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
Console.WriteLine($"wiremock  {url.TrimEnd('/')}/  ({string.Join(", ", described)})");

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
server.Stop();
return 0;
