extern alias control;
extern alias fixtures;

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using control::IntegrationsApiEmulator.Client;
using fixtures::IntegrationsApiEmulator.Xunit;

namespace IntegrationsApiEmulator.Tests.XunitFixtures;

/// <summary>The xunit v2 class fixture: one emulator for the class, a fresh tenant per test, ready clients for the three vendors.</summary>
public sealed class FixtureTenantTests(IntegrationsEmulatorFixture fixture) : IClassFixture<IntegrationsEmulatorFixture>
{
    [Fact]
    public async Task Each_vendor_client_answers_as_the_tenant()
    {
        using var tenant = fixture.NewTenant();

        var hub = await tenant.Botpress.GetFromJsonAsync<JsonObject>("v1/admin/hub/integrations?limit=5");
        (await tenant.GitBook.GetAsync("v1/user")).EnsureSuccessStatusCode();
        (await tenant.Membrane.GetAsync("integrations")).EnsureSuccessStatusCode();

        hub!["integrations"]!.AsArray().Should().HaveCount(5);
        tenant.GetRequests().Select(r => r.Vendor).Should().Equal("membrane", "gitbook", "botpress");
        tenant.GetRequests("botpress").Should().ContainSingle().Which.Tenant.Should().Be(tenant.KeyFor("botpress"));
        tenant.Botpress.DefaultRequestHeaders.GetValues("x-workspace-id").Should().Equal(BotpressDefaults.WorkspaceId);
    }

    [Fact]
    public async Task Two_tenants_do_not_see_each_other()
    {
        using var first = fixture.NewTenant();
        using var second = fixture.NewTenant();
        first.LoadFixtures("""{"botpress":{"integrations":[{"integration":{"name":"only-first","version":"1.0.0"}}]}}""");

        var firstNames = await IntegrationNamesAsync(first);
        var secondNames = await IntegrationNamesAsync(second);

        first.BotpressToken.Should().NotBe(second.BotpressToken);
        firstNames.Should().Contain("only-first");
        secondNames.Should().NotContain("only-first");
        second.GetRequests().Should().OnlyContain(r => r.Tenant == second.KeyFor("botpress"));
    }

    [Fact]
    public async Task The_tenant_asserts_on_its_own_requests_only()
    {
        using var tenant = fixture.NewTenant();
        using var other = fixture.NewTenant();
        await other.GitBook.GetAsync("v1/user");

        await tenant.AssertReceivedAsync("gitbook", "GET", "/v1/user", times: Times.Never);
        await tenant.GitBook.GetAsync("v1/user");
        var received = await tenant.AssertReceivedAsync("gitbook", "GET", "/v1/user", status: 200, times: Times.Once);

        received.Single().Tenant.Should().Be(tenant.KeyFor("gitbook"));
    }

    [Fact]
    public async Task A_reset_puts_the_tenant_back_to_the_seed()
    {
        using var tenant = fixture.NewTenant();
        tenant.LoadFixtures("""{"botpress":{"integrations":[{"integration":{"name":"reset-me","version":"1.0.0"}}]}}""");
        (await IntegrationNamesAsync(tenant)).Should().Contain("reset-me");

        await tenant.ResetAsync();

        (await IntegrationNamesAsync(tenant)).Should().NotContain("reset-me");
    }

    [Fact]
    public void The_fixture_shares_the_emulator_and_its_control_client()
    {
        using var tenant = fixture.NewTenant();

        tenant.Emulator.Should().BeSameAs(fixture.Emulator);
        fixture.Control.BaseAddress.Should().Be(fixture.Emulator.BaseAddress);
        tenant.KeyFor("gitbook").Should().Be(IntegrationsEmulator.TenantKeyOf(tenant.GitBookToken));
        tenant.Invoking(t => t.TokenFor("nosuch")).Should().Throw<ArgumentException>().WithMessage("*nosuch*");
    }

    private static async Task<List<string>> IntegrationNamesAsync(EmulatorTenant tenant)
    {
        var page = await tenant.Botpress.GetFromJsonAsync<JsonObject>("v1/admin/integrations?limit=100");
        return [.. page!["integrations"]!.AsArray().Select(i => (string)i!["name"]!)];
    }
}
