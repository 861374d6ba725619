using System.Collections.Concurrent;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>
/// Walking listIntegrations while another task keeps creating integrations in the same workspace: no item
/// twice, and every item that existed when the walk began exactly once.
/// </summary>
public sealed class PaginationWalkTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData(1, "createdAt", "asc")]
    [InlineData(2, "createdAt", "asc")]
    [InlineData(3, "createdAt", "asc")]
    [InlineData(2, "createdAt", "desc")]
    [InlineData(1, "name", "asc")]
    [InlineData(3, "name", "desc")]
    [InlineData(2, "updatedAt", "asc")]
    public async Task A_walk_under_concurrent_creates_sees_every_existing_item_exactly_once(int limit, string sortBy, string direction)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        for (var i = 0; i < 15; i++) await CreateAsync(botpress, UniqueName($"w{i:D2}"));
        var before = (await ListAllAsync(botpress, $"{Integrations}?limit=100")).Select(IdOf).ToList();
        before.Should().HaveCount(15);

        var createdDuringWalk = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            using var other = fixture.Emulator.CreateBotpressClient(TokenOf(botpress), WorkspaceOf(botpress));
            for (var i = 0; i < 40 && !stop.IsCancellationRequested; i++)
            {
                createdDuringWalk.Add(IdOf(await CreateAsync(other, UniqueName($"c{i:D2}"))));
                await Task.Yield();
            }
        });

        var url = $"{Integrations}?limit={limit}&sortBy={sortBy}&direction={direction}";
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await botpress.GetAsync(WithToken(url, token)).OkJsonAsync();
            var items = IntegrationsOf(page);
            items.Count.Should().BeLessThanOrEqualTo(limit);
            seen.AddRange(items.Select(IdOf));
            token = (string?)page["meta"]!["nextToken"];
            (++pages).Should().BeLessThan(500, "the walk must end");
        }
        while (token is not null);
        await stop.CancelAsync();
        await writer;

        seen.Should().OnlyHaveUniqueItems();
        foreach (var id in before) seen.Count(s => s == id).Should().Be(1, $"{id} existed before the walk");
        seen.Except(before).Should().BeSubsetOf(createdDuringWalk);
    }
}
