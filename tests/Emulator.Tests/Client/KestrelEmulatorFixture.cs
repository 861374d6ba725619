extern alias control;

using control::IntegrationsApiEmulator.Client;

namespace IntegrationsApiEmulator.Tests.ControlClient;

/// <summary>
/// An emulator on Kestrel (a real socket, as a container or the dotnet tool would be) and a control client for it.
/// Tests that change emulator-wide state (faults, overrides, clock) undo what they added.
/// </summary>
public sealed class KestrelEmulatorFixture : IAsyncLifetime
{
    public IntegrationsEmulator Emulator { get; private set; } = null!;

    public EmulatorControlClient Control { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await IntegrationsEmulator.StartOnKestrelAsync();
        Control = new EmulatorControlClient(Emulator.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>A fresh tenant's GitBook client over the socket, and its tenant key.</summary>
    public (HttpClient Client, string Tenant) NewGitBookTenant()
    {
        var token = EmulatorCredentials.NewToken("gitbook");
        var client = new HttpClient { BaseAddress = Control.VendorBaseAddress("gitbook") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (client, EmulatorCredentials.TenantKeyOf(token));
    }
}
