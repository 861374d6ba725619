using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.Fixtures;

/// <summary><c>POST /_emulator/fixtures</c> and <see cref="IntegrationsEmulator.LoadFixtures"/>, shown with Botpress fixtures.</summary>
public sealed class FixtureLoadTests
{
    private const string Weather = """{"botpress":{"integrations":[{"integration":{"name":"fixture-weather","version":"1.0.0","visibility":"public"}}]}}""";

    [Fact]
    public async Task A_fixture_set_posted_at_run_time_reaches_existing_and_new_tenants()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var existing = emulator.CreateBotpressClient();
        (await existing.GetAsync("v1/admin/integrations/fixture-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var http = emulator.CreateClient();

        var response = await http.PostAsync("_emulator/fixtures", Json(Weather));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString().Should().Be("""{"vendors":["botpress"],"tenant":"all"}""");
        using var later = emulator.CreateBotpressClient();
        (await existing.GetAsync("v1/admin/integrations/fixture-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await later.GetAsync("v1/admin/integrations/fixture-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fixture_set_for_one_tenant_stays_in_that_tenant()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var token = IntegrationsEmulator.NewToken("bp_pat_");
        using var mine = emulator.CreateBotpressClient(token);
        using var other = emulator.CreateBotpressClient();

        emulator.LoadFixtures(Weather, IntegrationsEmulator.TenantKeyOf(token)).Should().Equal("botpress");

        (await mine.GetAsync("v1/admin/integrations/fixture-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.GetAsync("v1/admin/integrations/fixture-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reset_drops_fixtures_loaded_at_run_time_but_keeps_the_start_up_ones()
    {
        var examples = Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "examples", "botpress");
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { FixturesDirectory = examples });
        emulator.LoadFixtures(Weather);

        emulator.Reset();

        using var client = emulator.CreateBotpressClient(workspaceId: "wkspace_01JACMEFIXTUREWORKSPACE00");
        (await client.GetAsync("v1/admin/integrations/fixture-weather/1.0.0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("v1/admin/integrations/acme%2Forders/1.2.0")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refused_set_changes_nothing_even_for_the_vendors_that_were_fine()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var client = emulator.CreateBotpressClient();
        var set = """{"botpress":{"integrations":[{"integration":{"name":"fixture-ok","version":"1.0.0"}},{"integration":{"name":"fixture-bad","version":"one"}}]}}""";

        var load = () => emulator.LoadFixtures(set);

        load.Should().Throw<ApiException>().Which.StatusCode.Should().Be(400);
        (await client.GetAsync("v1/admin/integrations/fixture-ok/1.0.0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Loading_the_same_set_twice_is_refused_the_second_time()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        emulator.LoadFixtures(Weather);

        var again = () => emulator.LoadFixtures(Weather);

        again.Should().Throw<ApiException>().Which.Body["error"]!["message"]!.GetValue<string>()
            .Should().Contain("botpress.integrations[0].integration");
    }

    [Theory]
    [InlineData("", "body: not valid JSON")]
    [InlineData("[]", "body: must be a JSON object keyed by vendor")]
    [InlineData("""{"botpress":{},"botpress":{}}""", "body: not valid JSON")]
    [InlineData("""{"slack":{}}""", "slack: is not a vendor (one of botpress, gitbook, membrane)")]
    [InlineData("""{"botpress":{"workspace":[]}}""", "Fixture POST /_emulator/fixtures is refused at botpress.workspace: is not an allowed property")]
    [InlineData("""{"botpress":{"integrations":[{"integration":{"name":"fixture-x","version":"1.0"}}]}}""", "botpress.integrations[0].integration: version: \"1.0\" is not a semantic version")]
    public async Task Bad_fixture_sets_are_400_naming_the_field(string body, string message)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var response = await http.PostAsync("_emulator/fixtures", Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>().Should().Contain(message);
    }

    [Fact]
    public async Task A_tenant_that_is_not_a_tenant_key_is_400()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var response = await http.PostAsync("_emulator/fixtures?tenant=my-token", Json(Weather));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("tenant: \\\"my-token\\\" is not a tenant key");
    }

    [Fact]
    public async Task The_fixtures_route_requires_the_admin_token_when_one_is_set()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "admin-secret" });
        using var http = emulator.CreateClient();

        (await http.PostAsync("_emulator/fixtures", Json(Weather))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "admin-secret");
        (await http.PostAsync("_emulator/fixtures", Json(Weather))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LoadFixturesFrom_reads_a_fixtures_directory()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();

        emulator.LoadFixturesFrom(Path.Combine(BotpressFixturesTests.RepositoryRoot(), "fixtures", "examples", "botpress")).Should().Equal("botpress");

        using var acme = emulator.CreateBotpressClient(workspaceId: "wkspace_01JACMEFIXTUREWORKSPACE00");
        (await acme.GetAsync("v1/admin/integrations/acme%2Forders/1.2.0")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LoadFixturesFrom_names_the_file_it_refuses()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var directory = Directory.CreateTempSubdirectory("fixtures-");
        var file = Path.Combine(directory.FullName, "membrane.json");
        await File.WriteAllTextAsync(file, """{"integrations":[{"integration":{"key":"x","connectorKey":"no-such-connector"}}]}""");

        var load = () => emulator.LoadFixturesFrom(directory.FullName);

        load.Should().Throw<ApiException>().Which.Body["error"]!["message"]!.GetValue<string>()
            .Should().StartWith($"Fixture {file} is refused at integrations[0].integration");
        emulator.Services.GetRequiredService<VendorDirectory>().Modules.Select(m => m.Tenants(emulator.Services).Keys.Count).Should().AllBeEquivalentTo(0);
        directory.Delete(recursive: true);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
