using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.Hosting;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// The state file (<see cref="EmulatorOptions.StateFile"/>, <c>--state-file</c>): loaded at start, saved on
/// shutdown and on <c>POST /_emulator/state/save</c>, atomically — a process killed while saving leaves the
/// previous file or the new one, never a torn one (killed repeatedly while saving: Load/StateSaveKillTests).
/// </summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-state-").FullName;

    private string StateFile => Path.Combine(_directory, "state.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task State_survives_a_restart_with_the_same_state_file()
    {
        var options = EmulatorOptions.Default with { StateFile = StateFile };
        var token = IntegrationsEmulator.NewToken("bp_pat_");
        var name = UniqueName();
        string id;
        await using (var first = await IntegrationsEmulator.StartAsync(options))
        {
            using var botpress = first.CreateBotpressClient(token);
            id = IdOf(await CreateAsync(botpress, name));
            File.Exists(StateFile).Should().BeFalse("nothing is written before shutdown or a save");
        }
        File.Exists(StateFile).Should().BeTrue("disposing the emulator saves its state");
        Directory.GetFiles(_directory).Should().Equal([StateFile], "the temporary file was renamed over the state file");

        await using var second = await IntegrationsEmulator.StartAsync(options);
        using var again = second.CreateBotpressClient(token);
        Str((await GetIntegrationAsync(again, id))["name"]).Should().Be(name);
    }

    [Fact]
    public async Task Save_writes_the_snapshot_and_answers_204()
    {
        await using var emulator = await StartFrozenAsync(EmulatorOptions.Default with { StateFile = StateFile });
        using (var botpress = emulator.CreateBotpressClient()) await CreateAsync(botpress, UniqueName());
        using var control = emulator.CreateClient();

        (await control.PostAsync("_emulator/state/save", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        ShouldBeSameBytes(await File.ReadAllBytesAsync(StateFile), await GetStateAsync(emulator));
        emulator.SaveState();
        ShouldBeSameBytes(await File.ReadAllBytesAsync(StateFile), await GetStateAsync(emulator));
    }

    [Fact]
    public async Task Save_without_a_state_file_is_a_409()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var control = emulator.CreateClient();

        using var response = await control.PostAsync("_emulator/state/save", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>().Should().Contain("--state-file");
        emulator.Invoking(e => e.SaveState()).Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData("{\"version\":1,", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"version\":9,\"vendors\":{}}", "$.version")]
    public async Task An_invalid_state_file_stops_start_up_and_is_left_as_it_is(string content, string reason)
    {
        await File.WriteAllTextAsync(StateFile, content);

        var start = () => IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { StateFile = StateFile });

        (await start.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(StateFile).And.Contain(reason);
        (await File.ReadAllTextAsync(StateFile)).Should().Be(content);
    }

    [Fact]
    public async Task A_state_file_in_a_missing_directory_stops_start_up()
    {
        var missing = Path.Combine(_directory, "no-such-directory", "state.json");

        var start = () => IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { StateFile = missing });

        (await start.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(missing).And.Contain("directory does not exist");
    }
}
