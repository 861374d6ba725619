using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using Microsoft.Extensions.Time.Testing;
using static IntegrationsApiEmulator.Tests.ControlPlane.StateTestKit;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary>
/// <c>PUT /_emulator/state</c> with what is not a snapshot: 400 in the control-plane envelope naming the JSON
/// path at fault, and nothing changed (every vendor's part is parsed and built before any is swapped in).
/// </summary>
public sealed class StateImportErrorTests
{
    public static TheoryData<string, string, string> BadSnapshots => new()
    {
        { "malformed JSON", "{\"version\":1,", "body: not valid JSON" },
        { "not an object", "[1,2]", "$: must be an object" },
        { "wrong version", "{\"version\":2,\"vendors\":{}}", "$.version: must be 1" },
        { "no version", "{\"vendors\":{}}", "$.version" },
        { "unknown vendor", "{\"version\":1,\"vendors\":{\"zapier\":{\"tenants\":{}}}}", "$.vendors.zapier: unknown vendor" },
        { "no vendors", "{\"version\":1}", "$.vendors" },
        { "bad clock", "{\"version\":1,\"clock\":{\"now\":\"soon\",\"frozen\":true},\"vendors\":{}}", "$.clock.now" },
        { "duplicate property", "{\"version\":1,\"vendors\":{},\"vendors\":{}}", "body: not valid JSON" },
        { "tenant not an object", "{\"version\":1,\"vendors\":{\"membrane\":{\"tenants\":{\"t_1\":7}}}}", "$.vendors.membrane.tenants.t_1: must be an object" },
        { "alias of no tenant", "{\"version\":1,\"vendors\":{\"gitbook\":{\"tenants\":{},\"aliases\":{\"gb_inst_x\":\"t_1\"}}}}", "$.vendors.gitbook.aliases.gb_inst_x" },
    };

    [Theory]
    [MemberData(nameof(BadSnapshots))]
    public async Task A_bad_snapshot_is_a_400_naming_what_is_wrong_and_changes_nothing(string kind, string snapshot, string mention)
    {
        await using var emulator = await StartFrozenAsync();
        using var botpress = emulator.CreateBotpressClient();
        (await botpress.GetAsync("v1/admin/integrations")).EnsureSuccessStatusCode();
        var before = await GetStateAsync(emulator);

        var (status, body) = await PutStateAsync(emulator, snapshot);

        status.Should().Be(HttpStatusCode.BadRequest, kind);
        var error = JsonNode.Parse(body)!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(400);
        error["message"]!.GetValue<string>().Should().Contain(mention, kind);
        ShouldBeSameBytes(await GetStateAsync(emulator), before);
    }

    /// <summary>One vendor's tenant is broken deep inside: the other vendors (parsed first) are not imported either.</summary>
    [Theory]
    [InlineData("botpress", "integrations", "createdAt", "yesterday", "is not an ISO 8601 date-time")]
    [InlineData("botpress", "integrations", "version", "one", "is not a semantic version")]
    [InlineData("gitbook", "installations", "seq", "x", "must be an integer")]
    [InlineData("membrane", "elements", "kind", "widget", "is not one of")]
    public async Task A_tenant_whose_state_does_not_parse_is_a_400_with_its_path(string vendor, string collection, string field, string value, string reason)
    {
        await using var emulator = await StartFrozenAsync();
        using (var botpress = emulator.CreateBotpressClient()) (await botpress.GetAsync("v1/admin/integrations")).EnsureSuccessStatusCode();
        using (var gitbook = emulator.CreateGitBookClient()) (await gitbook.GetAsync("v1/user")).EnsureSuccessStatusCode();
        using (var membrane = emulator.CreateMembraneClient()) (await membrane.GetAsync("integrations")).EnsureSuccessStatusCode();
        var before = await GetStateAsync(emulator);

        var snapshot = JsonNode.Parse(before)!;
        var tenant = snapshot["vendors"]![vendor]!["tenants"]!.AsObject().Single();
        var items = tenant.Value![collection]!;
        JsonNode item;
        string path;
        if (items is JsonArray array)
        {
            item = array[1]!;
            path = $"$.vendors.{vendor}.tenants.{tenant.Key}.{collection}[1].{field}";
        }
        else
        {
            var entry = items.AsObject().First();
            item = entry.Value!;
            path = $"$.vendors.{vendor}.tenants.{tenant.Key}.{collection}.{entry.Key}.{field}";
        }
        item[field] = value;
        // Something the import would change if it went through.
        snapshot["clock"]!["now"] = "2040-01-01T00:00:00.0000000+00:00";

        var (status, body) = await PutStateAsync(emulator, snapshot.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest, body);
        JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>().Should().StartWith(path + ":").And.Contain(reason);
        ShouldBeSameBytes(await GetStateAsync(emulator), before);
    }

    [Fact]
    public async Task The_in_process_import_throws_a_SnapshotException_and_changes_nothing()
    {
        await using var emulator = await StartFrozenAsync();
        using (var gitbook = emulator.CreateGitBookClient()) (await gitbook.GetAsync("v1/user")).EnsureSuccessStatusCode();
        var before = emulator.ExportState().ToJsonString();

        var act = () => emulator.ImportState(new JsonObject { ["version"] = 1, ["vendors"] = new JsonObject { ["gitbook"] = new JsonObject { ["tenants"] = new JsonArray() } } });

        act.Should().Throw<SnapshotException>().Which.Path.Should().Be("$.vendors.gitbook.tenants");
        emulator.ExportState().ToJsonString().Should().Be(before);
        // An export imports as it is.
        emulator.ImportState(emulator.ExportState());
        emulator.ExportState().ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task A_host_supplied_clock_is_exported_and_its_snapshot_time_is_ignored_on_import()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { Clock = clock });

        var snapshot = emulator.ExportState();
        snapshot["clock"]!["now"]!.GetValue<string>().Should().StartWith("2031-03-04T05:06:07");

        snapshot["clock"]!["now"] = "2040-01-01T00:00:00Z";
        emulator.ImportState(snapshot);
        clock.GetUtcNow().Year.Should().Be(2031);

        // Without a clock at all, too.
        snapshot.Remove("clock");
        emulator.ImportState(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(snapshot.ToJsonString())));
    }
}
