using System.Net;
using IntegrationsApiEmulator.Tests.Botpress;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Reliability;

/// <summary>A refused Botpress integration name is told the rule it actually breaks, not one it satisfies.</summary>
public sealed class IntegrationNameRuleTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("x", "1 character long", "2 to 100 characters")]
    [InlineData("acme/x", "1 character long", "the name after '/'")]
    [InlineData("Slack", "must start with a lowercase letter", "'S'")]
    [InlineData("9lives", "must start with a lowercase letter", "'9'")]
    [InlineData("my integration", "holds ' '", "only lowercase letters, digits, '-' and '_'")]
    [InlineData("my.integration", "holds '.'", "only lowercase letters")]
    [InlineData("a/b/c", "more than one '/'")]
    [InlineData("/slack", "0 characters long", "the workspace handle before '/'", "1 to 100")]
    [InlineData("Acme/slack", "must start with a lowercase letter", "the workspace handle")]
    public async Task A_refused_name_states_the_rule_it_breaks(string name, params string[] mentions)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        var error = await botpress.PostJsonAsync(Integrations, Body(name)).ShouldFailAsync(HttpStatusCode.BadRequest, "InvalidPayload", ["name", .. mentions]);

        error.Message.Should().NotContain("starting with a letter, optionally prefixed");
    }

    [Theory]
    [InlineData("xy")]
    [InlineData("acme/slack")]
    [InlineData("a/bc")]
    public async Task Names_that_keep_the_rule_are_accepted(string name)
    {
        using var botpress = fixture.Emulator.CreateClientInNewWorkspace();

        (await CreateAsync(botpress, name))["name"]!.GetValue<string>().Should().EndWith(name.Split('/')[^1]);
    }
}
