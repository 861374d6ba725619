using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>GET /_emulator/health</c> reports the one version of Directory.Build.props, and the commit apart.</summary>
public sealed class HealthVersionTests
{
    // The emulator's own assembly: its Version is Directory.Build.props' (as this test assembly's is), and its commit
    // is the one it was built at — which an incremental build can leave older than this test assembly's, so the
    // commit is compared with the emulator assembly's, never with the test's.
    private static readonly string[] Built = typeof(IntegrationsEmulator).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+', 2);

    private static readonly string TestVersion = typeof(HealthVersionTests).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+', 2)[0];

    [Fact]
    public async Task Health_reports_the_build_version_without_build_metadata()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };

        var health = await http.GetFromJsonAsync<JsonObject>("_emulator/health");

        health!["version"]!.GetValue<string>().Should().Be(Built[0]).And.Be(TestVersion).And.NotContain("+").And.MatchRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$");
        if (Built.Length > 1)
            health["commit"]!.GetValue<string>().Should().Be(Built[1]);
        else
            health.ContainsKey("commit").Should().BeFalse();
    }
}
