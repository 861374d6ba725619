namespace IntegrationsApiEmulator.Testcontainers.Tests;

/// <summary>A container of its own: options that change the data, and what disposing leaves behind.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task WithoutSeedData_serves_an_empty_hub_and_disposing_removes_the_container()
    {
        var container = EmulatorImage.NewBuilder().WithoutSeedData().WithJournalSize(0).Build();
        string id;
        try
        {
            await container.StartAsync();
            id = container.Id;
            (await DockerApi.ContainerExistsAsync(id)).Should().BeTrue();
            using var botpress = VendorClients.On(container.GetBotpressBaseAddress(), EmulatorImage.Fresh("bp_pat_"));
            using var gitbook = VendorClients.On(container.GetGitBookBaseAddress(), EmulatorImage.Fresh("gb_"));

            var hub = await botpress.GetJsonAsync("v1/admin/hub/integrations");
            var notifier = await gitbook.GetAsync("v1/integrations/docs-notifier");

            hub["integrations"]!.AsArray().Should().BeEmpty();
            notifier.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "no fixtures were given");
        }
        finally
        {
            await container.DisposeAsync();
        }

        (await DockerApi.ContainerExistsAsync(id)).Should().BeFalse();
    }

    [Fact]
    public async Task A_fixture_the_emulator_refuses_fails_StartAsync_with_the_reason()
    {
        var directory = Directory.CreateTempSubdirectory("emulator-fixtures-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "botpress.json"),
            """{"integrations":[{"integration":{"name":"acme/broken","version":"1.0"}}]}""");
        var container = EmulatorImage.NewBuilder().WithFixtures(directory.FullName).Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var error = await Record.ExceptionAsync(() => container.StartAsync(timeout.Token));

            error.Should().NotBeNull().And.NotBeAssignableTo<OperationCanceledException>("the exit must be noticed, not waited out");
            var (stdout, stderr) = await container.GetLogsAsync();
            (stdout + stderr).Should().Contain("Fixture /fixtures/botpress.json is refused").And.Contain("\"1.0\" is not a semantic version");
        }
        finally
        {
            await container.DisposeAsync();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void WithFixtures_refuses_a_directory_that_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), EmulatorImage.Fresh("no-fixtures-"));

        var act = () => EmulatorImage.NewBuilder().WithFixtures(missing);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"*{missing}*");
    }
}
