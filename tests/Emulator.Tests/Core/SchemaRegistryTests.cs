using IntegrationsApiEmulator.Core;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Tests.Core;

public sealed class SchemaRegistryTests
{
    private readonly SchemaRegistry _schemas = new();

    [Fact]
    public void Every_botpress_operation_has_its_schemas_embedded()
    {
        var names = SchemaRegistry.Names("botpress").ToList();

        // 20 integration operations and rotateIntegrationSigningSecrets, and 15 bot, workspace and interface operations.
        names.Count(n => n.EndsWith(".response.json", StringComparison.Ordinal)).Should().Be(36);
        names.Should().Contain("schemas/botpress/updateBot.request.json");
        names.Should().Contain("schemas/botpress/createIntegration.request.json");
        names.Should().Contain("schemas/botpress/listIntegrations.query.json");
    }

    [Fact]
    public void Violations_name_the_json_path()
    {
        var body = JObject.Parse("""{"name":"x","version":"1.0.0","channels":{"chat":{"title":"T","messages":{}, "bogus":1}}}""");

        var violations = _schemas.Validate("botpress", "createIntegration", SchemaPart.Request, body);

        violations.Should().ContainSingle(v => v.Path == "channels.chat.bogus" && v.Reason == "is not an allowed property");
    }

    [Fact]
    public void Missing_required_fields_and_lengths_are_reported_with_their_limits()
    {
        var body = JObject.Parse($$"""{"version":"1.0.0","title":"{{new string('t', 65)}}"}""");

        var violations = _schemas.Validate("botpress", "createIntegration", SchemaPart.Request, body);

        violations.Select(v => v.ToString()).Should().Contain(["name: is required", "title: must be at most 64 characters"]);
    }

    [Fact]
    public void An_unknown_schema_is_null() =>
        _schemas.Find("botpress", "noSuchOperation", SchemaPart.Request).Should().BeNull();
}
