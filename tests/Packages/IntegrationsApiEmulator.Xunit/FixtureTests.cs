using IntegrationsApiEmulator.Xunit;
using Xunit;

public sealed class FixtureTests(IntegrationsEmulatorFixture fixture) : IClassFixture<IntegrationsEmulatorFixture>
{
    [Fact]
    public async Task Each_test_gets_its_own_tenant_from_the_packaged_fixture()
    {
        using var first = fixture.NewTenant();
        using var second = fixture.NewTenant();

        (await first.GitBook.GetAsync("v1/user")).EnsureSuccessStatusCode();

        await first.AssertReceivedAsync("gitbook", "GET", "/v1/user", status: 200);
        Assert.Empty(second.GetRequests());
    }
}
