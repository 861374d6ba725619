using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>
/// The webhook URLs of installed integrations (webhook.botpress.cloud/{webhookId} at Botpress; here
/// <c>/botpress/webhooks/{webhookId}[/path]</c>, as <c>bot.integrations[*].webhookUrl</c> shows them). A third party's
/// request there becomes a <c>webhook_received</c> call to the integration — down its dev tunnel while <c>bp dev</c>
/// runs — and the integration's answer is the third party's response. No credentials: the webhook id is the address.
/// </summary>
internal static class WebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.Map("/botpress/webhooks/{webhookId}", Receive).WithName("botpress.webhook").WithTags("botpress webhooks");
        app.Map("/botpress/webhooks/{webhookId}/{**path}", Receive).WithName("botpress.webhookPath").WithTags("botpress webhooks");
    }

    private static async Task Receive(HttpContext context, string webhookId, string? path, BotpressService service, IntegrationDispatcher dispatcher)
    {
        var target = Find(service, webhookId, context)
            ?? throw service.Errors.ResourceNotFound($"No integration installed on a bot has the webhook id \"{webhookId}\"");
        if (!target.Instance.Enabled)
            throw service.Errors.Forbidden($"Integration \"{target.Integration.Name}\" is disabled on bot \"{target.Bot.Id}\"; enable it to receive webhooks");

        var request = context.Request;
        var limit = context.RequestServices.GetRequiredService<EmulatorOptions>().MaxRequestBodyBytes;
        var body = Encoding.UTF8.GetString(await VendorRequests.ReadUpToAsync(request, limit) ?? throw service.Errors.PayloadTooLarge(limit));
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
            if (!IntegrationDispatcher.HopByHop.Contains(name)) headers[name.ToLowerInvariant()] = values.ToString();
        // What @botpress/sdk's integration server hands the handler as `req`.
        var req = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = "/" + (path ?? ""),
            ["query"] = request.QueryString.Value?.TrimStart('?') ?? "",
            ["headers"] = headers,
            ["body"] = body,
        };
        var call = new IntegrationRequest("POST", "/", null,
            IntegrationDispatcher.OperationHeaders("webhook_received", target.Bot.Id, target.Integration.Id, webhookId,
                target.Instance.Configuration, target.Instance.ConfigurationType),
            new JsonObject { ["req"] = req }.ToJsonString());
        IntegrationAnswer answer;
        try
        {
            answer = await dispatcher.SendAsync(target.Integration.Url, call, context.RequestAborted);
        }
        catch (IntegrationUnreachableException e)
        {
            throw service.Errors.IntegrationUnreachable($"Integration \"{target.Integration.Name}\" ({target.Integration.Id}) did not take the webhook: {e.Message}");
        }
        await DevTunnelEndpoints.WriteAnswerAsync(context, answer.Status, answer.Headers, answer.Body);
    }

    private sealed record Target(Bot Bot, BotIntegrationInstance Instance, IntegrationVersion Integration);

    // A webhook id is unique across tenants (minted at install); the tenant is whoever installed it.
    private static Target? Find(BotpressService service, string webhookId, HttpContext context)
    {
        foreach (var key in service.Tenants.Keys)
        {
            var target = service.Tenants.Get(key).Read(state =>
                state.FindWebhook(webhookId) is (var bot, _, var instance) && state.Integrations.TryGetValue(instance.IntegrationId, out var integration)
                    ? new Target(bot, instance, integration)
                    : null);
            if (target is null) continue;
            context.Items[VendorDirectory.TenantItem] = key;
            return target;
        }
        return null;
    }
}
