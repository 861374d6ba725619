using System.Net.Http.Headers;
using IntegrationsApiEmulator;
using IntegrationsApiEmulator.Client;
using Xunit;

public class ControlClientTests
{
    [Fact]
    public async Task The_packaged_client_steers_and_verifies_a_running_emulator()
    {
        await using var emulator = await IntegrationsEmulator.StartOnKestrelAsync();
        using var control = new EmulatorControlClient(emulator.BaseAddress);
        await control.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        var token = EmulatorCredentials.NewToken("membrane");
        using var membrane = new HttpClient { BaseAddress = control.VendorBaseAddress("membrane") };
        membrane.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await membrane.GetAsync("integrations")).EnsureSuccessStatusCode();

        await control.AssertReceivedAsync("membrane", "GET", "/integrations", tenant: EmulatorCredentials.TenantKeyOf(token), status: 200, times: Times.Once);
        await Assert.ThrowsAsync<RequestAssertionException>(() => control.AssertReceivedAsync("membrane", "DELETE", "/integrations/*"));
    }
}
