using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>
/// Bodies createIntegration refuses, and validateIntegrationCreation / validateIntegrationUpdate: the same
/// verdict as the real call, and never a change of state.
/// </summary>
public sealed class IntegrationValidationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string, string, string, string> BadCreateBodies()
    {
        var data = new TheoryData<string, string, string, string>();
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]);
        (string Json, string Type, string Mentions)[] cases =
        [
            ("""{"version":"1.0.0"}""", "InvalidPayload", "name"),
            ("""{"name":"NAME"}""", "InvalidPayload", "version"),
            ("""{"name":"Bad Name","version":"1.0.0"}""", "InvalidPayload", "name"),
            ("""{"name":"NAME","version":"1.0"}""", "InvalidPayload", "version"),
            ("""{"name":"NAME","version":"v1.0.0"}""", "InvalidPayload", "version"),
            ("""{"name":"NAME","version":"1.0.0","colour":"red"}""", "InvalidPayload", "colour"),
            ("""{"name":"NAME","version":"1.0.0","configuration":{"bogus":1}}""", "InvalidPayload", "bogus"),
            ("""{"name":"NAME","version":"1.0.0","maxExecutionTime":30}""", "InvalidPayload", "maxExecutionTime"),
            ("""{"name":"NAME","version":"1.0.0","title":""}""", "InvalidPayload", "title"),
            ("""{"name":"NAME","version":"1.0.0","visibility":"secret"}""", "InvalidPayload", "visibility"),
            ("""{"name":"NAME","version":"1.0.0","public":true,"visibility":"private"}""", "InvalidPayload", "public"),
            ("""{"name":"NAME","version":"1.0.0","public":false,"visibility":"public"}""", "InvalidPayload", "public"),
            ("""{"name":"NAME","version":"1.0.0","dev":true,"visibility":"public"}""", "InvalidPayload", "visibility"),
            ("""{"name":"NAME","version":"1.0.0","dev":true,"public":true}""", "InvalidPayload", "visibility"),
            ("""{"name":"NAME","version":"1.0.0","states":{"s":{"type":"bot","schema":{}}}}""", "InvalidPayload", "states.s.type"),
            ("""{"name":"NAME","version":"1.0.0","channels":{"chat":{"title":"TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT","messages":{}}}}""", "InvalidPayload", "channels.chat.title"),
            ("""{"name":"NAME","version":"1.0.0","secrets":{"api_token":"x"}}""", "InvalidPayload", "secrets.api_token"),
            ("""{"name":"NAME","version":"1.0.0","icon":"%%%"}""", "InvalidDataFormat", "icon"),
            ($$"""{"name":"NAME","version":"1.0.0","icon":"{{png}}"}""", "InvalidDataFormat", "icon"),
            ("""{"name":"NAME","version":"1.0.0","readme":"not base64!"}""", "InvalidDataFormat", "readme"),
            ("""{"name":"NAME","version":"1.0.0","interfaces":{"llm":{"id":"intver_01JNOSUCHINTERFACE0000000000"}}}""", "ReferenceNotFound", "interfaces.llm.id"),
            ("""{"name":"NAME","version":"1.0.0","name":"other"}""", "InvalidPayload", "name"),
            ("""["NAME","1.0.0"]""", "InvalidPayload", "object"),
        ];
        foreach (var endpoint in (string[])["", "/validate"])
            foreach (var (json, type, mentions) in cases)
                data.Add(endpoint, json, type, mentions);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadCreateBodies))]
    public async Task Create_and_validate_refuse_bad_bodies_naming_the_field_and_create_nothing(string endpoint, string json, string type, string mention)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();

        await botpress.SendRawAsync(HttpMethod.Post, Integrations + endpoint, json.Replace("NAME", name))
            .ShouldFailAsync(HttpStatusCode.BadRequest, type, mention);

        IntegrationsOf(await botpress.GetAsync($"{Integrations}?limit=100").OkJsonAsync()).Should().BeEmpty();
        IntegrationsOf(await botpress.GetAsync($"{Integrations}?limit=100&dev=true").OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_creation_accepts_a_good_body_without_creating_it()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var body = Body(name, "1.0.0", new JsonObject
        {
            ["visibility"] = "public",
            ["public"] = true,
            ["icon"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg/>")),
            ["interfaces"] = new JsonObject { ["llm"] = new JsonObject { ["id"] = Interfaces(fixture.Emulator).First(i => i.Name == "llm").Id } },
        });

        (await botpress.PostJsonAsync($"{Integrations}/validate", body).OkJsonAsync()).Should().BeEmpty();

        await botpress.GetAsync($"{Integrations}/{name}/latest").ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", name);
        IntegrationsOf(await botpress.GetAsync($"{Hub}?name={name}").OkJsonAsync()).Should().BeEmpty();
        var created = await CreateAsync(botpress, name, "1.0.0", body);
        Str(created["interfaces"]!["llm"]!["name"]).Should().Be("llm");
    }

    [Fact]
    public async Task Validate_creation_reports_a_duplicate_as_the_create_would()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        await CreateAsync(botpress, name);

        await botpress.PostJsonAsync($"{Integrations}/validate", Body(name)).ShouldFailAsync(HttpStatusCode.Conflict, "AlreadyExists", name);
        (await botpress.PostJsonAsync($"{Integrations}/validate", Body(name, "1.0.1")).OkJsonAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_update_accepts_a_good_body_and_changes_nothing()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var created = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["secrets"] = new JsonObject { ["KEEP"] = "1" } });
        var url = $"{Integrations}/{IdOf(created)}/validate";

        var good = new JsonObject
        {
            ["title"] = "Other",
            ["visibility"] = "public",
            ["secrets"] = new JsonObject { ["KEEP"] = null },
            ["icon"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg/>")),
        };
        (await botpress.PutJsonAsync(url, good).OkJsonAsync()).Should().BeEmpty();

        (await GetIntegrationAsync(botpress, IdOf(created))).ToJsonString().Should().Be(created.ToJsonString());
    }

    [Fact]
    public async Task Validate_update_refuses_what_update_refuses_and_changes_nothing()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var created = await CreateAsync(botpress, UniqueName());
        var frozen = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["visibility"] = "public" });
        var dev = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["dev"] = true });
        var url = $"{Integrations}/{IdOf(created)}/validate";

        await botpress.PutJsonAsync(url, new JsonObject { ["version"] = "2.0.0" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "version");
        await botpress.PutJsonAsync(url, new JsonObject { ["title"] = 5 }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "title");
        await botpress.PutJsonAsync(url, new JsonObject { ["public"] = false, ["visibility"] = "public" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "public");
        await botpress.PutJsonAsync(url, new JsonObject { ["secrets"] = new JsonObject { ["lower"] = "x" } }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "secrets.lower");
        await botpress.PutJsonAsync($"{Integrations}/{IdOf(frozen)}/validate", new JsonObject { ["title"] = "x" }).ShouldFailAsync(HttpStatusCode.Forbidden, "Forbidden", "public");
        await botpress.PutJsonAsync($"{Integrations}/{IdOf(dev)}/validate", new JsonObject { ["visibility"] = "unlisted" }).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "visibility");
        await botpress.PutJsonAsync($"{Integrations}/intver_missing/validate", new JsonObject()).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "intver_missing");

        (await GetIntegrationAsync(botpress, IdOf(created))).ToJsonString().Should().Be(created.ToJsonString());
    }

    [Fact]
    public async Task Public_alone_is_an_alias_of_visibility()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        var isPublic = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["public"] = true });
        var unlisted = await CreateAsync(botpress, UniqueName(), "1.0.0", new JsonObject { ["public"] = false, ["visibility"] = "unlisted" });

        Str(isPublic["visibility"]).Should().Be("public");
        isPublic["public"]!.GetValue<bool>().Should().BeTrue();
        Str(unlisted["visibility"]).Should().Be("unlisted");
        unlisted["public"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_url_longer_than_an_integration_can_hold_is_a_400_not_a_500()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();
        var name = UniqueName();
        var tooLong = "https://example.com/" + new string('a', 2000); // the Integration schema caps url at 2000 characters

        await botpress.PostJsonAsync(Integrations, Body(name, "1.0.0", new JsonObject { ["url"] = tooLong }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "url");
        await botpress.PostJsonAsync($"{Integrations}/validate", Body(name, "1.0.0", new JsonObject { ["url"] = tooLong }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "url");
        var id = IdOf(await CreateAsync(botpress, name, "1.0.0", new JsonObject { ["url"] = "https://example.com/hook" }));
        await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["url"] = tooLong })
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "url");
        Str((await GetIntegrationAsync(botpress, id))["url"]).Should().Be("https://example.com/hook");
        Str((await botpress.PutJsonAsync($"{Integrations}/{id}", new JsonObject { ["url"] = null }).OkJsonAsync())["integration"]!["url"]).Should().BeEmpty();
    }

    [Fact]
    public async Task Duplicate_keys_in_a_body_are_a_400_not_a_500()
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        await botpress.SendRawAsync(HttpMethod.Post, Integrations, $$"""{"name":"{{UniqueName()}}","version":"1.0.0","title":"a","title":"b"}""")
            .ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", "title");
    }
}
