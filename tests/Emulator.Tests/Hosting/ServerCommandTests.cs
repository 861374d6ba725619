using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Tests.Fixtures;

namespace IntegrationsApiEmulator.Tests.Hosting;

/// <summary>The <c>emulator</c> executable: options from <c>EMULATOR_*</c> variables, and <c>emulator healthcheck</c>.</summary>
public sealed class ServerCommandTests
{
    private static readonly string Defaults = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "default");

    [Fact]
    public async Task Options_come_from_EMULATOR_variables_and_healthcheck_reports_the_server_healthy()
    {
        using var server = ServerProcess.Start([], new Dictionary<string, string> { ["EMULATOR_NO_SEED"] = "true", ["EMULATOR_FIXTURES"] = Defaults });
        var root = await server.RootAsync();
        using var http = new HttpClient { BaseAddress = root };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "pat-server-command");

        var page = await http.GetFromJsonAsync<JsonObject>("membrane/integrations");
        using var check = ServerProcess.Run(["healthcheck", "--url", new Uri(root, "_emulator/health").ToString()]);
        using var byAddress = ServerProcess.Run(["healthcheck", "--url", root.ToString().TrimEnd('/')]);
        using var byPort = ServerProcess.Run(["healthcheck", "--port", root.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        page!["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).Should().Equal("sales-crm", "enterprise-crm", "support-desk");
        (await check.ExitAsync()).ExitCode.Should().Be(0);
        (await byAddress.ExitAsync()).ExitCode.Should().Be(0, "--url takes the emulator's address too");
        (await byPort.ExitAsync()).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Healthcheck_help_describes_its_own_options()
    {
        using var help = ServerProcess.Run(["healthcheck", "--help"]);

        var (exitCode, output) = await help.ExitAsync();

        exitCode.Should().Be(0);
        output.Should().Contain("Port of the emulator on this machine").And.NotContain("to listen on");
    }

    [Fact]
    public async Task Healthcheck_fails_when_nothing_answers()
    {
        using var check = ServerProcess.Run(["healthcheck", "--url", "http://127.0.0.1:9/_emulator/health", "--timeout", "1"]);

        var (exitCode, output) = await check.ExitAsync();

        exitCode.Should().Be(1);
        output.Should().Contain("emulator healthcheck: http://127.0.0.1:9/_emulator/health");
    }

    [Theory]
    [InlineData("EMULATOR_PORT", "eighty", "EMULATOR_PORT (for --port) \"eighty\" is not allowed: a whole number from 0 to 65535")]
    [InlineData("EMULATOR_SEED_COUNT", "0", "EMULATOR_SEED_COUNT (for --seed-count) \"0\" is not allowed: a whole number from 1 to 1000000")]
    [InlineData("EMULATOR_LOG_LEVEL", "Loud", "EMULATOR_LOG_LEVEL (for --log-level) \"Loud\" is not allowed: one of Trace")]
    public async Task A_bad_variable_stops_start_up_naming_it(string variable, string value, string message)
    {
        using var server = ServerProcess.Run([], new Dictionary<string, string> { [variable] = value, ["EMULATOR_PORT"] = variable == "EMULATOR_PORT" ? value : "0" });

        var (exitCode, output) = await server.ExitAsync();

        exitCode.Should().NotBe(0);
        output.Should().Contain(message);
    }
}
