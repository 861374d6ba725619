using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests;

/// <summary>
/// One in-process emulator shared by the tests of a class (or a collection). Tests stay independent by
/// using a fresh credential each (<see cref="IntegrationsEmulator.NewToken"/>): a new, freshly seeded tenant.
/// Response self-validation is on, so every 2xx body a test receives matched its schema.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public IntegrationsEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await IntegrationsEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
