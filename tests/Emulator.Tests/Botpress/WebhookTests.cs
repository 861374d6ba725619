using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress.Tunnel;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationsApiEmulator.Tests.Botpress.BotpressTestKit;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>
/// The platform's calls to a dev integration (running under <c>bp dev</c>, here a fake tail of its tunnel): register and
/// unregister when a bot installs or drops it, and webhook_received for what a third party sends to the webhook URL.
/// </summary>
public sealed class WebhookTests(KestrelEmulatorFixture fixture) : IClassFixture<KestrelEmulatorFixture>
{
    private const string Bots = "v1/admin/bots";

    private IntegrationsEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task Installing_a_dev_integration_registers_it_through_its_tunnel_and_the_webhook_url_reaches_its_handler()
    {
        using var botpress = Emulator.CreateClientInNewWorkspace();
        await using var tail = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        var integration = await CreateAsync(botpress, UniqueName("hooks"), "0.1.0", new JsonObject { ["dev"] = true, ["url"] = tail.HttpUrl(Emulator.BaseAddress) });
        var botId = await NewBotAsync(botpress);

        var install = botpress.PutJsonAsync($"{Bots}/{botId}", Install(IdOf(integration), new JsonObject { ["apiKey"] = "k-1" }));
        var register = (await tail.ReceiveAsync())!;
        Header(register, "x-bp-operation").Should().Be("register");
        Header(register, "x-bot-id").Should().Be(botId);
        Header(register, "x-integration-id").Should().Be(IdOf(integration));
        Encoding.UTF8.GetString(Convert.FromBase64String(Header(register, "x-bp-configuration"))).Should().Be("""{"apiKey":"k-1"}""");
        var webhookUrl = (string)JsonNode.Parse((string)register["body"]!)!["webhookUrl"]!;
        await tail.RespondAsync(register, 200, "{}");
        var instance = (await install.OkJsonAsync())["bot"]!["integrations"]![IdOf(integration)]!;

        ((string?)instance["status"]).Should().Be("registered");
        ((string?)instance["webhookUrl"]).Should().Be(webhookUrl).And.StartWith(new Uri(Emulator.BaseAddress, "botpress/webhooks/").ToString());
        Header(register, "x-webhook-id").Should().Be((string?)instance["webhookId"]);

        using var thirdParty = new HttpClient();
        var delivery = thirdParty.PostAsync(webhookUrl + "/events?sig=abc", new StringContent("""{"event":"push"}""", Encoding.UTF8, "application/json"));
        var received = (await tail.ReceiveAsync())!;
        Header(received, "x-bp-operation").Should().Be("webhook_received");
        var req = JsonNode.Parse((string)received["body"]!)!["req"]!;
        ((string?)req["method"]).Should().Be("POST");
        ((string?)req["path"]).Should().Be("/events");
        ((string?)req["query"]).Should().Be("sig=abc");
        ((string?)req["body"]).Should().Be("""{"event":"push"}""");
        ((string?)req["headers"]!["content-type"]).Should().StartWith("application/json");
        await tail.RespondAsync(received, 202, "thanks", new JsonObject { ["x-handled"] = "yes" });
        using var answer = await delivery;

        answer.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await answer.Content.ReadAsStringAsync()).Should().Be("thanks");
        answer.Headers.GetValues("x-handled").Should().Equal("yes");
        Emulator.GetRequests().Should().Contain(e => e.Path.StartsWith("/botpress/webhooks/") && e.Status == 202, "webhooks are journaled");

        // Removing it from the bot unregisters it.
        var uninstall = botpress.PutJsonAsync($"{Bots}/{botId}", new JsonObject { ["integrations"] = new JsonObject { [IdOf(integration)] = null } });
        var unregister = (await tail.ReceiveAsync())!;
        Header(unregister, "x-bp-operation").Should().Be("unregister");
        await tail.RespondAsync(unregister, 200);
        (await uninstall.OkJsonAsync())["bot"]!["integrations"]!.AsObject().Should().BeEmpty();
        await thirdParty.PostAsync(webhookUrl, new StringContent("{}")).ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "webhook");
    }

    [Fact]
    public async Task A_register_handler_that_throws_leaves_the_instance_registration_failed_with_its_message()
    {
        using var botpress = Emulator.CreateClientInNewWorkspace();
        await using var tail = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        var integration = await CreateAsync(botpress, UniqueName("failing"), "0.1.0", new JsonObject { ["dev"] = true, ["url"] = tail.HttpUrl(Emulator.BaseAddress) });
        var botId = await NewBotAsync(botpress);

        var install = botpress.PutJsonAsync($"{Bots}/{botId}", Install(IdOf(integration)));
        var register = (await tail.ReceiveAsync())!;
        // What @botpress/sdk answers when the handler throws a RuntimeError.
        await tail.RespondAsync(register, 400, """{"code":400,"type":"Runtime","message":"Invalid configuration"}""");
        var instance = (await install.OkJsonAsync())["bot"]!["integrations"]![IdOf(integration)]!;

        ((string?)instance["status"]).Should().Be("registration_failed");
        ((string?)instance["statusReason"]).Should().Be("register answered 400: Invalid configuration");
        var read = await botpress.GetAsync($"{Bots}/{botId}").OkJsonAsync();
        ((string?)read["bot"]!["integrations"]![IdOf(integration)]!["status"]).Should().Be("registration_failed");

        // Sent again unchanged (bp deploy of the bot again), it is not registered again and keeps its outcome ...
        var same = (await botpress.PutJsonAsync($"{Bots}/{botId}", Install(IdOf(integration))).OkJsonAsync())["bot"]!["integrations"]![IdOf(integration)]!;
        ((string?)same["status"]).Should().Be("registration_failed");
        // ... reconfigured, it is.
        var reconfigure = botpress.PutJsonAsync($"{Bots}/{botId}", Install(IdOf(integration), new JsonObject { ["fixed"] = true }));
        var again = (await tail.ReceiveAsync())!;
        Header(again, "x-bp-operation").Should().Be("register");
        await tail.RespondAsync(again, 200);
        var fixedUp = (await reconfigure.OkJsonAsync())["bot"]!["integrations"]![IdOf(integration)]!;
        ((string?)fixedUp["status"]).Should().Be("registered");
        fixedUp["statusReason"].Should().BeNull();
    }

    [Fact]
    public async Task Without_bp_dev_running_registration_fails_and_webhooks_answer_502_and_production_integrations_are_registered_at_once()
    {
        using var botpress = Emulator.CreateClientInNewWorkspace();
        // bp dev ran once and stopped: its tunnel closed.
        var tail = await TunnelTail.ConnectAsync(Emulator.BaseAddress);
        var stopped = await CreateAsync(botpress, UniqueName("stopped"), "0.1.0", new JsonObject { ["dev"] = true, ["url"] = tail.HttpUrl(Emulator.BaseAddress) });
        await tail.DisposeAsync();
        await WaitUntilClosedAsync(tail.Id);
        var production = await CreateAsync(botpress, UniqueName("prod"));
        var botId = await NewBotAsync(botpress);

        var integrations = (await botpress.PutJsonAsync($"{Bots}/{botId}", Install(IdOf(stopped))).OkJsonAsync())["bot"]!["integrations"]!;
        ((string?)integrations[IdOf(stopped)]!["status"]).Should().Be("registration_failed");
        ((string?)integrations[IdOf(stopped)]!["statusReason"]).Should().Contain("could not reach").And.Contain("is closed");
        var withProduction = (await botpress.PutJsonAsync($"{Bots}/{botId}", Install(IdOf(production))).OkJsonAsync())["bot"]!["integrations"]!;
        ((string?)withProduction[IdOf(production)]!["status"]).Should().Be("registered", "the emulator runs no production integration code");

        using var thirdParty = new HttpClient();
        await thirdParty.PostAsync((string)integrations[IdOf(stopped)]!["webhookUrl"]!, new StringContent("{}"))
            .ShouldFailAsync(HttpStatusCode.BadGateway, "Internal", "did not take the webhook", "bp dev is not running");
        await thirdParty.PostAsync((string)withProduction[IdOf(production)]!["webhookUrl"]!, new StringContent("{}"))
            .ShouldFailAsync(HttpStatusCode.BadGateway, "Internal", "no url");

        var disabled = new JsonObject { ["integrations"] = new JsonObject { [IdOf(production)] = new JsonObject { ["enabled"] = false } } };
        await botpress.PutJsonAsync($"{Bots}/{botId}", disabled).OkJsonAsync();
        await thirdParty.PostAsync((string)withProduction[IdOf(production)]!["webhookUrl"]!, new StringContent("{}"))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "Forbidden", "disabled");
        await thirdParty.GetAsync(new Uri(Emulator.BaseAddress, "botpress/webhooks/no-such-webhook"))
            .ShouldFailAsync(HttpStatusCode.NotFound, "ResourceNotFound", "no-such-webhook");
    }

    private async Task WaitUntilClosedAsync(string tunnelId)
    {
        var tunnels = Emulator.Services.GetRequiredService<DevTunnels>();
        for (var i = 0; i < 100 && tunnels.Find(tunnelId) is not null; i++) await Task.Delay(20);
        tunnels.Find(tunnelId).Should().BeNull();
    }

    private static JsonObject Install(string integrationId, JsonObject? configuration = null) => new()
    {
        ["integrations"] = new JsonObject
        {
            [integrationId] = new JsonObject { ["enabled"] = true, ["configuration"] = configuration ?? new JsonObject() },
        },
    };

    private static async Task<string> NewBotAsync(HttpClient botpress) =>
        (string)(await botpress.PostJsonAsync(Bots, new JsonObject { ["name"] = "hooks" }).OkJsonAsync())["bot"]!["id"]!;

    private static string Header(JsonObject request, string name) => (string)request["headers"]![name]!;
}
