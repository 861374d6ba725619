namespace IntegrationsApiEmulator.Testcontainers;

/// <summary>
/// The configuration of an <see cref="IntegrationsEmulatorContainer"/>: the container settings of
/// <see cref="ContainerConfiguration"/> plus what the emulator's clients need to know about it.
/// </summary>
public sealed class IntegrationsEmulatorConfiguration : ContainerConfiguration
{
    /// <summary>Creates an empty configuration.</summary>
    public IntegrationsEmulatorConfiguration()
    {
    }

    /// <summary>Creates a configuration that carries only the emulator's own settings.</summary>
    /// <param name="adminToken">The admin token the control plane requires (<c>EMULATOR_ADMIN_TOKEN</c>), or null.</param>
    /// <param name="fixturesDirectory">The host directory whose fixture files the container loads, or null.</param>
    public IntegrationsEmulatorConfiguration(string? adminToken, string? fixturesDirectory)
    {
        AdminToken = adminToken;
        FixturesDirectory = fixturesDirectory;
    }

    /// <summary>Creates a configuration from a Docker resource configuration (an immutable copy).</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public IntegrationsEmulatorConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Creates a configuration from a container configuration (an immutable copy).</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public IntegrationsEmulatorConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Creates a copy of another emulator configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public IntegrationsEmulatorConfiguration(IntegrationsEmulatorConfiguration resourceConfiguration)
        : this(new IntegrationsEmulatorConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations: a value set in <paramref name="newValue"/> wins.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The settings to apply on top.</param>
    public IntegrationsEmulatorConfiguration(IntegrationsEmulatorConfiguration oldValue, IntegrationsEmulatorConfiguration newValue)
        : base(oldValue, newValue)
    {
        AdminToken = BuildConfiguration.Combine(oldValue.AdminToken, newValue.AdminToken);
        FixturesDirectory = BuildConfiguration.Combine(oldValue.FixturesDirectory, newValue.FixturesDirectory);
    }

    /// <summary>The admin token every <c>/_emulator</c> route but health requires, or null when there is none.</summary>
    public string? AdminToken { get; }

    /// <summary>The host directory copied into the container and loaded as fixtures, or null.</summary>
    public string? FixturesDirectory { get; }
}
