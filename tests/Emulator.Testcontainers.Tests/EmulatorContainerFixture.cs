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

    public IntegrationsEmulatorContainer Container { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Container = EmulatorImage.NewBuilder()
            .WithSeed(Seed)
            .WithAdminToken(AdminToken)
            .WithFixtures(FixturesDirectory)
            .WithResponseValidation()
            .WithLogLevel(LogLevel.Warning)
            .Build();
        await Container.StartAsync();
    }

    public async Task DisposeAsync() => await Container.DisposeAsync();
}
