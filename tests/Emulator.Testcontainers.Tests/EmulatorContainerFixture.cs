using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.Testcontainers.Tests;

/// <summary>
/// One emulator container for the tests of <see cref="ContainerTests"/>, started with a seed, an admin token,
/// the repository's default fixture set and response validation, and removed at the end.
/// </summary>
public sealed class EmulatorContainerFixture : IAsyncLifetime
{
    public const int Seed = 4242;

    public string AdminToken { get; } = EmulatorImage.Fresh("admin_");

    public static string FixturesDirectory { get; } = Path.Combine(EmulatorImage.RepositoryRoot, "fixtures", "default");

    private IntegrationsEmulatorContainer? _container;

    public IntegrationsEmulatorContainer Container => _container ?? throw new InvalidOperationException("The container was not built");

    public async Task InitializeAsync()
    {
        _container = EmulatorImage.NewBuilder()
            .WithSeed(Seed)
            .WithAdminToken(AdminToken)
            .WithFixtures(FixturesDirectory)
            .WithResponseValidation()
            .WithLogLevel(LogLevel.Warning)
            .Build();
        await _container.StartAsync();
    }

    // Runs even when StartAsync failed, so a container that never became healthy is removed too.
    public async Task DisposeAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
    }
}
