using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>POST /integrations (<c>CreateIntegrationRequest</c>: every key optional, unknown keys stripped).</summary>
public sealed class IntegrationCreateTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_created_integration_echoes_its_fields_is_gettable_and_listed_last()
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey();

        var created = await membrane.CreateIntegrationAsync(new JsonObject
        {
            ["key"] = key,
            ["name"] = "My HubSpot",
            ["description"] = "desc",
            ["meta"] = new JsonObject { ["team"] = "growth" },
            ["connectorKey"] = "hubspot",
            ["parameters"] = new JsonObject { ["region"] = "eu" },
            ["optionsConfig"] = new JsonObject { ["oauth2"] = new JsonObject { ["disabled"] = false } },
            ["oAuthCallbackUri"] = "https://example.com/callback",
            ["logoUri"] = "https://example.com/logo.png",
        });

        IdOf(created).Should().MatchRegex("^[0-9a-f]{24}$");
        Str(created["uuid"]).Should().MatchRegex("^[0-9a-f-]{36}$");
        KeyOf(created).Should().Be(key);
        Str(created["name"]).Should().Be("My HubSpot");
        Str(created["description"]).Should().Be("desc");
        Str(created["meta"]!["team"]).Should().Be("growth");
        Str(created["parameters"]!["region"]).Should().Be("eu");
        created["optionsConfig"]!["oauth2"]!["disabled"]!.GetValue<bool>().Should().BeFalse();
        Str(created["oAuthCallbackUri"]).Should().Be("https://example.com/callback");
        Str(created["logoUri"]).Should().Be("https://example.com/logo.png");
        Str(created["state"]).Should().Be("READY");
        created["errors"].Should().BeNull();
        created["archivedAt"].Should().BeNull();
        created["isDeactivated"]!.GetValue<bool>().Should().BeFalse();
        Str(created["revision"]).Should().NotBeEmpty();
        Str(created["createdAt"]).Should().Be(Str(created["updatedAt"]));
        DateTimeOffset.Parse(Str(created["createdAt"])).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var fetched = await membrane.GetIntegrationAsync(IdOf(created));
        fetched.ToJsonString().Should().Be(created.ToJsonString());
        var listed = Items(await membrane.GetAsync(Integrations).OkJsonAsync());
        listed.Select(KeyOf).Should().Equal([.. SeededLiveKeys, key]);
    }

    [Fact]
    public async Task A_taken_key_is_409_already_exists()
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey();
        await membrane.CreateIntegrationAsync(new JsonObject { ["key"] = key });

        await membrane.PostJsonAsync(Integrations, new JsonObject { ["key"] = key, ["name"] = "Again" }).ShouldAlreadyExistAsync(key);
        await membrane.PostJsonAsync(Integrations, new JsonObject { ["key"] = "hubspot" }).ShouldAlreadyExistAsync("hubspot");

        Keys(await membrane.GetAsync(Integrations).OkJsonAsync()).Count(k => k == key).Should().Be(1);
    }

    [Fact]
    public async Task A_taken_uuid_is_409_already_exists()
    {
        using var membrane = fixture.Emulator.Membrane();
        var uuid = Guid.NewGuid().ToString();
        var created = await membrane.CreateIntegrationAsync(new JsonObject { ["uuid"] = uuid });
        Str(created["uuid"]).Should().Be(uuid);

        await membrane.PostJsonAsync(Integrations, new JsonObject { ["uuid"] = uuid }).ShouldAlreadyExistAsync(uuid);
    }

    [Fact]
    public async Task The_key_is_generated_from_the_name_and_deduplicated_with_a_number()
    {
        using var membrane = fixture.Emulator.Membrane();
        var tag = Guid.NewGuid().ToString("N")[..8];

        var first = await membrane.CreateIntegrationAsync(new JsonObject { ["name"] = $"My Cool  App! {tag}" });
        var second = await membrane.CreateIntegrationAsync(new JsonObject { ["name"] = $"my cool app {tag}" });
        var third = await membrane.CreateIntegrationAsync(new JsonObject { ["name"] = $"--My_Cool_App-- {tag.ToUpperInvariant()}" });

        KeyOf(first).Should().Be($"my-cool-app-{tag}");
        KeyOf(second).Should().Be($"my-cool-app-{tag}-2");
        KeyOf(third).Should().Be($"my-cool-app-{tag}-3");
        Str(first["name"]).Should().Be($"My Cool  App! {tag}", "the name is kept as given");
    }

    [Fact]
    public async Task Without_a_name_the_connector_name_is_used_and_its_key_deduplicated_against_the_seeded_one()
    {
        using var membrane = fixture.Emulator.Membrane();

        var created = await membrane.CreateIntegrationAsync(new JsonObject { ["connectorKey"] = "hubspot" });

        Str(created["name"]).Should().Be("HubSpot");
        KeyOf(created).Should().Be("hubspot-2");
        Str(created["logoUri"]).Should().Be("https://static.integration.app/connectors/hubspot/logo.png");
    }

    [Fact]
    public async Task An_empty_body_is_valid_every_key_is_optional()
    {
        using var membrane = fixture.Emulator.Membrane();

        var first = await membrane.PostJsonAsync(Integrations, new JsonObject()).OkJsonAsync();
        var second = await membrane.SendRawAsync(HttpMethod.Post, Integrations, "", contentType: null).OkJsonAsync();

        Str(first["name"]).Should().NotBeNullOrEmpty("the API fills the name");
        KeyOf(first).Should().NotBeNullOrEmpty();
        Str(first["logoUri"]).Should().Be("", "logoUri is always a string");
        first["connectorId"].Should().BeNull();
        first["operationsCount"]!.GetValue<int>().Should().Be(0);
        first["hasOperations"]!.GetValue<bool>().Should().BeFalse();
        Str(first["state"]).Should().Be("READY");
        KeyOf(second).Should().NotBe(KeyOf(first), "generated keys stay unique");
        IdOf(second).Should().NotBe(IdOf(first));
    }

    [Fact]
    public async Task ConnectorKey_connectorId_and_connectorUuid_all_resolve_to_connectorId()
    {
        using var membrane = fixture.Emulator.Membrane();
        var hubspot = await membrane.GetIntegrationAsync("hubspot");
        var connectorId = Str(hubspot["connectorId"]);

        foreach (var field in new[] { "connectorKey", "connectorId", "connectorUuid" })
        {
            var created = await membrane.CreateUniqueAsync(field, new JsonObject { [field] = field == "connectorKey" ? "hubspot" : connectorId });

            Str(created["connectorId"]).Should().Be(connectorId, field);
            created.ContainsKey("connectorKey").Should().BeFalse();
            created.ContainsKey("connectorUuid").Should().BeFalse();
            Str(created["connectorVersion"]).Should().Be(Str(hubspot["connectorVersion"]));
            Str(created["authType"]).Should().Be("oauth2");
            created["operationsCount"]!.GetValue<int>().Should().Be(hubspot["operationsCount"]!.GetValue<int>());
            created["hasOperations"]!.GetValue<bool>().Should().BeTrue();
        }
    }

    [Theory]
    [InlineData("connectorKey", "no-such-connector")]
    [InlineData("connectorId", "000000000000000000000000")]
    [InlineData("connectorUuid", "00000000-0000-0000-0000-000000000000")]
    public async Task An_unknown_connector_is_400_naming_the_field(string field, string value)
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey();

        await membrane.PostJsonAsync(Integrations, new JsonObject { ["key"] = key, [field] = value }).ShouldBeBadRequestAsync(field, value);

        await membrane.GetAsync($"{Integrations}/{key}").ShouldBeNotFoundAsync();
    }

    [Fact]
    public async Task A_key_too_long_to_select_the_integration_by_is_400_naming_the_key()
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey() + new string('k', 300);

        await membrane.PostJsonAsync(Integrations, new JsonObject { ["key"] = key }).ShouldBeBadRequestAsync("key", "255");

        (await membrane.GetAsync($"{Integrations}/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var existing = UniqueKey();
        await membrane.CreateIntegrationAsync(new JsonObject { ["key"] = existing });
        await membrane.PatchAsync($"{Integrations}/{existing}", new StringContent(new JsonObject { ["key"] = key }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))
            .ShouldBeBadRequestAsync("key", "255");
        await membrane.PostJsonAsync($"{Integrations}/{existing}/actions", new JsonObject { ["key"] = key, ["name"] = "a" }).ShouldBeBadRequestAsync("key", "255");
    }

    [Theory]
    [InlineData("https://example.com/oauth/callback")]
    [InlineData("http://localhost:3000/cb?x=1")]
    [InlineData("")]
    public async Task OAuthCallbackUri_takes_a_url_or_the_empty_string(string uri)
    {
        using var membrane = fixture.Emulator.Membrane();

        var created = await membrane.CreateUniqueAsync("cb", new JsonObject { ["oAuthCallbackUri"] = uri });

        Str(created["oAuthCallbackUri"]).Should().Be(uri);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("example.com/callback")]
    [InlineData("/oauth/callback")]
    public async Task OAuthCallbackUri_that_is_not_a_url_is_400_naming_it(string uri)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.PostJsonAsync(Integrations, new JsonObject { ["oAuthCallbackUri"] = uri }).ShouldBeBadRequestAsync("oAuthCallbackUri");
    }

    [Fact]
    public async Task Unknown_keys_are_stripped_not_echoed_and_not_an_error()
    {
        using var membrane = fixture.Emulator.Membrane();
        var key = UniqueKey();

        // createIntegration.request.json is open (no additionalProperties: zod strips unknown keys).
        var created = await membrane.PostJsonAsync(Integrations, new JsonObject
        {
            ["key"] = key,
            ["favouriteColour"] = "teal",
            ["connectorKey"] = "slack",
            ["state"] = "BUILDING",
            ["archivedAt"] = "2020-01-01T00:00:00.000Z",
            ["operationsCount"] = 99,
        }).OkJsonAsync();

        created.ContainsKey("favouriteColour").Should().BeFalse();
        Str(created["state"]).Should().Be("READY", "state is engine-managed");
        created.ContainsKey("archivedAt").Should().BeFalse();
        created["operationsCount"]!.GetValue<int>().Should().Be(6, "Slack has three entities, two operations each");
        (await membrane.GetIntegrationAsync(key)).ContainsKey("favouriteColour").Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"name": 5}""", "name")]
    [InlineData("""{"key": null}""", "key")]
    [InlineData("""{"meta": "x"}""", "meta")]
    [InlineData("""{"parameters": []}""", "parameters")]
    [InlineData("""{"optionsConfig": {"oauth2": {"disabled": "yes"}}}""", "optionsConfig")]
    public async Task A_field_of_the_wrong_type_is_400_naming_it(string body, string field)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.SendRawAsync(HttpMethod.Post, Integrations, body).ShouldBeBadRequestAsync(field);
    }

    [Fact]
    public async Task ExternalAppId_and_its_aliases_set_externalAppId_and_appUuid()
    {
        using var membrane = fixture.Emulator.Membrane();

        foreach (var field in new[] { "externalAppId", "externalAppUuid", "appUuid" })
        {
            var app = $"app-{field}";
            var created = await membrane.CreateUniqueAsync("ext", new JsonObject { [field] = app });
            Str(created["externalAppId"]).Should().Be(app, field);
            Str(created["appUuid"]).Should().Be(app, field);
        }
    }

    [Fact]
    public async Task A_connector_with_required_parameters_and_none_given_is_created_in_CONFIGURATION_ERROR()
    {
        using var membrane = fixture.Emulator.Membrane();

        var bare = await membrane.CreateUniqueAsync("jira", new JsonObject { ["connectorKey"] = "jira" });
        var configured = await membrane.CreateUniqueAsync("jira", new JsonObject
        {
            ["connectorKey"] = "jira",
            ["parameters"] = new JsonObject { ["siteUrl"] = "https://acme.atlassian.net" },
        });

        Str(bare["state"]).Should().Be("CONFIGURATION_ERROR");
        bare["hasMissingParameters"]!.GetValue<bool>().Should().BeTrue();
        bare["errors"]!.AsArray().Select(e => Str(e!["message"])).Should().ContainSingle().Which.Should().Contain("siteUrl");
        Str(configured["state"]).Should().Be("READY");
        configured["hasMissingParameters"]!.GetValue<bool>().Should().BeFalse();
        configured.ContainsKey("errors").Should().BeFalse();
    }

    [Fact]
    public async Task LogoBase64_becomes_a_data_uri_logo()
    {
        using var membrane = fixture.Emulator.Membrane();

        var created = await membrane.CreateUniqueAsync("logo", new JsonObject { ["logoBase64"] = "iVBORw0KGgo=" });

        Str(created["logoUri"]).Should().Be("data:image/png;base64,iVBORw0KGgo=");
    }

    [Fact]
    public async Task Creates_in_one_tenant_are_not_seen_in_another()
    {
        using var a = fixture.Emulator.Membrane();
        using var b = fixture.Emulator.Membrane();

        var created = await a.CreateUniqueAsync();

        using var response = await b.GetAsync($"{Integrations}/{IdOf(created)}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Keys(await b.GetAsync(Integrations).OkJsonAsync()).Should().Equal(SeededLiveKeys);
    }
}
