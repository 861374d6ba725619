extern alias control;

using System.Net;
using System.Text.Json.Nodes;
using control::IntegrationsApiEmulator.Client;

namespace IntegrationsApiEmulator.Tests.ControlClient;

/// <summary>The control client against a Kestrel emulator: each route's answer, typed, and refusals as one exception.</summary>
public sealed class ControlClientTests(KestrelEmulatorFixture fixture) : IClassFixture<KestrelEmulatorFixture>
{
    private EmulatorControlClient Control => fixture.Control;

    [Fact]
    public async Task Health_names_the_version_and_the_vendors()
    {
        var health = await Control.GetHealthAsync();

        health.Status.Should().Be("ok");
        health.Version.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        health.Vendors.Should().BeEquivalentTo("botpress", "gitbook", "membrane");
    }

    [Fact]
    public async Task A_client_over_an_HttpClient_uses_its_base_address_root_and_leaves_it_open()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Emulator.BaseAddress, "botpress/") };
        using (var control = new EmulatorControlClient(http))
        {
            control.BaseAddress.Should().Be(fixture.Emulator.BaseAddress);
            control.VendorBaseAddress("gitbook").Should().Be(new Uri(fixture.Emulator.BaseAddress, "gitbook/"));
            (await control.GetHealthAsync()).Status.Should().Be("ok");
        }

        (await http.GetAsync("/_emulator/health")).IsSuccessStatusCode.Should().BeTrue("the caller's HttpClient is not disposed");
        FluentActions.Invoking(() => new EmulatorControlClient(new HttpClient())).Should().Throw<ArgumentException>().WithMessage("*BaseAddress*");
    }

    [Fact]
    public async Task A_tenant_key_computed_by_the_client_is_the_one_the_emulator_lists_and_resets()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook) (await gitbook.GetAsync("v1/user")).EnsureSuccessStatusCode();

        tenant.Should().Be(IntegrationsEmulator.TenantKeyOf(gitbook.DefaultRequestHeaders.Authorization!.Parameter!));
        (await Control.GetTenantsAsync())["gitbook"].Select(t => t.Tenant).Should().Contain(tenant);

        await Control.ResetAsync("gitbook", tenant);

        (await Control.GetTenantsAsync())["gitbook"].Select(t => t.Tenant).Should().NotContain(tenant);
    }

    [Fact]
    public async Task A_refusal_carries_the_status_and_the_control_plane_message()
    {
        var refused = await Control.Invoking(c => c.ResetAsync("gitbook", "t_0000000000000000")).Should().ThrowAsync<EmulatorControlException>();

        refused.Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
        refused.Which.ErrorCode.Should().Be(404);
        refused.Which.ErrorMessage.Should().Contain("no tenant \"t_0000000000000000\"");
        refused.Which.Message.Should().StartWith("POST /_emulator/reset → 404");
    }

    [Fact]
    public async Task The_journal_is_filtered_by_tenant_method_path_and_status()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook)
        {
            await gitbook.GetAsync("v1/user");
            await gitbook.GetAsync("v1/orgs/no-such-org");
        }

        var all = await Control.GetRequestsAsync(new RequestFilter { Vendor = "gitbook", Tenant = tenant });
        var notFound = await Control.GetRequestsAsync(new RequestFilter { Tenant = tenant, Method = "GET", Path = "/v1/orgs/*", Status = 404 });

        all.Select(r => r.Path).Should().Equal("/gitbook/v1/orgs/no-such-org", "/gitbook/v1/user");
        notFound.Should().ContainSingle().Which.Path.Should().Be("/gitbook/v1/orgs/no-such-org");
        all.Should().OnlyContain(r => r.Tenant == tenant && r.RequestHeaders["authorization"] == "[REDACTED]");
    }

    [Fact]
    public async Task A_fault_is_installed_listed_hit_and_removed()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using var _ = gitbook;
        var fault = await Control.AddFaultAsync(new FaultDefinition { Vendor = "gitbook", Path = "/v1/user", Status = 503, Times = 1 });
        try
        {
            (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await gitbook.GetAsync("v1/user")).StatusCode.Should().Be(HttpStatusCode.OK);

            var listed = (await Control.GetFaultsAsync()).Single(f => f.Id == fault.Id);
            listed.Should().BeEquivalentTo(fault with { Hits = 1, Remaining = 0 });
            (await Control.GetFaultAsync(fault.Id))!.Hits.Should().Be(1);
        }
        finally
        {
            (await Control.RemoveFaultAsync(fault.Id)).Should().BeTrue();
        }
        (await Control.RemoveFaultAsync(fault.Id)).Should().BeFalse();
        (await Control.GetFaultAsync(fault.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_fault_without_an_effect_is_refused_naming_the_problem()
    {
        var refused = await Control.Invoking(c => c.AddFaultAsync(new FaultDefinition { Vendor = "gitbook", Probability = 2 }))
            .Should().ThrowAsync<EmulatorControlException>();

        refused.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Which.ErrorMessage.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task An_override_answers_until_removed()
    {
        var path = "/gitbook/v1/client-override-" + Guid.NewGuid().ToString("N");
        var added = await Control.AddOverrideAsync(new JsonObject
        {
            ["Request"] = new JsonObject { ["Path"] = path, ["Methods"] = new JsonArray("GET") },
            ["Response"] = new JsonObject { ["StatusCode"] = 418, ["BodyAsJson"] = new JsonObject { ["odd"] = true } },
        });
        using var http = new HttpClient();

        (await http.GetAsync(new Uri(Control.BaseAddress, path))).StatusCode.Should().Be((HttpStatusCode)418);
        (await Control.GetOverridesAsync()).Single(o => o.Guid == added.Guid).Hits.Should().Be(1);
        added.Mapping["Request"]!["Path"]!.ToJsonString().Should().Contain(path);

        (await Control.RemoveOverrideAsync(added.Guid)).Should().BeTrue();
        (await Control.RemoveOverrideAsync(added.Guid)).Should().BeFalse();
        (await http.GetAsync(new Uri(Control.BaseAddress, path))).StatusCode.Should().NotBe((HttpStatusCode)418);
    }

    [Fact]
    public async Task Routes_list_every_vendor()
    {
        var routes = await Control.GetRoutesAsync();

        routes.Select(r => r.Vendor).Distinct().Should().BeEquivalentTo("botpress", "gitbook", "membrane");
        routes.Should().Contain(r => r.Vendor == "gitbook" && r.Method == "GET" && r.Route == "/gitbook/v1/user");
    }

    [Fact]
    public async Task Fixtures_load_into_one_tenant()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook) (await gitbook.GetAsync("v1/user")).EnsureSuccessStatusCode();

        var loaded = await Control.LoadFixturesAsync("""{"botpress":{"integrations":[{"integration":{"name":"client-weather","version":"1.0.0"}}]}}""", tenant);

        loaded.Should().Be(new FixtureLoadResult(["botpress"], tenant) { Vendors = loaded.Vendors });
        loaded.Vendors.Should().Equal("botpress");
    }

    [Fact]
    public async Task A_bad_fixture_set_is_refused_with_the_path_at_fault()
    {
        var refused = await Control.Invoking(c => c.LoadFixturesAsync("""{"nosuchvendor":{}}""")).Should().ThrowAsync<EmulatorControlException>();

        refused.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Which.ErrorMessage.Should().Contain("nosuchvendor");
    }
}
