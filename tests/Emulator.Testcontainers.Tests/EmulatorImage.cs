using DotNet.Testcontainers.Builders;
using IntegrationsApiEmulator.Testcontainers;

namespace IntegrationsApiEmulator.Testcontainers.Tests;

/// <summary>
/// The image under test and the run's label: <c>EMULATOR_IMAGE</c> names the image scripts/container-test.sh built,
/// <c>EMULATOR_CI_RUN</c> labels every container so the script's trap removes whatever a crashed run left behind.
/// </summary>
internal static class EmulatorImage
{
    public const string RunLabel = "org.integrations-api-emulator.ci-run";

    public static string Name => Environment.GetEnvironmentVariable("EMULATOR_IMAGE") is { Length: > 0 } image
        ? image
        : throw new InvalidOperationException("Set EMULATOR_IMAGE to the emulator's image (scripts/container-test.sh does)");

    /// <summary>A builder for the image under test, labelled with this run.</summary>
    public static IntegrationsEmulatorBuilder NewBuilder() =>
        new IntegrationsEmulatorBuilder(Name).WithLabel(RunLabel, Environment.GetEnvironmentVariable("EMULATOR_CI_RUN") ?? "local");

    /// <summary>A fresh credential: a tenant nobody else uses.</summary>
    public static string Fresh(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>The repository's directory (the one holding Emulator.sln).</summary>
    public static string RepositoryRoot { get; } = CommonDirectoryPath.GetSolutionDirectory().DirectoryPath;
}
