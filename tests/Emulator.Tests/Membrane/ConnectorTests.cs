using System.Net;
using System.Text.Json.Nodes;
using static IntegrationsApiEmulator.Tests.Membrane.MembraneTestKit;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>
/// What an integration's connector offers — connector-spec, operations[/{key}], data[/{key}] — consistent with
/// the integration's counts; and POST /connection-options.
/// </summary>
public sealed class ConnectorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string> SeededKeys() => [.. SeededLiveKeys, ArchivedKey];

    [Theory]
    [MemberData(nameof(SeededKeys))]
    public async Task Spec_operations_and_data_agree_with_the_integration_counts(string key)
    {
        using var membrane = fixture.Emulator.Membrane();
        var integration = await membrane.GetIntegrationAsync(key);

        var spec = await membrane.GetAsync($"{Integrations}/{key}/connector-spec").OkJsonAsync();
        var operations = await membrane.GetAsync($"{Integrations}/{IdOf(integration)}/operations").OkArrayAsync();
        var data = await membrane.GetAsync($"{Integrations}/{key}/data").OkArrayAsync();

        operations.Count.Should().Be(integration["operationsCount"]!.GetValue<int>()).And.BeGreaterThan(0);
        data.Count.Should().Be(integration["dataCollectionsCount"]!.GetValue<int>()).And.BeGreaterThan(0);
        integration["hasOperations"]!.GetValue<bool>().Should().BeTrue();
        integration["hasData"]!.GetValue<bool>().Should().BeTrue();
        spec["operations"]!.AsArray().Select(o => Str(o!["key"])).Should().Equal(operations.Select(o => Str(o!["key"])));
        Str(spec["logoUri"]).Should().Be(Str(integration["logoUri"]));
        Str(spec["auth"]!["type"]).Should().Be(Str(integration["authType"]));
        Str(spec["appUuid"]).Should().Be(Str(integration["appUuid"]));
        var required = spec["parametersSchema"]!["required"]!.AsArray().Select(p => Str(p)).ToList();
        integration["hasMissingParameters"]!.GetValue<bool>().Should().Be(required.Any(p => integration["parameters"]?[p] is null));

        foreach (var operation in operations.Select(o => o!.AsObject()))
        {
            operation["key"].Should().NotBeNull();
            operation["name"].Should().NotBeNull();
            var full = await membrane.GetAsync($"{Integrations}/{key}/operations/{Str(operation["key"])}").OkJsonAsync();
            Str(full["name"]).Should().Be(Str(operation["name"]));
            full["isReadOnly"]!.GetValue<bool>().Should().Be(operation["isReadOnly"]!.GetValue<bool>());
            full["inputSchema"]!["type"]!.GetValue<string>().Should().Be("object");
            full["outputSchema"].Should().NotBeNull();
        }
        foreach (var collection in data.Select(c => c!.AsObject()))
        {
            Str(collection["type"]).Should().Be("collection");
            var full = await membrane.GetAsync($"{Integrations}/{key}/data/{Str(collection["key"])}").OkJsonAsync();
            Str(full["type"]).Should().Be("collection");
            Str(full["key"]).Should().Be(Str(collection["key"]));
            Str(full["name"]).Should().Be(Str(collection["name"]));
            full["fieldsSchema"]!["properties"]!["id"].Should().NotBeNull();
        }
    }

    [Fact]
    public async Task HubSpot_offers_list_and_create_per_entity()
    {
        using var membrane = fixture.Emulator.Membrane();

        var operations = await membrane.GetAsync($"{Integrations}/hubspot/operations").OkArrayAsync();
        var data = await membrane.GetAsync($"{Integrations}/hubspot/data").OkArrayAsync();
        var create = await membrane.GetAsync($"{Integrations}/hubspot/operations/create-contact").OkJsonAsync();

        operations.Select(o => Str(o!["key"])).Should().Equal("list-contacts", "create-contact", "list-companies", "create-company", "list-deals", "create-deal");
        data.Select(c => Str(c!["key"])).Should().Equal("contacts", "companies", "deals");
        create["isReadOnly"]!.GetValue<bool>().Should().BeFalse();
        create["tags"]!.AsArray().Select(t => Str(t)).Should().Equal("contacts", "write");
    }

    [Theory]
    [InlineData("operations")]
    [InlineData("data")]
    public async Task An_unknown_operation_or_collection_key_is_404_not_found(string segment)
    {
        using var membrane = fixture.Emulator.Membrane();

        await membrane.GetAsync($"{Integrations}/hubspot/{segment}/no-such-key").ShouldBeNotFoundAsync("no-such-key");
    }

    [Theory]
    [InlineData("connector-spec")]
    [InlineData("operations")]
    [InlineData("operations/list-contacts")]
    [InlineData("data")]
    [InlineData("data/contacts")]
    public async Task An_integration_without_a_connector_or_an_unknown_one_is_404_not_found(string suffix)
    {
        using var membrane = fixture.Emulator.Membrane();
        var bare = await membrane.CreateUniqueAsync("bare");

        await membrane.GetAsync($"{Integrations}/{KeyOf(bare)}/{suffix}").ShouldBeNotFoundAsync();
        await membrane.GetAsync($"{Integrations}/{IdOf(bare)}/{suffix}").ShouldBeNotFoundAsync();
        await membrane.GetAsync($"{Integrations}/{UniqueKey("nope")}/{suffix}").ShouldBeNotFoundAsync();
    }

    [Fact]
    public async Task Operations_follow_a_connector_change()
    {
        using var membrane = fixture.Emulator.Membrane();
        var created = await membrane.CreateUniqueAsync("cx", new JsonObject { ["connectorKey"] = "stripe" });

        var stripe = await membrane.GetAsync($"{Integrations}/{IdOf(created)}/operations").OkArrayAsync();
        await membrane.PatchJsonAsync($"{Integrations}/{IdOf(created)}", new JsonObject { ["connectorKey"] = "notion" }).OkJsonAsync();
        var notion = await membrane.GetAsync($"{Integrations}/{IdOf(created)}/operations").OkArrayAsync();

        stripe.Should().HaveCount(6);
        notion.Select(o => Str(o!["key"])).Should().Equal("list-pages", "create-page", "list-databases", "create-database");
    }

    [Theory]
    [InlineData("integrationId")]
    [InlineData("integrationKey")]
    [InlineData("connectorId")]
    [InlineData("connectorKey")]
    public async Task Connection_options_resolve_the_connector_from_any_of_four_fields(string field)
    {
        using var membrane = fixture.Emulator.Membrane();
        var hubspot = await membrane.GetIntegrationAsync("hubspot");
        var value = field switch
        {
            "integrationId" => IdOf(hubspot),
            "integrationKey" => "hubspot",
            "connectorId" => Str(hubspot["connectorId"]),
            _ => "hubspot",
        };

        var options = await membrane.PostJsonAsync("connection-options", new JsonObject { [field] = value }).OkArrayAsync();

        var option = options.Should().ContainSingle().Subject!.AsObject();
        Str(option["key"]).Should().Be("oauth2");
        Str(option["type"]).Should().Be("oauth2");
        Str(option["title"]).Should().Contain("HubSpot");
    }

    [Fact]
    public async Task Connection_options_of_a_client_credentials_connector()
    {
        using var membrane = fixture.Emulator.Membrane();

        var options = await membrane.PostJsonAsync("connection-options", new JsonObject { ["connectorKey"] = "stripe", ["connectionId"] = "c1" }).OkArrayAsync();

        Str(options.Single()!["type"]).Should().Be("client-credentials");
    }

    [Fact]
    public async Task Connection_options_without_a_selector_or_with_unknown_ones_fail()
    {
        using var membrane = fixture.Emulator.Membrane();
        var bare = await membrane.CreateUniqueAsync("bare");

        await membrane.PostJsonAsync("connection-options", new JsonObject()).ShouldBeBadRequestAsync("integrationId");
        await membrane.PostJsonAsync("connection-options", new JsonObject { ["connectionId"] = "c1" }).ShouldBeBadRequestAsync("integrationId");
        await membrane.PostJsonAsync("connection-options", new JsonObject { ["connectorKey"] = "nope" }).ShouldBeBadRequestAsync("connectorKey");
        await membrane.PostJsonAsync("connection-options", new JsonObject { ["connectorId"] = "nope" }).ShouldBeBadRequestAsync("connectorId");
        await membrane.PostJsonAsync("connection-options", new JsonObject { ["integrationId"] = "nope" }).ShouldBeNotFoundAsync();
        await membrane.PostJsonAsync("connection-options", new JsonObject { ["integrationKey"] = KeyOf(bare) }).ShouldBeNotFoundAsync();
        await membrane.PostJsonAsync("connection-options", new JsonObject { ["integrationId"] = 5 }).ShouldBeBadRequestAsync("integrationId");
    }

    [Fact]
    public async Task Connector_routes_are_per_tenant_too()
    {
        using var a = fixture.Emulator.Membrane();
        using var b = fixture.Emulator.Membrane();
        var mine = await a.CreateUniqueAsync("t", new JsonObject { ["connectorKey"] = "jira" });

        (await a.GetAsync($"{Integrations}/{IdOf(mine)}/operations").OkArrayAsync()).Should().HaveCount(4);
        using var other = await b.GetAsync($"{Integrations}/{IdOf(mine)}/operations");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
