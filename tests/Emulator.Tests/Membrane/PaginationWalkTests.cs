using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>
/// Walking GET /integrations by cursor while another task keeps creating integrations in the same tenant:
/// no item twice, and every integration that existed when the walk began exactly once.
/// </summary>
public sealed class PaginationWalkTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public async Task A_walk_under_concurrent_creates_sees_every_existing_integration_exactly_once(int limit, bool includeArchived)
    {
        using var membrane = fixture.Emulator.Membrane();
        for (var i = 0; i < 12; i++) await membrane.CreateUniqueAsync($"w{i:D2}");
        var query = includeArchived ? "?includeArchived=true" : "";
        var before = (await FindAllAsync(membrane, includeArchived ? "includeArchived=true" : "")).Items.Select(IdOf).ToList();
        before.Should().HaveCount(SeededLiveKeys.Length + 12 + (includeArchived ? 1 : 0));

        var createdDuringWalk = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            using var other = fixture.Emulator.Membrane(TokenOf(membrane));
            for (var i = 0; i < 40 && !stop.IsCancellationRequested; i++)
            {
                createdDuringWalk.Add(IdOf(await other.CreateIntegrationAsync(new JsonObject { ["name"] = $"During walk {i}" })));
                await Task.Yield();
            }
        });

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await membrane.GetAsync(WithCursor($"{Integrations}{query}{(query.Length > 0 ? "&" : "?")}limit={limit}", cursor)).OkJsonAsync();
            var items = Items(page);
            items.Count.Should().BeLessThanOrEqualTo(limit);
            seen.AddRange(items.Select(IdOf));
            cursor = (string?)page["cursor"];
            (++pages).Should().BeLessThan(500, "the walk must end");
        }
        while (cursor is not null);
        await stop.CancelAsync();
        await writer;

        seen.Should().OnlyHaveUniqueItems();
        foreach (var id in before) seen.Count(s => s == id).Should().Be(1, $"{id} existed before the walk");
        seen.Should().StartWith(before, "integrations are listed in creation order");
        seen.Except(before).Should().BeSubsetOf(createdDuringWalk);
    }
}
