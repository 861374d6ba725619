using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// setIntegrationDevelopmentMode / disableIntegrationDevelopmentMode: events are dispatched to the tunnel (a
/// WireMock server); a failing or unreachable tunnel marks the event failed without failing the API call.
/// The dispatch format itself is in <see cref="DispatchTests"/>.
/// </summary>
public sealed class DevModeTests(EmulatorFixture fixture, Tunnel tunnel) : IClassFixture<EmulatorFixture>, IClassFixture<Tunnel>
{
    private static Task EnableAsync(HttpClient gitbook, string name, string tunnelUrl) =>
        gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = tunnelUrl, ["all"] = true }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

    [Fact]
    public async Task In_development_mode_an_install_POSTs_the_installation_setup_event_to_the_tunnel()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await EnableAsync(gitbook, name, url);

        var id = Str((await InstallAsync(gitbook, name))["id"]);

        var delivered = tunnel.Received(url).Should().ContainSingle().Subject;
        var (body, headers) = (delivered.Body, delivered.Headers);
        Str(body["type"]).Should().Be("installation_setup");
        Str(body["installationId"]).Should().Be(id);
        Str(body["status"]).Should().Be("active");
        var eventId = Str(body["eventId"]);
        headers["content-type"].Should().StartWith("multipart/form-data", "the runtime reads request.formData()");
        delivered.Fields.Keys.Should().BeEquivalentTo(["event", "environment", "fetch-body"]);
        headers["x-gitbook-event-type"].Should().Be("installation_setup");
        headers["x-gitbook-event-id"].Should().Be(eventId);

        var recorded = await gitbook.GetAsync($"v1/integrations/{name}/events/{eventId}").OkJsonAsync();
        Str(recorded["event"]!["status"]).Should().Be("success");
        recorded["event"]!["payload"]!.ToJsonString().Should().Be(body.ToJsonString());
        var log = recorded["trace"]!["logs"]!.AsArray().Last()!;
        Str(log["level"]).Should().Be("info");
        Str(log["message"]).Should().Contain("Delivered").And.Contain(url);
    }

    [Fact]
    public async Task Every_installation_event_reaches_the_tunnel_in_order()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await EnableAsync(gitbook, name, url);

        var id = Str((await InstallAsync(gitbook, name))["id"]);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["configuration"] = new JsonObject { ["k"] = "v" } }).OkJsonAsync();
        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        var bodies = tunnel.Bodies(url);
        bodies.Select(b => Str(b["type"])).Should().Equal(
            "installation_setup", "space_installation_setup", "site_installation_setup", "installation_setup",
            "space_installation_deleted", "site_installation_deleted", "installation_deleted");
        Str(bodies[1]["spaceId"]).Should().Be(DocsSpace);
        Str(bodies[2]["siteId"]).Should().Be(DocsSite);
        bodies.Select(b => Str(b["eventId"])).Should().Equal((await EventsAsync(gitbook, name)).Select(e => Str(e["id"])).Reverse());
        (await EventsAsync(gitbook, name)).Should().OnlyContain(e => Str(e["status"]) == "success");
    }

    [Fact]
    public async Task A_tunnel_answering_500_fails_the_event_but_not_the_call()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route(500, "{\"error\":\"boom\"}");
        await EnableAsync(gitbook, name, url);

        var id = Str((await InstallAsync(gitbook, name))["id"]);

        tunnel.Received(url).Should().ContainSingle();
        var setup = (await EventsAsync(gitbook, name)).Single();
        Str(setup["status"]).Should().Be("failed");
        var trace = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(setup["id"])}").OkJsonAsync();
        var log = trace["trace"]!["logs"]!.AsArray().Last()!;
        Str(log["level"]).Should().Be("error");
        Str(log["message"]).Should().Contain("500");
        await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();
    }

    [Fact]
    public async Task An_unreachable_tunnel_fails_the_event_but_not_the_call()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        await EnableAsync(gitbook, name, Tunnel.Unreachable());

        var id = Str((await InstallAsync(gitbook, name))["id"]);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);

        var events = await EventsAsync(gitbook, name);
        events.Should().HaveCount(2).And.OnlyContain(e => Str(e["status"]) == "failed");
        var trace = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(events[0]["id"])}").OkJsonAsync();
        var log = trace["trace"]!["logs"]!.AsArray().Last()!;
        Str(log["level"]).Should().Be("error");
        Str(log["message"]).Should().Contain("failed");
        Str((await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync())["status"]).Should().Be("active");
    }

    [Fact]
    public async Task Disabling_development_mode_is_205_and_stops_forwarding()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var url = tunnel.Route();
        await EnableAsync(gitbook, name, url);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        tunnel.Received(url).Should().ContainSingle();

        await gitbook.DeleteAsync($"v1/integrations/{name}/dev").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        tunnel.Received(url).Should().ContainSingle("nothing is forwarded once development mode is off");
        var events = await EventsAsync(gitbook, name);
        events.Should().HaveCount(6).And.OnlyContain(e => Str(e["status"]) == "success");
        var trace = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(events[0]["id"])}").OkJsonAsync();
        Str(trace["trace"]!["logs"]![0]!["message"]).Should().Contain("development mode");
        await gitbook.DeleteAsync($"v1/integrations/{name}/dev").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Only_all_forwards_the_events_of_other_organizations(bool all)
    {
        // vendor contract: "all: true forwards requests from every organization, not only the owner's" (default false).
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url, ["all"] = all }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var other = await OtherOrganizationAsync(gitbook);

        var foreign = Str((await InstallAsync(gitbook, name, other))["id"]);
        var own = Str((await InstallAsync(gitbook, name, Home))["id"]);

        var forwarded = tunnel.Bodies(url).Select(b => Str(b["installationId"])).ToList();
        forwarded.Should().Equal(all ? [foreign, own] : [own]);
        (await EventsAsync(gitbook, name)).Should().HaveCount(2, "every event is recorded either way");
    }

    [Fact]
    public async Task Setting_development_mode_again_moves_the_tunnel()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var first = tunnel.Route();
        var second = tunnel.Route();
        await EnableAsync(gitbook, name, first);
        await EnableAsync(gitbook, name, second);

        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);

        tunnel.Received(first).Should().BeEmpty();
        tunnel.Received(second).Should().ContainSingle();
    }

    [Fact]
    public async Task Unpublishing_ends_development_mode()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await EnableAsync(gitbook, name, url);
        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        await PublishAsync(gitbook, name);
        await InstallAsync(gitbook, name);

        tunnel.Received(url).Should().BeEmpty();
    }

    [Theory]
    [InlineData("{}", "tunnelUrl")]
    [InlineData("{\"tunnelUrl\":\"\"}", "tunnelUrl")]
    [InlineData("{\"tunnelUrl\":\"not a url\"}", "tunnelUrl")]
    [InlineData("{\"tunnelUrl\":\"ftp://example.com/x\"}", "tunnelUrl")]
    [InlineData("{\"tunnelUrl\":\"https://example.com/x\",\"all\":\"yes\"}", "all")]
    public async Task Development_mode_validates_its_body(string body, string field)
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", JsonNode.Parse(body)!).ShouldFailAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Development_mode_rejects_a_tunnel_url_over_256_characters_and_unknown_integrations()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var tooLong = "https://example.com/" + new string('x', 237);
        tooLong.Should().HaveLength(257);

        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = tooLong }).ShouldFailAsync(HttpStatusCode.BadRequest, "tunnelUrl");
        await gitbook.PutJsonAsync($"v1/integrations/{UniqueName()}/dev", new JsonObject { ["tunnelUrl"] = "https://example.com" }).ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.DeleteAsync($"v1/integrations/{UniqueName()}/dev").ShouldFailAsync(HttpStatusCode.NotFound);
    }
}
