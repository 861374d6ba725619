using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>GET /_emulator/health</c> reports the one version of Directory.Build.props, and the commit apart.</summary>
public sealed class HealthVersionTests
{
    // This test assembly is built from the same Directory.Build.props as the emulator: same Version, same commit.
    private static readonly string[] Built = typeof(HealthVersionTests).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+', 2);

    [Fact]
    public async Task Health_reports_the_build_version_without_build_metadata()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };

        var health = await http.GetFromJsonAsync<JsonObject>("_emulator/health");

        health!["version"]!.GetValue<string>().Should().Be(Built[0]).And.NotContain("+").And.MatchRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$");
        if (Built.Length > 1)
            health["commit"]!.GetValue<string>().Should().Be(Built[1]);
        else
            health.ContainsKey("commit").Should().BeFalse();
    }
}
