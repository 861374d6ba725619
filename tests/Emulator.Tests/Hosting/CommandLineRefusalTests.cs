using System.Net;
using System.Net.Sockets;

namespace IntegrationsApiEmulator.Tests.Hosting;

/// <summary>
/// A bad flag value is one plain line on stderr naming the flag, the value and what is allowed, with exit code 2:
/// no .NET type names, no stack trace, no help dump.
/// </summary>
public sealed class CommandLineRefusalTests
{
    [Theory]
    [InlineData("--port", "abc", "a whole number from 0 to 65535")]
    [InlineData("--port", "99999", "a whole number from 0 to 65535")]
    [InlineData("--port", "-1", "a whole number from 0 to 65535")]
    [InlineData("--max-body-bytes", "-5", "a whole number from 1 to")]
    [InlineData("--max-body-bytes", "0", "a whole number from 1 to")]
    [InlineData("--journal-size", "-1", "a whole number from 0 to 1000000")]
    [InlineData("--seed-count", "0", "a whole number from 1 to 1000000")]
    [InlineData("--seed", "1.5", "a whole number")]
    [InlineData("--fixtures", "/no/such/fixtures", "an existing directory")]
    [InlineData("--overrides", "/no/such/overrides", "an existing directory")]
    [InlineData("--state-file", "/no/such/dir/state.json", "directory exists")]
    [InlineData("--log-level", "Loud", "one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("--log-level", "42", "one of Trace")]
    [InlineData("--host", "not-an-ip", "an IP address")]
    [InlineData("--admin-token", "", "a non-empty token")]
    public async Task A_bad_flag_value_is_one_line_naming_flag_value_and_what_is_allowed(string flag, string value, string allowed)
    {
        using var server = ServerProcess.Run(flag == "--port" ? [flag, value] : [flag, value, "--port", "0"]);

        var (exitCode, output) = await server.ExitAsync();

        exitCode.Should().Be(2, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle(output);
        lines[0].Should().StartWith($"emulator: {flag} \"{value}\" is not allowed: ").And.Contain(allowed);
        output.Should().NotContain("System.").And.NotContain("   at ").And.NotContain("Usage:");
    }

    [Theory]
    [InlineData("EMULATOR_PORT", "eighty", "--port")]
    [InlineData("EMULATOR_MAX_BODY_BYTES", "-5", "--max-body-bytes")]
    [InlineData("EMULATOR_JOURNAL_SIZE", "-1", "--journal-size")]
    public async Task A_bad_variable_is_one_line_naming_it_and_its_flag(string variable, string value, string flag)
    {
        using var server = ServerProcess.Run(variable == "EMULATOR_PORT" ? [] : ["--port", "0"], new Dictionary<string, string> { [variable] = value });

        var (exitCode, output) = await server.ExitAsync();

        exitCode.Should().Be(2, output);
        output.Trim().Should().StartWith($"emulator: {variable} (for {flag}) \"{value}\" is not allowed: ").And.NotContain("\n");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_saying_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var server = ServerProcess.Run(["--port", port.ToString(), "--log-level", "Information"]);

        var (exitCode, output) = await server.ExitAsync();

        exitCode.Should().Be(2, output);
        output.Trim().Should().Be($"emulator: port {port} is in use on 127.0.0.1: choose another with --port (0 picks a free one)");
    }
}
