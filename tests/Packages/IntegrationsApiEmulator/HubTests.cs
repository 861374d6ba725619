using System.Reflection;
using IntegrationsApiEmulator;
using Xunit;

public class HubTests
{
    [Fact]
    public async Task The_packaged_emulator_serves_the_botpress_hub_in_process()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var botpress = emulator.CreateBotpressClient();

        var body = await botpress.GetStringAsync("v1/admin/hub/integrations?limit=2");

        Assert.Contains("\"ownerWorkspace\"", body);
    }

    [Fact]
    public void The_referenced_assembly_is_the_packed_version()
    {
        var packed = Environment.GetEnvironmentVariable("EMULATOR_PACKAGE_VERSION");
        var built = typeof(IntegrationsEmulator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.False(string.IsNullOrEmpty(packed), "EMULATOR_PACKAGE_VERSION is not set (run tests/Packages/run.sh)");
        Assert.Equal(packed, built.Split('+')[0]);
    }
}
