using System.Diagnostics;
using System.Net;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>--overrides DIR</c> (<see cref="EmulatorOptions.OverridesDirectory"/>): mapping files installed at start; a bad one stops start-up.</summary>
public sealed class OverrideFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-overrides-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_json_file_is_installed_at_start_in_name_order()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "b-array.json"), $"[{OverrideTestKit.Mapping("GET", "/gitbook/v1/orgs", 503)},{OverrideTestKit.Mapping("GET", "/membrane/integrations", 502)}]");
        await File.WriteAllTextAsync(Path.Combine(_directory, "a-one.json"), """{"Title":"first file","Request":{"Path":"/gitbook/v1/user","Methods":["GET"]},"Response":{"StatusCode":418}}""");
        await File.WriteAllTextAsync(Path.Combine(_directory, "notes.txt"), "not a mapping: ignored");

        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { OverridesDirectory = _directory });

        var overrides = emulator.GetOverrides();
        overrides.Select(o => Convert.ToInt32(o.Mapping.Response.StatusCode)).Should().Equal([502, 503, 418], "newest first: b-array.json was read after a-one.json");
        overrides.Select(o => o.Title).Should().Equal(null, null, "first file");
        using var gitbook = emulator.CreateGitBookClient();
        (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be((HttpStatusCode)418);
        (await gitbook.GetAsync("v1/orgs")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("""{"Request":{"Path":"/gitbook/v1/user"},""", "not valid JSON")]
    [InlineData("""[{"Request":{"Path":"/gitbook/v1/user"},"Response":{}},{"Request":{"Path":"/gitbook/v1/user"},"Response":{"ProxyUrl":"https://api.gitbook.com"}}]""", "[1].Response.ProxyUrl: not supported")]
    [InlineData("""{"Request":{"Path":"/v1/user"},"Response":{}}""", "Request.Path: \"/v1/user\" can never match a vendor request")]
    public async Task A_refused_file_stops_start_up_naming_the_file_and_the_reason(string content, string reason)
    {
        var file = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(file, content);

        var start = () => IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { OverridesDirectory = _directory });

        (await start.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().StartWith($"overrides file {file}: ").And.Contain(reason);
    }

    [Fact]
    public async Task A_missing_directory_stops_start_up()
    {
        var missing = Path.Combine(_directory, "missing");

        var start = () => IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { OverridesDirectory = missing });

        (await start.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Be($"overrides directory {missing}: does not exist");
    }

    [Fact]
    public async Task The_server_refuses_a_bad_file_with_one_line_and_exit_code_2()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "bad.json"), """{"Request":{"Path":"/gitbook/x"},"Response":{"Fault":{"Type":"EMPTY_RESPONSE"}}}""");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ServerDll(), "--port", "0", "--overrides", _directory }) start.ArgumentList.Add(argument);

        using var server = Process.Start(start)!;
        var stderr = server.StandardError.ReadToEndAsync();
        var exited = server.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(30))) != exited) server.Kill(entireProcessTree: true);

        server.ExitCode.Should().Be(2);
        (await stderr).Trim().Should().Be($"emulator: overrides file {Path.Combine(_directory, "bad.json")}: Response.Fault: not supported by the emulator's overrides " +
            "(a response may have: StatusCode, Headers, HeadersRaw, Body, BodyAsJson, BodyAsBytes, BodyAsJsonIndented, BodyEncoding, BodyDestination, Delay, MinimumRandomDelay, MaximumRandomDelay)");
    }

    private static string ServerDll()
    {
        // The test assembly runs from tests/Emulator.Tests/bin/<Configuration>/net10.0/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Emulator.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "Emulator.Server", "bin", output.Parent!.Name, output.Name, "emulator.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Emulator.Server first", dll);
    }
}
