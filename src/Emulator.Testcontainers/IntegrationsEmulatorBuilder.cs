namespace IntegrationsApiEmulator.Testcontainers;

/// <summary>
/// Builds an <see cref="IntegrationsEmulatorContainer"/>: the emulator's image (built from the repository's
/// Dockerfile), port <see cref="HttpPort"/> on a random host port, ready once <see cref="HealthPath"/> answers 200.
/// Each <c>With…</c> option sets one of the server's <c>EMULATOR_*</c> environment variables.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = new IntegrationsEmulatorBuilder("integrations-api-emulator:latest").WithSeed(42).Build();
/// await emulator.StartAsync();
/// using var botpress = new HttpClient { BaseAddress = emulator.GetBotpressBaseAddress() };
/// </code>
/// </example>
public sealed class IntegrationsEmulatorBuilder
    : ContainerBuilder<IntegrationsEmulatorBuilder, IntegrationsEmulatorContainer, IntegrationsEmulatorConfiguration>
{
    /// <summary>The port the emulator listens on inside the container.</summary>
    public const ushort HttpPort = 8080;

    /// <summary>The health route the wait strategy polls until it answers 200.</summary>
    public const string HealthPath = "/_emulator/health";

    /// <summary>The directory inside the container that <see cref="WithFixtures"/> copies the fixture files to.</summary>
    public const string FixturesPath = "/fixtures";

    /// <summary>Creates a builder for the emulator's image.</summary>
    /// <param name="image">The image name and tag, e.g. <c>integrations-api-emulator:latest</c> (built with
    /// <c>docker build -t integrations-api-emulator .</c> in the repository; no registry holds it yet).</param>
    public IntegrationsEmulatorBuilder(string image)
        : this(new DockerImage(image))
    {
    }

    /// <summary>Creates a builder for the emulator's image.</summary>
    /// <param name="image">The image, e.g. one built with Testcontainers' <c>ImageFromDockerfileBuilder</c>.</param>
    public IntegrationsEmulatorBuilder(IImage image)
        : this(new IntegrationsEmulatorConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private IntegrationsEmulatorBuilder(IntegrationsEmulatorConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override IntegrationsEmulatorConfiguration DockerResourceConfiguration { get; }

    /// <summary>The seed of the generated data (<c>EMULATOR_SEED</c>): the same seed serves the same data.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithSeed(int seed) => WithSetting("EMULATOR_SEED", seed);

    /// <summary>
    /// No generated data (<c>EMULATOR_NO_SEED</c>): only the default workspace, user and organization, and what
    /// <see cref="WithFixtures"/> loads.
    /// </summary>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithoutSeedData() => WithEnvironment("EMULATOR_NO_SEED", "true");

    /// <summary>Scales each vendor's generated catalogue to <paramref name="count"/> entries (<c>EMULATOR_SEED_COUNT</c>).</summary>
    /// <param name="count">Entries per catalogue, 1 to 1,000,000.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithSeedCount(int count) => WithSetting("EMULATOR_SEED_COUNT", count);

    /// <summary>
    /// Requires <c>Authorization: Bearer <paramref name="token"/></c> on every <c>/_emulator</c> route but health
    /// (<c>EMULATOR_ADMIN_TOKEN</c>); the container's <see cref="IntegrationsEmulatorContainer.AdminToken"/> returns it.
    /// </summary>
    /// <param name="token">The admin token.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithAdminToken(string token) =>
        Merge(DockerResourceConfiguration, new IntegrationsEmulatorConfiguration(adminToken: token, fixturesDirectory: null))
            .WithEnvironment("EMULATOR_ADMIN_TOKEN", token);

    /// <summary>Vendor requests kept in the request journal (<c>EMULATOR_JOURNAL_SIZE</c>); 0 turns it off.</summary>
    /// <param name="size">The number of requests kept.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithJournalSize(int size) => WithSetting("EMULATOR_JOURNAL_SIZE", size);

    /// <summary>The minimum level of the server's log messages (<c>EMULATOR_LOG_LEVEL</c>).</summary>
    /// <param name="level">The minimum level.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithLogLevel(LogLevel level) => WithEnvironment("EMULATOR_LOG_LEVEL", level.ToString());

    /// <summary>Checks every response against the vendor schema; a mismatch answers 500 (<c>EMULATOR_VALIDATE_RESPONSES</c>).</summary>
    /// <param name="enabled">Whether responses are validated.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithResponseValidation(bool enabled = true) =>
        WithEnvironment("EMULATOR_VALIDATE_RESPONSES", enabled ? "true" : "false");

    /// <summary>The largest request body accepted; a larger one gets the vendor's 413 (<c>EMULATOR_MAX_BODY_BYTES</c>).</summary>
    /// <param name="bytes">The limit in bytes.</param>
    /// <returns>A configured builder.</returns>
    public IntegrationsEmulatorBuilder WithMaxRequestBodyBytes(long bytes) => WithSetting("EMULATOR_MAX_BODY_BYTES", bytes);

    /// <summary>
    /// Loads a fixture set (one JSON file per vendor, see the repository's fixtures/README.md) on top of the data:
    /// copies the files of <paramref name="hostDirectory"/> to <see cref="FixturesPath"/> before the container starts
    /// and sets <c>EMULATOR_FIXTURES</c>. A file the emulator refuses stops the container: <c>StartAsync</c> throws and
    /// <c>GetLogsAsync</c> gives the file, the JSON path and the reason.
    /// </summary>
    /// <param name="hostDirectory">A directory on the test host.</param>
    /// <returns>A configured builder.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public IntegrationsEmulatorBuilder WithFixtures(string hostDirectory)
    {
        var directory = new DirectoryInfo(hostDirectory);
        if (!directory.Exists)
            throw new DirectoryNotFoundException($"The fixture directory '{directory.FullName}' does not exist");
        return Merge(DockerResourceConfiguration, new IntegrationsEmulatorConfiguration(adminToken: null, fixturesDirectory: directory.FullName))
            .WithResourceMapping(DirectoryPath.Of(directory.FullName), DirectoryPath.Of(FixturesPath))
            .WithEnvironment("EMULATOR_FIXTURES", FixturesPath);
    }

    /// <inheritdoc />
    public override IntegrationsEmulatorContainer Build()
    {
        Validate();
        // The base configuration waits for the container to run; unless the user chose a wait strategy, wait for health.
        var builder = DockerResourceConfiguration.WaitStrategies.Count() > 1
            ? this
            : WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request =>
                request.ForPort(HttpPort).ForPath(HealthPath).ForStatusCode(HttpStatusCode.OK)));
        return new IntegrationsEmulatorContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override IntegrationsEmulatorBuilder Init() => base.Init().WithPortBinding(HttpPort, true);

    /// <inheritdoc />
    protected override IntegrationsEmulatorBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new IntegrationsEmulatorConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override IntegrationsEmulatorBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new IntegrationsEmulatorConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override IntegrationsEmulatorBuilder Merge(IntegrationsEmulatorConfiguration oldValue, IntegrationsEmulatorConfiguration newValue) =>
        new(new IntegrationsEmulatorConfiguration(oldValue, newValue));

    private IntegrationsEmulatorBuilder WithSetting(string variable, long value) =>
        WithEnvironment(variable, value.ToString(CultureInfo.InvariantCulture));
}
