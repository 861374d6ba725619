using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;
using Bp = IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;
using Gb = IntegrationsApiEmulator.Tests.GitBook.GitBookTestKit;

namespace IntegrationsApiEmulator.Tests.Load;

/// <summary>
/// Many writers in one tenant at once, over real HTTP (Kestrel on a loopback port, in process): 1,000 parallel
/// creates per vendor give exactly 1,000 new entities with distinct ids, each listed once; 200 parallel updates
/// of one entity leave it equal to one of the writes, and <c>updatedAt</c> never goes back.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Creates = 1000;
    private const int Updates = 200;

    private IntegrationsEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await IntegrationsEmulator.StartOnKestrelAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    /// <summary>A client like the emulator's own for <paramref name="prototype"/>'s vendor and headers, on a pool of 64 connections (all 1,000 requests are in flight at once; they queue on the pool).</summary>
    private static HttpClient Pooled(HttpClient prototype)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = prototype.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var (name, values) in prototype.DefaultRequestHeaders) client.DefaultRequestHeaders.TryAddWithoutValidation(name, values);
        prototype.Dispose();
        return client;
    }

    private static async Task<List<T>> InParallel<T>(int count, Func<int, Task<T>> call) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => call(i))))];

    [Fact]
    public async Task Botpress_1000_parallel_creates_in_one_workspace_make_1000_distinct_integrations()
    {
        using var botpress = Pooled(_emulator.CreateBotpressClient(workspaceId: Bp.NewWorkspaceId()));
        var before = await Bp.ListAllAsync(botpress, Bp.Integrations);

        var created = await InParallel(Creates, i => Bp.CreateAsync(botpress, $"load-{i:D4}"));

        var ids = created.Select(IdOf).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(Creates);
        var listed = (await Bp.ListAllAsync(botpress, Bp.Integrations)).Select(IdOf).ToList();
        listed.Should().OnlyHaveUniqueItems("a list walk returns every integration once");
        listed.Except(before.Select(IdOf)).Should().BeEquivalentTo(ids, "exactly the 1,000 created are new");
        listed.Should().HaveCount(before.Count + Creates);
    }

    [Fact]
    public async Task GitBook_1000_parallel_publishes_in_one_organization_make_1000_distinct_integrations()
    {
        using var gitbook = Pooled(_emulator.CreateGitBookClient());
        var url = $"v1/orgs/{Gb.Home}/integrations?limit=100";
        var before = Gb.Names(await Gb.ListAllAsync(gitbook, url));
        var prefix = "load" + Guid.NewGuid().ToString("N")[..6];

        var published = await InParallel(Creates, i => Gb.PublishAsync(gitbook, $"{prefix}-{i:D4}"));

        published.Select(p => p["version"]!.GetValue<int>()).Should().OnlyContain(v => v == 1);
        var names = Gb.Names(published);
        names.Should().OnlyHaveUniqueItems().And.HaveCount(Creates);
        var listed = Gb.Names(await Gb.ListAllAsync(gitbook, url));
        listed.Should().OnlyHaveUniqueItems("a list walk returns every integration once");
        listed.Except(before).Should().BeEquivalentTo(names, "exactly the 1,000 published are new");
        listed.Should().HaveCount(before.Count + Creates);
    }

    [Fact]
    public async Task Membrane_1000_parallel_creates_in_one_workspace_make_1000_distinct_integrations()
    {
        using var membrane = Pooled(_emulator.CreateMembraneClient());
        var (before, _) = await FindAllAsync(membrane);

        var created = await InParallel(Creates, i => membrane.CreateUniqueAsync($"load{i:D4}"));

        var ids = created.Select(IdOf).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(Creates);
        var listed = (await WalkAsync(membrane, Integrations, limit: 100)).Select(IdOf).ToList();
        listed.Should().OnlyHaveUniqueItems("a cursor walk returns every integration once");
        listed.Except(before.Select(IdOf)).Should().BeEquivalentTo(ids, "exactly the 1,000 created are new");
        listed.Should().HaveCount(before.Count + Creates);
    }

    [Fact]
    public async Task Botpress_200_parallel_updates_of_one_integration_end_in_one_of_the_writes_and_updatedAt_never_goes_back()
    {
        using var botpress = Pooled(_emulator.CreateBotpressClient(workspaceId: Bp.NewWorkspaceId()));
        var id = IdOf(await Bp.CreateAsync(botpress, Bp.UniqueName()));
        var completions = new ConcurrentQueue<(string Title, DateTimeOffset UpdatedAt)>();
        using var done = new CancellationTokenSource();
        // A sequential reader during the writes: what it sees, in order, never goes back in time.
        var reads = Task.Run(async () =>
        {
            var seen = new List<DateTimeOffset>();
            while (!done.IsCancellationRequested)
                seen.Add(DateTimeOffset.Parse(Str((await Bp.GetIntegrationAsync(botpress, id))["updatedAt"])));
            return seen;
        });

        var titles = await InParallel(Updates, async i =>
        {
            var title = $"Title {i:D3}";
            var body = await botpress.PutJsonAsync($"{Bp.Integrations}/{id}", new JsonObject { ["title"] = title }).OkJsonAsync();
            var integration = body["integration"]!;
            Str(integration["title"]).Should().Be(title, "each response shows its own write");
            completions.Enqueue((title, DateTimeOffset.Parse(Str(integration["updatedAt"]))));
            return title;
        });
        await done.CancelAsync();
        var seen = await reads;

        var final = await Bp.GetIntegrationAsync(botpress, id);
        var finalTitle = Str(final["title"]);
        var finalUpdatedAt = DateTimeOffset.Parse(Str(final["updatedAt"]));
        titles.Should().Contain(finalTitle, "the final state is one of the writes");
        completions.Should().HaveCount(Updates).And.OnlyContain(c => c.UpdatedAt <= finalUpdatedAt, "no write is newer than the final state");
        completions.Where(c => c.UpdatedAt == completions.Max(m => m.UpdatedAt)).Select(c => c.Title)
            .Should().Contain(finalTitle, "the last write wins: the final title is that of a write with the latest updatedAt");
        seen.Should().BeInAscendingOrder("a reader's successive GETs never see updatedAt go back");
        seen.Should().OnlyContain(s => s <= finalUpdatedAt);
    }

    [Fact]
    public async Task Membrane_200_parallel_patches_of_one_integration_end_in_one_of_the_writes()
    {
        using var membrane = Pooled(_emulator.CreateMembraneClient());
        var id = IdOf(await membrane.CreateUniqueAsync());

        var names = await InParallel(Updates, async i =>
        {
            var name = $"Name {i:D3}";
            var patched = await membrane.PatchJsonAsync($"{Integrations}/{id}", new JsonObject { ["name"] = name }).OkJsonAsync();
            Str(patched["name"]).Should().Be(name, "each response shows its own write");
            return name;
        });

        var final = await membrane.GetIntegrationAsync(id);
        names.Should().Contain(Str(final["name"]), "the final state is one of the writes");
        IdOf(final).Should().Be(id);
    }

    [Fact]
    public async Task GitBook_200_parallel_republishes_of_one_integration_get_distinct_versions_and_end_in_the_last()
    {
        using var gitbook = Pooled(_emulator.CreateGitBookClient());
        var name = Gb.UniqueName();
        await Gb.PublishAsync(gitbook, name);

        var writes = await InParallel(Updates, async i =>
        {
            var title = $"Title {i:D3}";
            var published = await Gb.PublishAsync(gitbook, name, extra: new JsonObject { ["title"] = title });
            Str(published["title"]).Should().Be(title, "each response shows its own write");
            return (Title: title, Version: published["version"]!.GetValue<int>());
        });

        writes.Select(w => w.Version).Should().BeEquivalentTo(Enumerable.Range(2, Updates), "every publish got its own version, none lost");
        var final = await gitbook.GetAsync($"v1/integrations/{name}").OkJsonAsync();
        final["version"]!.GetValue<int>().Should().Be(Updates + 1);
        Str(final["title"]).Should().Be(writes.Single(w => w.Version == Updates + 1).Title, "the final state is the write with the last version");
    }
}
