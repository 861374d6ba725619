using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_openapi_document_describes_the_control_plane_only()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var document = JsonNode.Parse(await http.GetStringAsync("_emulator/openapi.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        document["info"]!["title"]!.GetValue<string>().Should().Contain("control plane");
        paths.Should().Contain(["/_emulator/health", "/_emulator/reset", "/_emulator/tenants", "/_emulator/clock", "/_emulator/fixtures", "/_emulator/requests/{id}", "/_emulator/tenants/{vendor}/{tenant}/collections/{name}"]);
        paths.Should().OnlyContain(p => p == "/_emulator" || p.StartsWith("/_emulator/", StringComparison.Ordinal));
        document["components"]!["schemas"]!["ClockChange"].Should().NotBeNull();
    }
}
