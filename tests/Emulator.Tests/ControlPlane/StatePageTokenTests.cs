using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>A snapshot carries the page-token key, so a walk started before a restart (or an import) goes on after it.</summary>
public sealed class StatePageTokenTests
{
    [Fact]
    public async Task A_next_token_from_before_an_import_pages_on_in_the_emulator_that_imported_the_snapshot()
    {
        await using var first = await IntegrationsEmulator.StartAsync();
        var token = IntegrationsEmulator.NewToken("gb_");
        using var before = first.CreateGitBookClient(token);
        var page = JsonNode.Parse(await before.GetStringAsync("v1/integrations?limit=2"))!;
        var next = page["next"]!["page"]!.GetValue<string>();
        var snapshot = await GetStateAsync(first);
        await using var second = await IntegrationsEmulator.StartAsync();
        using var after = second.CreateGitBookClient(token);
        (await after.GetAsync($"v1/integrations?limit=2&page={next}")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "another emulator's tokens do not verify");

        await ImportAsync(second, snapshot);

        var expected = await before.GetStringAsync($"v1/integrations?limit=2&page={next}");
        (await after.GetStringAsync($"v1/integrations?limit=2&page={next}")).Should().Be(expected);
    }

    [Theory]
    [InlineData("\"short\"")]
    [InlineData("42")]
    public async Task A_page_token_key_that_is_not_one_is_refused_naming_it(string key)
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        var snapshot = JsonNode.Parse(await GetStateAsync(emulator))!;
        snapshot["pageTokenKey"] = JsonNode.Parse(key);

        var (status, body) = await PutStateAsync(emulator, snapshot.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("$.pageTokenKey");
    }
}
