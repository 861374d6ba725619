using IntegrationsApiEmulator.Xunit;
using Xunit;

[assembly: AssemblyFixture(typeof(IntegrationsEmulatorFixture))]

public sealed class AssemblyFixtureTests(IntegrationsEmulatorFixture fixture)
{
    [Fact]
    public async Task The_packaged_v3_fixture_serves_the_botpress_hub()
    {
        using var tenant = fixture.NewTenant();

        var response = await tenant.Botpress.GetAsync("v1/admin/hub/integrations?limit=5", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Single(tenant.GetRequests());
    }
}
