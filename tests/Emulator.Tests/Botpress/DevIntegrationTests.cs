using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>
/// Dev integrations (<c>dev: true</c>, what <c>bp dev</c> creates) beside the production versions of the same name:
/// name and version identify production versions only; dev versions are reached by id and listed with <c>dev=true</c>.
/// </summary>
public sealed class DevIntegrationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Dev(string url = "http://127.0.0.1:9/dev") => new() { ["dev"] = true, ["url"] = url };

    [Fact]
    public async Task A_dev_version_and_a_production_version_of_one_name_and_version_coexist_in_either_order()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var devFirst = UniqueName("devfirst");
        var prodFirst = UniqueName("prodfirst");

        var dev1 = await CreateAsync(botpress, devFirst, "1.0.0", Dev());
        var prod1 = await CreateAsync(botpress, devFirst, "1.0.0");
        var prod2 = await CreateAsync(botpress, prodFirst, "1.0.0");
        var dev2 = await CreateAsync(botpress, prodFirst, "1.0.0", Dev());

        dev1["dev"]!.GetValue<bool>().Should().BeTrue();
        prod1["dev"]!.GetValue<bool>().Should().BeFalse();
        new[] { IdOf(dev1), IdOf(prod1), IdOf(prod2), IdOf(dev2) }.Should().OnlyHaveUniqueItems();
        // Production versions still collide with each other.
        await botpress.PostJsonAsync(Integrations, Body(devFirst)).ShouldFailAsync(HttpStatusCode.Conflict, "AlreadyExists", devFirst);
    }

    [Fact]
    public async Task Every_developer_of_a_workspace_gets_a_dev_version_of_the_same_name_and_version()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName("shared");

        var first = await CreateAsync(botpress, name, "0.1.0", Dev("http://127.0.0.1:9/alice"));
        var second = await CreateAsync(botpress, name, "0.1.0", Dev("http://127.0.0.1:9/bob"));

        IdOf(second).Should().NotBe(IdOf(first));
        Str((await GetIntegrationAsync(botpress, IdOf(first)))["url"]).Should().EndWith("/alice");
        Str((await GetIntegrationAsync(botpress, IdOf(second)))["url"]).Should().EndWith("/bob");
    }

    [Fact]
    public async Task Name_and_version_lookups_see_the_production_version_and_lists_separate_dev_from_production()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName("lookup");
        var dev = await CreateAsync(botpress, name, "2.0.0", Dev());

        // Only a dev version: the name is not deployed, so bp deploy creates rather than updates it.
        await botpress.GetAsync($"{Integrations}/{name}/2.0.0").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", name);
        await botpress.GetAsync($"{Integrations}/{name}/latest").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", name);

        var production = await CreateAsync(botpress, name, "1.0.0");
        var latest = (await botpress.GetAsync($"{Integrations}/{name}/latest").OkJsonAsync())["integration"]!.AsObject();
        IdOf(latest).Should().Be(IdOf(production), "the dev 2.0.0 is not a deployed version");

        (await ListAllAsync(botpress, $"{Integrations}?name={name}")).Select(IdOf).Should().Equal(IdOf(production));
        (await ListAllAsync(botpress, $"{Integrations}?name={name}&dev=true")).Select(IdOf).Should().Equal(IdOf(dev));
        // By id, a dev version is there like any other.
        (await GetIntegrationAsync(botpress, IdOf(dev)))["dev"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_dev_version_takes_the_file_names_bp_dev_sends_for_readme_and_icon_and_logs_that_it_kept_them_out()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName("template");
        var extra = Dev();
        extra["readme"] = "hub.md";
        extra["icon"] = "icon.svg";

        var dev = await CreateAsync(botpress, name, "0.0.1", extra);
        Str(dev["readmeUrl"]).Should().BeEmpty();
        Str(dev["iconUrl"]).Should().BeEmpty();
        var updated = await botpress.PutJsonAsync($"{Integrations}/{IdOf(dev)}", new JsonObject { ["readme"] = "hub.md", ["url"] = "http://127.0.0.1:9/again" }).OkJsonAsync();
        Str(updated["integration"]!["url"]).Should().EndWith("/again");

        var logs = await botpress.GetAsync($"{Integrations}/{IdOf(dev)}/logs?timeStart=2000-01-01T00:00:00Z").OkJsonAsync();
        var warnings = logs["logs"]!.AsArray().Where(l => Str(l!["level"]) == "warn").Select(l => Str(l!["message"])).ToList();
        warnings.Should().Contain(m => m.StartsWith("readme: \"hub.md\"")).And.Contain(m => m.StartsWith("icon: \"icon.svg\""));

        // Production versions are shown on the hub: there, readme and icon must be the files' content.
        await botpress.PostJsonAsync(Integrations, Body(name, "0.0.1", new JsonObject { ["readme"] = "hub.md" }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidDataFormat", "readme", "base64");
    }

    [Fact]
    public async Task A_dev_version_keeps_a_base64_readme_but_never_replaces_the_icon_of_its_name()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName("icons");
        static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var production = await CreateAsync(botpress, name, "1.0.0", new JsonObject { ["icon"] = B64("<svg>prod</svg>") });

        var extra = Dev();
        extra["icon"] = B64("<svg>dev</svg>");
        extra["readme"] = B64("# Dev readme");
        var dev = await CreateAsync(botpress, name, "1.0.0", extra);

        Str(dev["readmeUrl"]).Should().NotBeEmpty();
        Str(dev["iconUrl"]).Should().Be(Str(production["iconUrl"]));
        Str((await GetIntegrationAsync(botpress, IdOf(production)))["iconUrl"]).Should().Be(Str(production["iconUrl"]));
    }
}
