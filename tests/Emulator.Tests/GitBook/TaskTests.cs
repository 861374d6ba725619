using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.Time.Testing;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>
/// queueIntegrationTask on an emulator whose clock is a <see cref="FakeTimeProvider"/>: a task becomes a
/// <c>task</c> event when the clock reaches its schedule (and goes to the tunnel in development mode).
/// Each test starts its own emulator, so no test moves another's clock.
/// </summary>
public sealed class TaskTests(EmulatorFixture fixture, Tunnel tunnel) : IClassFixture<EmulatorFixture>, IClassFixture<Tunnel>
{
    private static readonly DateTimeOffset Start = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private sealed record Clocked(IntegrationsEmulator Emulator, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }

    private static async Task<Clocked> StartWithFakeClockAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Clock = clock });
        return new Clocked(emulator, clock);
    }

    private static async Task<List<JsonObject>> TaskEventsAsync(HttpClient gitbook, string name) =>
        [.. (await EventsAsync(gitbook, name)).Where(e => Str(e["payload"]!["type"]) == "task")];

    private static Task QueueAsync(HttpClient gitbook, string name, JsonObject body) =>
        gitbook.PostJsonAsync($"v1/integrations/{name}/tasks", body).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

    [Fact]
    public async Task A_task_scheduled_in_an_hour_fires_when_the_clock_passes_the_hour()
    {
        await using var run = await StartWithFakeClockAsync();
        var (emulator, clock) = (run.Emulator, run.Clock);
        using var gitbook = Client(emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject { ["kind"] = "sync", ["page"] = 2 }, ["schedule"] = 3600 });

        (await TaskEventsAsync(gitbook, name)).Should().BeEmpty("the task is an hour away");
        clock.Advance(TimeSpan.FromMinutes(59));
        (await TaskEventsAsync(gitbook, name)).Should().BeEmpty("59 minutes is not an hour");

        clock.Advance(TimeSpan.FromMinutes(2));

        (await EventuallyAsync(async () => (await TaskEventsAsync(gitbook, name)).Count == 1)).Should().BeTrue("the task is due");
        var fired = (await TaskEventsAsync(gitbook, name)).Single();
        fired["payload"]!["task"]!.ToJsonString().Should().Be("{\"kind\":\"sync\",\"page\":2}");
        Str(fired["payload"]!["eventId"]).Should().Be(Str(fired["id"]));
        Str(fired["status"]).Should().Be("success");
        fired.ContainsKey("installationId").Should().BeFalse();
        // Stamped on the emulator's clock when the timer ran: FakeTimeProvider.Advance moves the clock to its end, then runs due timers.
        DateTimeOffset.Parse(Str(fired["createdAt"])).Should().BeOnOrAfter(Start.AddHours(1)).And.BeOnOrBefore(Start.AddMinutes(61));

        clock.Advance(TimeSpan.FromHours(2));
        (await TaskEventsAsync(gitbook, name)).Should().HaveCount(1, "a task fires once");
    }

    [Fact]
    public async Task A_scheduled_task_reaches_the_tunnel_when_it_fires()
    {
        await using var run = await StartWithFakeClockAsync();
        var (emulator, clock) = (run.Emulator, run.Clock);
        using var gitbook = Client(emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject { ["job"] = "nightly" }, ["schedule"] = 3600 });
        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100);
        tunnel.Received(url).Should().BeEmpty();

        clock.Advance(TimeSpan.FromMinutes(2));

        (await EventuallyAsync(() => tunnel.Received(url).Count == 1)).Should().BeTrue("the due task is delivered in the background");
        var sent = tunnel.Bodies(url).Single();
        Str(sent["type"]).Should().Be("task");
        Str(sent["task"]!["job"]).Should().Be("nightly");
        (await EventuallyAsync(async () => (await TaskEventsAsync(gitbook, name)).SingleOrDefault() is { } e && Str(e["status"]) == "success")).Should().BeTrue();
        Str((await TaskEventsAsync(gitbook, name)).Single()["id"]).Should().Be(Str(sent["eventId"]));
    }

    [Fact]
    public async Task Schedule_zero_or_absent_fires_at_once()
    {
        await using var run = await StartWithFakeClockAsync();
        var emulator = run.Emulator;
        using var gitbook = Client(emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        var url = tunnel.Route();
        await gitbook.PutJsonAsync($"v1/integrations/{name}/dev", new JsonObject { ["tunnelUrl"] = url }).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject { ["n"] = 1 }, ["schedule"] = 0 });
        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject { ["n"] = 2 } });

        var events = await TaskEventsAsync(gitbook, name);
        events.Select(e => e["payload"]!["task"]!["n"]!.GetValue<int>()).Should().Equal(2, 1);
        events.Should().OnlyContain(e => DateTimeOffset.Parse(Str(e["createdAt"])) == Start);
        tunnel.Bodies(url).Select(b => b["task"]!["n"]!.GetValue<int>()).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Tasks_fire_in_schedule_order_and_the_maximum_schedule_is_accepted()
    {
        await using var run = await StartWithFakeClockAsync();
        var (emulator, clock) = (run.Emulator, run.Clock);
        using var gitbook = Client(emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject { ["n"] = "day" }, ["schedule"] = 86400 });
        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject { ["n"] = "minute" }, ["schedule"] = 60 });

        clock.Advance(TimeSpan.FromMinutes(1));
        (await EventuallyAsync(async () => (await TaskEventsAsync(gitbook, name)).Count == 1)).Should().BeTrue();
        clock.Advance(TimeSpan.FromDays(1));
        (await EventuallyAsync(async () => (await TaskEventsAsync(gitbook, name)).Count == 2)).Should().BeTrue();
        (await TaskEventsAsync(gitbook, name)).Select(e => Str(e["payload"]!["task"]!["n"])).Should().Equal("day", "minute");
    }

    [Fact]
    public async Task Unpublishing_drops_the_pending_tasks()
    {
        await using var run = await StartWithFakeClockAsync();
        var (emulator, clock) = (run.Emulator, run.Clock);
        using var gitbook = Client(emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        await QueueAsync(gitbook, name, new JsonObject { ["task"] = new JsonObject(), ["schedule"] = 60 });

        await gitbook.DeleteAsync($"v1/integrations/{name}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);
        await PublishAsync(gitbook, name);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50);

        (await TaskEventsAsync(gitbook, name)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("{\"task\":{},\"schedule\":86401}", "schedule")]
    [InlineData("{\"task\":{},\"schedule\":-1}", "schedule")]
    [InlineData("{\"task\":{},\"schedule\":\"soon\"}", "schedule")]
    [InlineData("{\"schedule\":10}", "task")]
    [InlineData("{\"task\":\"do it\"}", "task")]
    public async Task The_task_body_is_validated(string body, string field)
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);

        await gitbook.PostJsonAsync($"v1/integrations/{name}/tasks", JsonNode.Parse(body)!).ShouldFailAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Tasks_of_an_unknown_integration_are_404_and_an_installation_token_may_queue_for_its_own()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        using var installation = Client(fixture.Emulator, await MintTokenAsync(gitbook, name, id));

        await gitbook.PostJsonAsync($"v1/integrations/{UniqueName()}/tasks", new JsonObject { ["task"] = new JsonObject() }).ShouldFailAsync(HttpStatusCode.NotFound);
        await QueueAsync(installation, name, new JsonObject { ["task"] = new JsonObject { ["from"] = "installation" } });

        (await TaskEventsAsync(gitbook, name)).Should().ContainSingle();
    }
}
