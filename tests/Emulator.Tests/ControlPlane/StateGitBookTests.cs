using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// GitBook state through a snapshot: published integrations, organization, space and site installations,
/// events, development mode, installation tokens and pending tasks (re-armed on the clock after import).
/// </summary>
public sealed class StateGitBookTests
{
    [Fact]
    public async Task GitBook_writes_survive_export_import_export_byte_for_byte_and_serve_from_a_fresh_emulator()
    {
        await using var emulator = await StartFrozenAsync();
        using var gitbook = Client(emulator);
        var (name, installationId) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, installationId, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, installationId, DocsSite);
        var token = await MintTokenAsync(gitbook, name, installationId);
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = "http://127.0.0.1:9/tunnel", ["all"] = false })
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var scheduled = UniqueName();
        await PublishAsync(gitbook, scheduled);
        await gitbook.PostJsonAsync($"v1/integrations/{scheduled}/tasks", new JsonObject { ["task"] = new JsonObject { ["kind"] = "sync" }, ["schedule"] = 3600 })
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var events = await EventsAsync(gitbook, name);

        var snapshot = await RoundTripAsync(emulator);

        var tenant = TenantOf(snapshot, "gitbook", TokenOf(gitbook));
        tenant["pendingTasks"]!.AsObject().Should().ContainSingle();
        tenant["installationTokens"]!.AsObject()[token]!.GetValue<string>().Should().Be(installationId);
        tenant["developmentModes"]!.AsObject().ContainsKey(name).Should().BeTrue();
        tenant["contentInstallations"]!.AsArray().Count(c => Str(c!["integrationName"]) == name).Should().Be(2);

        await using var fresh = await StartFrozenAsync();
        await ImportAsync(fresh, snapshot);
        ShouldBeSameBytes(await GetStateAsync(fresh), snapshot);

        using var again = Client(fresh, TokenOf(gitbook));
        (await EventsAsync(again, name)).Select(e => Str(e["id"])).Should().Equal(events.Select(e => Str(e["id"])));
        using var asInstallation = Client(fresh, token);
        Str((await asInstallation.GetAsync($"v1/integrations/{name}/installations/{installationId}").OkJsonAsync())["id"]).Should().Be(installationId);
        (await asInstallation.GetAsync($"v1/integrations/{name}/installations/{installationId}/spaces").OkJsonAsync())["items"]!.AsArray().Should().ContainSingle();

        // The imported pending task waits on the fresh emulator's clock.
        (await EventsAsync(again, scheduled)).Should().NotContain(e => Str(e["payload"]!["type"]) == "task");
        fresh.Clock.Advance(TimeSpan.FromMinutes(61));
        (await EventuallyAsync(async () => (await EventsAsync(again, scheduled)).Any(e => Str(e["payload"]!["type"]) == "task")))
            .Should().BeTrue("the re-armed task fires when the clock passes its time");
    }
}
