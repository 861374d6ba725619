using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Tests.Hosting;
using Xunit.Abstractions;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Load;

/// <summary>
/// <c>kill -9</c> of the server executable while it saves its state file, repeated: every restart loads the last
/// completed save. A writer creates integration n, then saves, in a loop; the server is killed at a random moment
/// (mostly inside a save, which is most of the loop's time). The next start must list exactly the integrations
/// 0..k with k the last one whose save was acknowledged, or the next one (its save had completed, its answer
/// was lost with the process): never a torn file, never an older save, never a hole.
/// </summary>
public sealed class StateSaveKillTests(ITestOutputHelper output) : IDisposable
{
    private const string Workspace = "wkspace_killtest";
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-kill-").FullName;

    private string StateFile => Path.Combine(_directory, "state.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_restart_after_a_kill_during_saves_loads_the_last_completed_save()
    {
        var random = new Random(20251205);
        var token = IntegrationsEmulator.NewToken("bp_pat_");
        var next = 0;           // the next integration number to create
        var acknowledged = -1;  // the last integration whose save answered 204
        for (var round = 0; round < 8; round++)
        {
            using var server = ServerProcess.Start(["--state-file", StateFile]);
            using var http = new HttpClient { BaseAddress = await server.RootAsync(), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            http.DefaultRequestHeaders.Add("x-workspace-id", Workspace);

            var names = (await ListAllAsync(http, "botpress/" + Integrations + "?limit=100")).Select(i => Str(i["name"])).ToList();
            var loaded = names.Select(n => int.Parse(n["kill-".Length..])).Order().ToList();
            loaded.Should().Equal(Enumerable.Range(0, loaded.Count), $"round {round}: the loaded save holds integrations 0..k without a hole");
            (loaded.Count - 1).Should().BeInRange(acknowledged, acknowledged + 1,
                $"round {round}: the last acknowledged save was of integration {acknowledged}; only the save in flight at the kill may be newer");
            Directory.GetFiles(_directory).Should().Equal(round == 0 ? [] : [StateFile], "start-up removes a temporary file left by the kill");
            next = loaded.Count;
            output.WriteLine($"round {round}: loaded {loaded.Count} integrations (last acknowledged save: {acknowledged + 1})");

            using var stop = new CancellationTokenSource();
            var firstSave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using (var created = await http.PostJsonAsync("botpress/" + Integrations, Body($"kill-{next}"), stop.Token))
                            created.StatusCode.Should().Be(HttpStatusCode.OK);
                        using var saved = await http.PostAsync("_emulator/state/save", null, stop.Token);
                        saved.StatusCode.Should().Be(HttpStatusCode.NoContent);
                        acknowledged = next++;
                        firstSave.TrySetResult();
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return;
                    }
                }
            });
            await firstSave.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(random.Next(0, 300));

            server.Kill();
            await stop.CancelAsync();
            await writer;
        }
        acknowledged.Should().BeGreaterThanOrEqualTo(8, "every round saved at least once before its kill");
    }
}

file static class Requests
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body, CancellationToken cancellation) =>
        client.PostAsync(url, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), cancellation);
}
