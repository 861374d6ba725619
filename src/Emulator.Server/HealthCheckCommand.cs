using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Server;

/// <summary>
/// <c>emulator healthcheck</c>: asks a running emulator's <c>/_emulator/health</c> and exits 0 when it answers
/// <c>status: ok</c>, 1 otherwise — the container <c>HEALTHCHECK</c>, since the runtime image has no curl or wget.
/// <c>--url</c> takes the emulator's address (<c>http://127.0.0.1:5080</c>) or its health URL.
/// </summary>
public static class HealthCheckCommand
{
    private const string HealthPath = "/_emulator/health";

    public static Command Create()
    {
        var port = EnvironmentOption.Create("--port", "Port of the emulator on this machine, when --url is not given", 5080, EnvironmentOption.WholeNumber(1, 65535));
        var url = new Option<string?>("--url") { Description = "The emulator's address (http://127.0.0.1:5080) or its health URL (default: http://127.0.0.1:<--port>)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the answer", DefaultValueFactory = _ => 3 };
        var command = new Command("healthcheck", "Exit 0 when the emulator at --url (or on --port of this machine) is healthy, 1 otherwise") { url, timeout, port };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var text = parsed.GetValue(url) ?? $"http://127.0.0.1:{parsed.GetValue(port)}";
            if (!Uri.TryCreate(text, UriKind.Absolute, out var given) || given.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"emulator healthcheck: --url \"{text}\" is not an http(s) URL");
                return 2;
            }
            var target = HealthUrl(given);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(timeout))) };
            try
            {
                var health = await http.GetFromJsonAsync<JsonObject>(target, cancellationToken);
                if ((string?)health?["status"] == "ok") return 0;
                await Console.Error.WriteLineAsync($"emulator healthcheck: {target} answered {health?.ToJsonString()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                await Console.Error.WriteLineAsync($"emulator healthcheck: {target}: {e.Message}");
            }
            return 1;
        });
        return command;
    }

    /// <summary>The health URL of an emulator given by its address (a path prefix is kept) or by the health URL itself.</summary>
    public static Uri HealthUrl(Uri given)
    {
        var path = given.AbsolutePath.TrimEnd('/');
        return path.EndsWith(HealthPath, StringComparison.Ordinal) ? given : new Uri(given, path + HealthPath);
    }
}
