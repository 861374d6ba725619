using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>listIntegrationEvents and getIntegrationEvent (without development mode).</summary>
public sealed class EventTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Install_records_an_installation_setup_event_with_a_trace()
    {
        using var gitbook = Client(fixture.Emulator);
        var name = UniqueName();
        await PublishAsync(gitbook, name);
        (await EventsAsync(gitbook, name)).Should().BeEmpty("publishing raises no event");

        var installation = await InstallAsync(gitbook, name);
        var id = Str(installation["id"]);

        var events = await EventsAsync(gitbook, name);
        var setup = events.Should().ContainSingle().Subject;
        Str(setup["integrationId"]).Should().Be(name);
        Str(setup["installationId"]).Should().Be(id);
        Str(setup["status"]).Should().Be("success");
        var payload = setup["payload"]!.AsObject();
        Str(payload["type"]).Should().Be("installation_setup");
        Str(payload["installationId"]).Should().Be(id);
        Str(payload["status"]).Should().Be("active");
        Str(payload["eventId"]).Should().Be(Str(setup["id"]));
        DateTimeOffset.Parse(Str(setup["createdAt"])).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var single = await gitbook.GetAsync($"v1/integrations/{name}/events/{Str(setup["id"])}").OkJsonAsync();
        single["event"]!.ToJsonString().Should().Be(setup.ToJsonString());
        var logs = single["trace"]!["logs"]!.AsArray();
        logs.Should().NotBeEmpty();
        Str(logs[0]!["message"]).Should().Contain("development mode");
        Str(logs[0]!["level"]).Should().Be("info");
    }

    [Fact]
    public async Task Events_are_listed_newest_first_across_the_installation_life()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        await InstallOnSpaceAsync(gitbook, name, id, DocsSpace);
        await InstallOnSiteAsync(gitbook, name, id, DocsSite);
        await gitbook.PatchJsonAsync($"v1/integrations/{name}/installations/{id}", new JsonObject { ["configuration"] = new JsonObject { ["x"] = 1 } }).OkJsonAsync();
        await gitbook.DeleteAsync($"v1/integrations/{name}/installations/{id}").ShouldBeEmptyAsync(HttpStatusCode.ResetContent);

        var events = await ListAllAsync(gitbook, $"v1/integrations/{name}/events?limit=2");

        events.Select(e => Str(e["payload"]!["type"])).Should().Equal(
            "installation_deleted", "site_installation_deleted", "space_installation_deleted",
            "installation_setup", "site_installation_setup", "space_installation_setup", "installation_setup");
        events.Select(e => Str(e["id"])).Should().OnlyHaveUniqueItems();
        events.Should().OnlyContain(e => Str(e["installationId"]) == id);
        events.Select(e => DateTimeOffset.Parse(Str(e["createdAt"]))).Should().BeInDescendingOrder();
        var deleted = events[0]["payload"]!.AsObject();
        deleted["previous"]!["configuration"]!.ToJsonString().Should().Be("{\"x\":1}");
        Str(events[1]["payload"]!["siteId"]).Should().Be(DocsSite);
        Str(events[2]["payload"]!["spaceId"]).Should().Be(DocsSpace);
        Str(events[3]["payload"]!["previous"]!["status"]).Should().Be("active");

        var first = await gitbook.GetAsync($"v1/integrations/{name}/events?limit=3").OkJsonAsync();
        first["count"]!.GetValue<int>().Should().Be(7);
        Items(first).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_newest_first_walk_while_events_keep_coming_sees_every_older_event_once()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, id) = await PublishAndInstallAsync(gitbook);
        var url = $"v1/integrations/{name}/installations/{id}";
        for (var i = 0; i < 8; i++) await gitbook.PatchJsonAsync(url, new JsonObject { ["configuration"] = new JsonObject { ["i"] = i } }).OkJsonAsync();
        var before = (await EventsAsync(gitbook, name)).Select(e => Str(e["id"])).ToList();
        before.Should().HaveCount(9);

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            using var other = Client(fixture.Emulator, TokenOf(gitbook));
            for (var i = 0; i < 20 && !stop.IsCancellationRequested; i++)
                await other.PatchJsonAsync(url, new JsonObject { ["configuration"] = new JsonObject { ["later"] = i } }).OkJsonAsync();
        });
        var seen = await ListAllAsync(gitbook, $"v1/integrations/{name}/events?limit=2");
        await stop.CancelAsync();
        await writer;

        // Events the writer added before the walk's first page are newest, so they lead; every older one comes once, in order.
        var ids = seen.Select(e => Str(e["id"])).ToList();
        ids.Should().OnlyHaveUniqueItems().And.EndWith(before, "every event older than the walk's first page comes exactly once");
        ids.Take(ids.Count - before.Count).Should().NotIntersectWith(before, "what leads the walk is newer than its first page");
    }

    [Fact]
    public async Task The_seeded_installations_have_their_setup_events()
    {
        using var gitbook = Client(fixture.Emulator);

        var slack = await EventsAsync(gitbook, "slack");
        slack.Select(e => Str(e["payload"]!["type"])).Should().Equal("space_installation_setup", "installation_setup");
        var google = await EventsAsync(gitbook, "google-analytics");
        Str(google[0]["payload"]!["siteId"]).Should().Be(DocsSite);
        (await EventsAsync(gitbook, "jira")).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_events_and_integrations_are_404()
    {
        using var gitbook = Client(fixture.Emulator);
        var (name, _) = await PublishAndInstallAsync(gitbook);
        var slackEvent = Str((await EventsAsync(gitbook, "slack"))[0]["id"]);

        await gitbook.GetAsync($"v1/integrations/{name}/events/evt_nope").ShouldFailAsync(HttpStatusCode.NotFound, "evt_nope");
        await gitbook.GetAsync($"v1/integrations/{name}/events/{slackEvent}").ShouldFailAsync(HttpStatusCode.NotFound, slackEvent);
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/events").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/integrations/{UniqueName()}/events/{slackEvent}").ShouldFailAsync(HttpStatusCode.NotFound);
        await gitbook.GetAsync($"v1/integrations/{name}/events?limit=1001").ShouldFailAsync(HttpStatusCode.BadRequest, "limit");
        await gitbook.GetAsync($"v1/integrations/{name}/events?page=forged").ShouldFailAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Events_of_one_tenant_are_not_visible_in_another()
    {
        using var first = Client(fixture.Emulator);
        using var second = Client(fixture.Emulator);
        var slack = Str(Items(await first.GetAsync("v1/integrations/slack/installations").OkJsonAsync()).Single()["id"]);
        await first.PatchJsonAsync($"v1/integrations/slack/installations/{slack}", new JsonObject { ["configuration"] = new JsonObject { ["channel"] = "#other" } }).OkJsonAsync();

        (await EventsAsync(first, "slack")).Should().HaveCount(3);
        (await EventsAsync(second, "slack")).Should().HaveCount(2);
    }
}
