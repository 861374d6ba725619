using System.Net;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>GET /_emulator/</c>: the HTML dashboard.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_shows_the_clock_tenants_faults_and_newest_requests()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var token = IntegrationsEmulator.NewToken("gb_");
        using var gitbook = emulator.CreateGitBookClient(token);
        (await gitbook.GetAsync("v1/integrations?limit=1")).EnsureSuccessStatusCode();
        emulator.AddFault(new FaultRule { Vendor = "membrane", Path = "/integrations*", Status = 503 });
        emulator.Clock.Freeze();
        using var http = emulator.CreateClient();

        var response = await http.GetAsync("_emulator/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().StartWith("<!doctype html>")
            .And.Contain(EmulatorJson.Iso(emulator.Clock.GetUtcNow()) + " (frozen)")
            .And.Contain($"<td>{IntegrationsEmulator.TenantKeyOf(token)}</td>")
            .And.Contain("<td>/integrations*</td><td>503</td>")
            .And.Contain("<td>/gitbook/v1/integrations?limit=1</td><td>200</td>");
    }

    [Fact]
    public async Task Values_are_html_encoded_and_refresh_is_optional()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var botpress = emulator.CreateBotpressClient();
        await botpress.GetAsync("v1/admin/integrations/%3Cscript%3Ealert(1)%3C%2Fscript%3E/1.0.0");
        using var http = emulator.CreateClient();

        var html = await http.GetStringAsync("_emulator/?refresh=5");
        var plain = await http.GetStringAsync("_emulator");

        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;").And.Contain("<meta http-equiv=\"refresh\" content=\"5\">");
        plain.Should().NotContain("http-equiv=\"refresh\"");
    }

    [Fact]
    public async Task With_the_journal_off_the_page_says_so_and_with_an_admin_token_it_is_protected()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { JournalSize = 0, AdminToken = "dash-secret" });
        using var http = emulator.CreateClient();

        (await http.GetAsync("_emulator/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "dash-secret");
        (await http.GetStringAsync("_emulator/")).Should().Contain("The request journal is off");
    }
}
