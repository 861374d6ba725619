using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.Tests.Reliability;

/// <summary>
/// The admin token guards every control route but health (the OpenAPI document too) and is compared in constant
/// time; mappings and state saves cannot make the emulator read or write a file a request chooses; secrets sent to
/// the emulator never reach its logs.
/// </summary>
public sealed class SecurityTests
{
    private const string Admin = "admin-s3cret-token";

    [Fact]
    public async Task Every_control_route_but_health_needs_the_admin_token()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = Admin });
        using var anonymous = emulator.CreateClient();
        using var admin = emulator.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Admin);

        (await anonymous.GetAsync("_emulator/openapi.json")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var document = await admin.GetFromJsonAsync<JsonObject>("_emulator/openapi.json");
        var operations = document!["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(m => m.Key is "get" or "post" or "put" or "delete" or "patch").Select(m => (Path: path.Key, Method: m.Key.ToUpperInvariant())))
            .ToList();
        operations.Should().HaveCountGreaterThan(15);

        foreach (var (path, method) in operations)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "x").TrimStart('/');
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            if (path == "/_emulator/health") response.StatusCode.Should().Be(HttpStatusCode.OK);
            else response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} must need the admin token");
        }
        (await anonymous.GetAsync("_emulator/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Admin, true)]
    [InlineData("admin-s3cret-toke", false)]
    [InlineData("admin-s3cret-tokeN", false)]
    [InlineData("admin-s3cret-token-and-more", false)]
    [InlineData("", false)]
    public void The_admin_token_comparison_is_exact(string given, bool matches) => AdminToken.Matches(given, Admin).Should().Be(matches);

    [Theory]
    [InlineData("""{"Request":{"Path":{"Matchers":[{"Name":"ExactMatcher","PatternAsFile":"/etc/passwd"}]}},"Response":{"StatusCode":200}}""")]
    [InlineData("""{"Request":{"Path":"/gitbook/v1/user","Body":{"Matcher":{"Name":"WildcardMatcher","PatternAsFile":"../../secrets.json"}}},"Response":{"StatusCode":200}}""")]
    [InlineData("""[{"Request":{"Path":"/gitbook/v1/user","Headers":[{"Name":"x","Matchers":[{"Name":"ExactMatcher","patternasfile":"/proc/self/environ"}]}]},"Response":{"StatusCode":200}}]""")]
    public async Task An_override_cannot_make_the_emulator_read_a_file(string mapping)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        using var response = await http.PostAsync("_emulator/overrides", new StringContent(mapping, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().ContainEquivalentOf("PatternAsFile").And.Contain("reads no files");
        (await http.GetFromJsonAsync<JsonObject>("_emulator/overrides"))!["overrides"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_overrides_file_cannot_make_the_emulator_read_another_file()
    {
        var directory = Directory.CreateTempSubdirectory("overrides-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "escape.json"),
                """{"Request":{"Path":{"Matchers":[{"Name":"ExactMatcher","PatternAsFile":"../outside.txt"}]}},"Response":{"StatusCode":200}}""");

            var start = async () => await (await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { OverridesDirectory = directory.FullName })).DisposeAsync();

            (await start.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("PatternAsFile");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_state_save_writes_only_the_configured_file()
    {
        var directory = Directory.CreateTempSubdirectory("state-");
        try
        {
            var stateFile = Path.Combine(directory.FullName, "state.json");
            var elsewhere = Path.Combine(directory.FullName, "elsewhere.json");
            await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { StateFile = stateFile });
            using var http = emulator.CreateClient();

            using var refused = await http.PostAsync("_emulator/state/save", JsonContent.Create(new { path = elsewhere, stateFile = elsewhere }));
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
            File.Exists(elsewhere).Should().BeFalse();

            (await http.PostAsync("_emulator/state/save", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            File.Exists(stateFile).Should().BeTrue();
            Directory.GetFiles(directory.FullName).Select(Path.GetFileName).Should().Equal("state.json");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Secrets_sent_to_the_emulator_never_reach_its_logs()
    {
        const string Secret = "pat-SECRET-do-not-log-4f1c";
        var logs = new CapturingLoggerProvider();
        var app = IntegrationsEmulator.BuildKestrelApp(EmulatorOptions.Default with { AdminToken = "ADMIN-SECRET-do-not-log" }, "127.0.0.1", 0,
            logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        await app.StartAsync();
        try
        {
            var root = IntegrationsEmulator.ListeningAddress(app);
            using var http = new HttpClient { BaseAddress = root };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
            http.DefaultRequestHeaders.Add("x-workspace-id", "wkspace_logs");

            // Credentials travel in headers and bodies (paths and query strings are logged by ASP.NET at Information level,
            // which the server raises to Warning; no vendor route takes a secret there).
            await http.GetAsync("botpress/v1/admin/integrations");
            await http.PostAsync("botpress/v1/admin/integrations", JsonContent.Create(new { name = "logs-test", version = "1.0.0", secrets = new { API_KEY = Secret } }));
            await http.PostAsync("botpress/v1/admin/integrations", new StringContent("{\"name\":\"" + Secret + "\xff", Encoding.Latin1, "application/json"));
            await http.GetAsync("gitbook/v1/user");
            await http.GetAsync("membrane/integrations");
            await http.GetAsync("membrane/integrations/nope");
            await http.GetAsync("_emulator/tenants");
            using var wrongAdmin = new HttpRequestMessage(HttpMethod.Get, "_emulator/tenants");
            wrongAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ADMIN-SECRET-do-not-log-wrong");
            await http.SendAsync(wrongAdmin);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        logs.Lines.Should().NotBeEmpty();
        logs.Lines.Should().NotContain(line => line.Contains("SECRET-do-not-log"));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
