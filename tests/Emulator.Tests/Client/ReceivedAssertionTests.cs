extern alias control;

using System.Text;
using control::IntegrationsApiEmulator.Client;

namespace IntegrationsApiEmulator.Tests.ControlClient;

/// <summary>Request assertions on the journal: what passes, what fails, and the failure message a reader sees.</summary>
public sealed class ReceivedAssertionTests(KestrelEmulatorFixture fixture) : IClassFixture<KestrelEmulatorFixture>
{
    private EmulatorControlClient Control => fixture.Control;

    [Fact]
    public async Task A_request_received_passes_and_is_returned()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook) await gitbook.GetAsync("v1/user");

        var received = await Control.AssertReceivedAsync("gitbook", "GET", "/v1/user", tenant: tenant, status: 200, times: Times.Once);

        received.Should().ContainSingle().Which.Path.Should().Be("/gitbook/v1/user");
    }

    [Fact]
    public async Task Body_contains_and_counts_narrow_the_match()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook)
        {
            await gitbook.PostAsync("v1/integrations/client-assert", new StringContent("""{"title":"alpha"}""", Encoding.UTF8, "application/json"));
            await gitbook.PostAsync("v1/integrations/client-assert", new StringContent("""{"title":"beta"}""", Encoding.UTF8, "application/json"));
        }

        (await Control.FindReceivedAsync("gitbook", "POST", "/v1/integrations/*", tenant: tenant)).Should().HaveCount(2);
        (await Control.FindReceivedAsync("gitbook", "POST", "/v1/integrations/*", tenant: tenant, bodyContains: "beta")).Should().ContainSingle();
        await Control.AssertReceivedAsync("gitbook", "POST", "/v1/integrations/*", tenant: tenant, times: Times.Exactly(2));
        await Control.AssertReceivedAsync("gitbook", "POST", "/v1/integrations/*", tenant: tenant, bodyContains: "gamma", times: Times.Never);
        await Control.Invoking(c => c.AssertReceivedAsync("gitbook", "POST", "/v1/integrations/*", tenant: tenant, times: Times.AtMost(1)))
            .Should().ThrowAsync<RequestAssertionException>().WithMessage("*at most 1 request*but it received 2.*Matching requests*");
    }

    [Fact]
    public async Task The_failure_message_lists_the_expectation_and_the_closest_requests()
    {
        var (gitbook, tenant) = fixture.NewGitBookTenant();
        using (gitbook)
        {
            await gitbook.GetAsync("v1/user");
            await gitbook.GetAsync("v1/orgs/acme/spaces");
        }

        var failure = await Control.Invoking(c => c.AssertReceivedAsync("gitbook", "POST", "/v1/orgs/*/spaces", tenant: tenant, status: 201))
            .Should().ThrowAsync<RequestAssertionException>();

        var lines = failure.Which.Message.Split('\n');
        lines[0].Should().Be("Expected gitbook to have received at least 1 request matching");
        lines[1].Should().Be($"    POST /v1/orgs/*/spaces  tenant {tenant}  status 201");
        lines[2].Should().Be("but it received 0.");
        lines[3].Should().StartWith("Closest gitbook requests received (of the latest ");
        // Closest first: same path shape, only method and status differ; then the other path.
        lines[4].Should().Be($"    GET    /gitbook/v1/orgs/acme/spaces → 404  tenant {tenant}   (differs: method, status)");
        lines.Should().Contain($"    GET    /gitbook/v1/user → 200  tenant {tenant}   (differs: method, path, status)");
        failure.Which.Matching.Should().BeEmpty();
        failure.Which.Closest[0].Path.Should().Be("/gitbook/v1/orgs/acme/spaces");
    }

    [Fact]
    public async Task A_vendor_without_requests_says_so()
    {
        await using var fresh = await IntegrationsEmulator.StartOnKestrelAsync();
        using var control = new EmulatorControlClient(fresh.BaseAddress);

        var failure = await control.Invoking(c => c.AssertReceivedAsync("membrane", "GET", "/integrations"))
            .Should().ThrowAsync<RequestAssertionException>();

        failure.Which.Message.Should().EndWith("but it received 0.\nThe journal holds no membrane request.");
    }
}
