using System.Net;
using System.Net.Http.Headers;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

public sealed class AdminTokenTests
{
    [Fact]
    public async Task With_an_admin_token_only_health_is_open()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "s3cret" });
        using var http = emulator.CreateClient();

        (await http.GetAsync("_emulator/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync("_emulator/tenants")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.PostAsync("_emulator/reset", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        (await http.GetAsync("_emulator/clock")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        (await http.GetAsync("_emulator/clock")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsync("_emulator/reset", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Without_an_admin_token_the_control_plane_is_open()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        (await http.GetAsync("_emulator/tenants")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
