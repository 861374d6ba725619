using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Bare ASP.NET Core endpoint for the benchmark baseline:
//   Baseline <body-file> [port]
// serves GET /botpress/v1/admin/integrations with the bytes of <body-file> (read once, at startup) as
// application/json, on 127.0.0.1:<port> (0 or omitted = a free port), and prints "baseline http://127.0.0.1:PORT/".
// Same path as the emulator's list so that wrk sends byte-identical requests to both.
if (args.Length is < 1 or > 2)
{
    await Console.Error.WriteLineAsync("usage: Baseline <body-file> [port]");
    return 2;
}

var body = await File.ReadAllBytesAsync(args[0]);
var port = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false; // the emulator sends no Server header either
    kestrel.Listen(IPAddress.Loopback, port);
});
builder.Services.AddRouting();
var app = builder.Build();
app.UseRouting();
app.MapGet("/botpress/v1/admin/integrations", () => Results.Bytes(body, "application/json"));

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"baseline  {address.TrimEnd('/')}/  ({body.Length} bytes)");
await app.WaitForShutdownAsync();
return 0;
