using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.Time.Testing;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// How development-mode events reach the tunnel: as the GitBook runtime's <c>createIntegration</c> reads them — a
/// <c>multipart/form-data</c> POST with <c>event</c>, <c>environment</c> (IntegrationEnvironment) and <c>fetch-body</c>.
/// The environment's <c>apiEndpoint</c> is the emulator's GitBook endpoint and its <c>apiTokens</c> are tokens the
/// emulator minted, which call back into the same tenant as the integration and its installation. A tunnel URL on a
/// host registered with the tunnel edge (<c>/_emulator/tunnels</c>) is delivered to the registered local origin.
/// </summary>
public sealed class DispatchTests(EmulatorFixture fixture, Tunnel tunnel) : IClassFixture<EmulatorFixture>, IClassFixture<Tunnel>
{
    private string Endpoint => fixture.Emulator.VendorBaseAddress("gitbook").ToString().TrimEnd('/');

    private async Task<(HttpClient Gitbook, string Name, string Url)> InDevelopmentAsync(JsonObject? extra = null, bool all = true)
    {
        var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name, extra: extra);
        var url = tunnel.Route();
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url, ["all"] = all }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        return (gitbook, name, url);
    }

    [Fact]
    public async Task An_installation_event_is_a_form_with_the_event_the_environment_and_an_empty_fetch_body()
    {
        var (gitbook, name, url) = await InDevelopmentAsync(new JsonObject { ["secrets"] = new JsonObject { ["API_KEY"] = "s3cret" } });
        using var _ = gitbook;

        var id = Str((await InstallAsync(gitbook, name))["id"]);

        var delivered = tunnel.Received(url).Should().ContainSingle().Subject;
        delivered.Headers["content-type"].Should().StartWith("multipart/form-data; boundary=");
        delivered.Fields["fetch-body"].Should().BeEmpty();
        Str(delivered.Body["type"]).Should().Be("installation_setup");
        Str(delivered.Body["installationId"]).Should().Be(id);
        var environment = delivered.Environment;
        Str(environment["apiEndpoint"]).Should().Be(Endpoint, "the runtime's GitBookAPI appends /v1 to the endpoint of the request that raised the event");
        Str(environment["apiTokens"]!["integration"]).Should().StartWith("gb_intg_");
        Str(environment["apiTokens"]!["installation"]).Should().StartWith("gb_inst_");
        Str(environment["integration"]!["name"]).Should().Be(name);
        environment["integration"]!["version"]!.GetValue<int>().Should().Be(1);
        Str(environment["installation"]!["id"]).Should().Be(id);
        Str(environment["installation"]!["urls"]!["location"]).Should().StartWith(Endpoint + "/v1/integrations/" + name + "/installations/");
        Str(environment["signingSecrets"]!["integration"]).Should().NotBeEmpty();
        environment["secrets"]!.ToJsonString().Should().Be("""{"API_KEY":"s3cret"}""");
        environment.ContainsKey("spaceInstallation").Should().BeFalse();
        environment.ContainsKey("siteInstallation").Should().BeFalse();
    }

    [Fact]
    public async Task The_installation_token_of_a_delivery_calls_back_as_that_installation_in_the_same_tenant()
    {
        var (gitbook, name, url) = await InDevelopmentAsync();
        using var _ = gitbook;
        var other = UniqueName();
        await PublishAsync(gitbook, other);
        var id = Str((await InstallAsync(gitbook, name))["id"]);
        var token = Str(tunnel.Received(url).Single().Environment["apiTokens"]!["installation"]);

        using var installation = Client(fixture.Emulator, token);
        var read = await installation.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();
        Str(read["id"]).Should().Be(id);
        await installation.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["externalIds"] = new JsonArray("from-the-worker") }).OkJsonAsync();
        await installation.GetAsync($"v1/integrations/{other}").OkJsonAsync();
        await installation.GetAsync($"v1/integrations/{other}/installations").ShouldFailAsync(HttpStatusCode.Forbidden);
        await installation.PostJsonAsync($"v1/integrations/{other}/installations", new JsonObject { ["organization"] = Home }).ShouldFailAsync(HttpStatusCode.Forbidden, "Installation tokens");

        var seen = await gitbook.GetAsync($"v1/integrations/{name}/installations/{id}").OkJsonAsync();
        seen["externalIds"]!.AsArray().Select(e => Str(e)).Should().Equal("from-the-worker");
        var journal = fixture.Emulator.GetRequests(new JournalQuery { Vendor = "gitbook", Method = "PATCH", Path = $"/v1/integrations/{name}/installations/{id}" });
        journal.Should().ContainSingle().Which.Status.Should().Be(200);
        journal[0].Tenant.Should().Be(fixture.Emulator.GetRequests(new JournalQuery { Vendor = "gitbook", Method = "POST", Path = $"/v1/integrations/{name}/installations" }).Single().Tenant,
            "the token is an alias of the tenant that installed");
    }

    [Fact]
    public async Task Deliveries_of_one_installation_reuse_its_token_until_it_is_uninstalled()
    {
        var (gitbook, name, url) = await InDevelopmentAsync();
        using var _ = gitbook;
        var id = Str((await InstallAsync(gitbook, name))["id"]);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);

        var delivered = tunnel.Received(url);
        var tokens = delivered.Select(d => Str(d.Environment["apiTokens"]!["installation"])).Distinct().ToList();
        tokens.Should().ContainSingle("one installation token per installation, not one per event");
        var space = delivered[1].Environment["spaceInstallation"]!;
        Str(space["space"]).Should().Be(DocsSpace);
        Str(space["installation"]).Should().Be(id);
        Str(space["integration"]).Should().Be(name);
        Str(delivered[2].Environment["siteInstallation"]!["site"]).Should().Be(DocsSite);
        delivered[2].Environment.ContainsKey("spaceInstallation").Should().BeFalse();

        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        var deleted = tunnel.Received(url).Last();
        Str(deleted.Body["type"]).Should().Be("installation_deleted");
        deleted.Environment.ContainsKey("installation").Should().BeFalse("the installation is gone");
        deleted.Environment["apiTokens"]!.AsObject().Select(p => p.Key).Should().Equal("integration");
        using var revoked = Client(fixture.Emulator, tokens[0]);
        using var afterUninstall = await revoked.GetAsync($"v1/integrations/{name}");
        afterUninstall.IsSuccessStatusCode.Should().BeFalse("an uninstalled installation's token no longer reaches the tenant");
    }

    [Fact]
    public async Task The_integration_token_acts_as_the_integration_and_stops_at_unpublish()
    {
        var (gitbook, name, url) = await InDevelopmentAsync();
        using var _ = gitbook;
        var other = UniqueName();
        await PublishAsync(gitbook, other);
        var id = Str((await InstallAsync(gitbook, name))["id"]);
        var token = Str(tunnel.Received(url).Single().Environment["apiTokens"]!["integration"]);

        using var integration = Client(fixture.Emulator, token);
        Str(Items(await integration.GetAsync($"v1/integrations/{name}/installations").OkJsonAsync()).Single()["id"]).Should().Be(id);
        await integration.PostJsonAsync($"v1/integrations/{name}/tasks", new JsonObject { ["task"] = new JsonObject { ["n"] = 1 } }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await integration.GetAsync($"v1/integrations/{other}/events").ShouldFailAsync(HttpStatusCode.Forbidden, "integration token");
        await integration.PostJsonAsync($"v1/integrations/{name}", PublishBody()).ShouldFailAsync(HttpStatusCode.Forbidden, "Integration tokens");
        fixture.Emulator.GetRequests(new JournalQuery { Vendor = "gitbook", Path = $"/v1/integrations/{name}*" })
            .Should().NotBeEmpty().And.OnlyContain(e => !System.Text.Json.JsonSerializer.Serialize(e, (System.Text.Json.JsonSerializerOptions?)null).Contains(token), "the journal masks integration tokens");

        var task = tunnel.Received(url).Last();
        Str(task.Body["type"]).Should().Be("task");
        task.Body["task"]!["n"]!.GetValue<int>().Should().Be(1);
        Str(task.Environment["apiTokens"]!["integration"]).Should().Be(token, "the integration's token is minted once");
        task.Environment.ContainsKey("installation").Should().BeFalse("a task belongs to no installation");

        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        using var afterUnpublish = await integration.GetAsync($"v1/integrations/{other}");
        afterUnpublish.IsSuccessStatusCode.Should().BeFalse("an unpublished integration's token no longer reaches the tenant");
    }

    [Fact]
    public async Task Render_is_dispatched_in_the_same_format_and_returns_the_answer()
    {
        var gitbook = Client(fixture.Emulator);
        using var _ = gitbook;
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var id = Str((await InstallAsync(gitbook, name))["id"]);
        var url = tunnel.Route(200, """{"type":"complete","returnValue":{"ok":true}}""");
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var answer = await gitbook.PostJsonAsync($"v1/integrations/{name}/render", new JsonObject
        {
            ["componentId"] = "configure",
            ["props"] = new JsonObject(),
            ["context"] = new JsonObject { ["type"] = "configuration_account", ["theme"] = "light", ["organizationId"] = Home },
        }).OkJsonAsync();

        answer["returnValue"]!["ok"]!.GetValue<bool>().Should().BeTrue();
        var delivered = tunnel.Received(url).Single();
        delivered.Headers["content-type"].Should().StartWith("multipart/form-data");
        Str(delivered.Body["type"]).Should().Be("ui_render");
        Str(delivered.Body["componentId"]).Should().Be("configure");
        Str(delivered.Environment["installation"]!["id"]).Should().Be(id);
        Str(delivered.Environment["apiEndpoint"]).Should().Be(Endpoint);
    }

    [Fact]
    public async Task A_tunnel_url_on_a_registered_host_is_delivered_to_its_local_origin()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var local = tunnel.Route();
        var host = $"{UniqueName("calm-river")}.trycloudflare.com";
        fixture.Emulator.AddTunnel($"https://{host}", tunnel.Origin);
        try
        {
            var tunnelUrl = $"https://{host}{new Uri(local).AbsolutePath}";
            await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = tunnelUrl, ["all"] = true }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

            var id = Str((await InstallAsync(gitbook, name))["id"]);

            var delivered = tunnel.Received(local).Should().ContainSingle("the emulator is the edge: the public host's requests go to the local origin").Subject;
            Str(delivered.Body["installationId"]).Should().Be(id);
            var recorded = (await EventsAsync(gitbook, name)).Single();
            Str(recorded["status"]).Should().Be("success");
            var trace = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(recorded["id"])}").OkJsonAsync();
            Str(trace["trace"]!["logs"]!.AsArray().Last()!["message"]).Should().Contain(tunnelUrl).And.Contain("via the registered tunnel to " + tunnel.Origin);
        }
        finally
        {
            fixture.Emulator.RemoveTunnel(host).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Once_its_tunnel_closed_a_delivery_fails_at_the_edge_without_going_out()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var local = tunnel.Route(200, """{"type":"complete"}""");
        var host = $"{UniqueName("closed")}.trycloudflare.com";
        fixture.Emulator.AddTunnel($"https://{host}", tunnel.Origin);
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = $"https://{host}{new Uri(local).AbsolutePath}", ["all"] = true })
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        // The stand-in cloudflared deregisters when `gitbook dev` stops, which may leave development mode on.
        fixture.Emulator.RemoveTunnel(host).Should().BeTrue();
        await InstallAsync(gitbook, name);
        await gitbook.PostJsonAsync($"v1/integrations/{name}/render", new JsonObject
        {
            ["componentId"] = "c",
            ["props"] = new JsonObject(),
            ["context"] = new JsonObject { ["type"] = "configuration_account", ["theme"] = "light", ["organizationId"] = Home },
        }).ShouldFailAsync(HttpStatusCode.BadGateway, "closed");

        tunnel.Received(local).Should().BeEmpty();
        var events = await EventsAsync(gitbook, name);
        events.Should().HaveCount(2).And.OnlyContain(e => Str(e["status"]) == "failed");
        var trace = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(events[^1]["id"])}").OkJsonAsync();
        Str(trace["trace"]!["logs"]!.AsArray().Last()!["message"]).Should().Contain($"the tunnel {host} was closed").And.Contain("nothing was sent");
    }

    [Fact]
    public async Task Render_through_a_registered_host_reaches_the_local_origin()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var local = tunnel.Route(200, """{"type":"element","element":{"type":"block","children":[]},"state":{},"props":{}}""");
        var host = $"{UniqueName("tiny-fox")}.trycloudflare.com";
        fixture.Emulator.AddTunnel($"https://{host}", tunnel.Origin);
        try
        {
            await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = $"https://{host}{new Uri(local).AbsolutePath}" })
                .ShouldBeEmptyAsync(HttpStatusCode.NoContent);

            var answer = await gitbook.PostJsonAsync($"v1/integrations/{name}/render", new JsonObject
            {
                ["componentId"] = "c",
                ["props"] = new JsonObject(),
                ["context"] = new JsonObject { ["type"] = "configuration_account", ["theme"] = "light", ["organizationId"] = Home },
            }).OkJsonAsync();

            Str(answer["type"]).Should().Be("element");
            tunnel.Received(local).Should().ContainSingle();
        }
        finally
        {
            fixture.Emulator.RemoveTunnel(host);
        }
    }

    [Fact]
    public async Task A_queued_task_fired_by_the_clock_carries_the_api_endpoint_of_the_request_that_queued_it()
    {
        // Its own emulator on a fake clock, so that no other test's clock moves.
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Clock = clock });
        using var gitbook = Client(emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await gitbook.PostJsonAsync($"v1/integrations/{name}/tasks", new JsonObject { ["task"] = new JsonObject { ["later"] = true }, ["schedule"] = 60 })
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        clock.Advance(TimeSpan.FromSeconds(61));

        (await EventuallyAsync(() => tunnel.Received(url).Count == 1)).Should().BeTrue("the due task is delivered in the background");
        var delivered = tunnel.Received(url).Single();
        Str(delivered.Environment["apiEndpoint"]).Should().Be(emulator.VendorBaseAddress("gitbook").ToString().TrimEnd('/'));
        using var integration = Client(emulator, Str(delivered.Environment["apiTokens"]!["integration"]));
        await integration.GetAsync($"v1/integrations/{name}/events").OkJsonAsync();
    }
}
