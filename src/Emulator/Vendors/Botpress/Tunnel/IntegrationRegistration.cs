using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>
/// What the platform does after a bot's integrations change: it calls <c>register</c> on each instance that was
/// installed, enabled or reconfigured, and <c>unregister</c> on each that was removed or disabled. Only dev integrations
/// are called (their code runs on the developer's machine, behind their <c>url</c>); the emulator runs no production
/// integration code, so their instances count as registered at once. The call happens after updateBot committed and
/// before it answers, so the answer shows <c>registered</c> or <c>registration_failed</c> (with the handler's message
/// in <c>statusReason</c>); a failed registration does not undo the update (Botpress reports it on the instance).
/// </summary>
internal static class IntegrationRegistration
{
    public sealed record Call(string Operation, string Alias, BotIntegrationInstance Instance, IntegrationVersion Integration);

    /// <summary>
    /// The calls a change of <paramref name="before"/> (null: a new bot) into <paramref name="after"/> (null: deleted)
    /// needs; marks the instances to register <c>registration_pending</c> in <paramref name="after"/> (call inside <c>Write</c>).
    /// </summary>
    public static List<Call> Plan(Bot? before, Bot? after, BotpressState state)
    {
        var calls = new List<Call>();
        var previous = before?.Integrations ?? new Dictionary<string, BotIntegrationInstance>();
        var next = after?.Integrations ?? new Dictionary<string, BotIntegrationInstance>();
        foreach (var (alias, instance) in next.ToList())
        {
            if (!instance.Enabled || DevIntegration(state, instance) is not { } integration) continue;
            var old = previous.GetValueOrDefault(alias);
            if (old is not null && old.Enabled && old.IntegrationId == instance.IntegrationId && old.WebhookId == instance.WebhookId
                && old.ConfigurationType == instance.ConfigurationType && old.Configuration.ToJsonString() == instance.Configuration.ToJsonString()) continue;
            var pending = instance with { Status = "registration_pending", StatusReason = null };
            next[alias] = pending;
            calls.Add(new Call("register", alias, pending, integration));
        }
        foreach (var (alias, old) in previous)
        {
            if (!old.Enabled || DevIntegration(state, old) is not { } integration) continue;
            if (!next.TryGetValue(alias, out var now) || !now.Enabled || now.IntegrationId != old.IntegrationId || now.WebhookId != old.WebhookId)
                calls.Add(new Call("unregister", alias, old, integration));
        }
        return calls;
    }

    /// <summary>Makes the calls (outside <c>Read</c> and <c>Write</c>), then records each registration's outcome on its instance.</summary>
    public static async Task RunAsync(IReadOnlyList<Call> calls, Bot bot, BotpressState state, HttpRequest request,
        IntegrationDispatcher dispatcher, CancellationToken cancellationToken)
    {
        // Unregistrations first: a reinstall under the same alias unregisters the old instance, then registers the new.
        foreach (var call in calls.OrderBy(c => c.Operation == "register"))
        {
            var webhookUrl = BotIntegrationInstance.WebhookUrl(request, call.Instance.WebhookId);
            var headers = IntegrationDispatcher.OperationHeaders(call.Operation, bot.Id, call.Integration.Id, call.Instance.WebhookId,
                call.Instance.Configuration, call.Instance.ConfigurationType);
            var body = new JsonObject { ["webhookUrl"] = webhookUrl }.ToJsonString();
            string? failure;
            try
            {
                var answer = await dispatcher.SendAsync(call.Integration.Url, new IntegrationRequest("POST", "/", null, headers, body), cancellationToken);
                failure = answer.Status is >= 200 and < 300 ? null : $"{call.Operation} answered {answer.Status}: {MessageOf(answer.Body)}";
            }
            catch (IntegrationUnreachableException e)
            {
                failure = $"{call.Operation} could not reach the integration: {e.Message}";
            }
            if (call.Operation != "register") continue;
            state.Write(tenant =>
            {
                // Only if the instance is still the one registered (a later update may have replaced it).
                if (!tenant.Bots.TryGetValue(bot.Id, out var current) || !current.Integrations.TryGetValue(call.Alias, out var instance)
                    || instance.WebhookId != call.Instance.WebhookId) return;
                current.Integrations[call.Alias] = instance with
                {
                    Status = failure is null ? "registered" : "registration_failed",
                    StatusReason = failure,
                };
            });
        }
    }

    private static IntegrationVersion? DevIntegration(BotpressState state, BotIntegrationInstance instance) =>
        state.Integrations.TryGetValue(instance.IntegrationId, out var integration) && integration.Dev ? integration : null;

    // @botpress/sdk answers a failed handler with its RuntimeError as JSON ({code, type, message}).
    private static string MessageOf(string? body)
    {
        if (string.IsNullOrEmpty(body)) return "(no body)";
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["message"] is JsonValue message && message.TryGetValue<string>(out var text)) return text;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return body.Length <= 500 ? body : body[..500] + "…";
    }
}
