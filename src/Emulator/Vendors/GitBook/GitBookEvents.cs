using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emulator.Vendors.GitBook.Model;
using Microsoft.Extensions.Logging;

namespace Emulator.Vendors.GitBook;

/// <summary>
/// Integration events: every one is recorded (listIntegrationEvents); while the integration is in
/// development mode it is also POSTed as JSON to the tunnel. Delivery happens after the handler released
/// the tenant lock; a failed delivery marks the event <c>failed</c> with a trace line and never fails the
/// API call that caused it.
/// </summary>
public sealed class GitBookEvents(IHttpClientFactory httpClients, TimeProvider clock, ILogger<GitBookEvents> logger)
{
    public const string TunnelClient = "gitbook-tunnel";

    /// <summary>An event recorded and waiting to be sent to a tunnel.</summary>
    public sealed record Delivery(GitBookState State, IntegrationEventRecord Event, string TunnelUrl);

    /// <summary>Records an event of <paramref name="integrationName"/>; call with the tenant lock held.</summary>
    public Delivery? Record(GitBookState state, string integrationName, string? installationId, string type, JsonObject fields)
    {
        var record = Add(state, "evt_" + GitBookService.NewId(), clock.GetUtcNow(), integrationName, installationId, type, fields);
        if (state.DevelopmentModes.TryGetValue(integrationName, out var mode) && (mode.All || IsOwners(state, integrationName, installationId)))
            return new Delivery(state, record, mode.TunnelUrl);
        Trace(record, "info", mode is null
            ? "Recorded; the emulator runs no integration code (enable development mode to receive events)"
            : "Recorded, not forwarded: development mode without `all` forwards only the owner organization's events");
        return null;
    }

    /// <summary>Adds an event (payload: <c>eventId</c>, <c>type</c>, then <paramref name="fields"/>) without delivering it (lock held).</summary>
    public static IntegrationEventRecord Add(GitBookState state, string id, DateTimeOffset at, string integrationName, string? installationId, string type, JsonObject fields)
    {
        var payload = new JsonObject { ["eventId"] = id, ["type"] = type };
        foreach (var (key, value) in fields) payload[key] = value?.DeepClone();
        var record = new IntegrationEventRecord
        {
            Id = id,
            IntegrationName = integrationName,
            InstallationId = installationId,
            Seq = state.NextSeq(),
            CreatedAt = at,
            Payload = payload,
        };
        state.Events.Add(record);
        return record;
    }

    // Without `all`, development mode forwards only what happens in the integration's own organization.
    private static bool IsOwners(GitBookState state, string integrationName, string? installationId) =>
        installationId is null
        || !state.Installations.TryGetValue(installationId, out var installation)
        || !state.Integrations.TryGetValue(integrationName, out var integration)
        || installation.OrganizationId == integration.OwnerId;

    /// <summary>Sends recorded events to their tunnels, one after the other; never throws.</summary>
    public async Task DeliverAsync(IEnumerable<Delivery?> deliveries, CancellationToken cancellationToken = default)
    {
        foreach (var delivery in deliveries)
        {
            if (delivery is null) continue;
            var (ok, detail) = await SendAsync(delivery.TunnelUrl, delivery.Event.Payload, cancellationToken);
            lock (delivery.State.Gate)
            {
                delivery.Event.Status = ok ? "success" : "failed";
                Trace(delivery.Event, ok ? "info" : "error", detail);
            }
        }
    }

    /// <summary>POSTs a render event to the tunnel and returns its JSON answer (or why there is none).</summary>
    public async Task<(JsonNode? Answer, string Detail)> RenderAsync(string tunnelUrl, JsonObject payload, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClients.CreateClient(TunnelClient);
            using var response = await client.PostAsJsonAsync(tunnelUrl, payload, cancellationToken);
            if (!response.IsSuccessStatusCode) return (null, $"the tunnel answered {(int)response.StatusCode}");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return answer is JsonObject ? (answer, "ok") : (null, "the tunnel did not answer a JSON object");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return (null, "the tunnel could not be reached: " + e.Message);
        }
    }

    private async Task<(bool Ok, string Detail)> SendAsync(string tunnelUrl, JsonObject payload, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClients.CreateClient(TunnelClient);
            using var request = new HttpRequestMessage(HttpMethod.Post, tunnelUrl) { Content = JsonContent.Create(payload) };
            request.Headers.Add("x-gitbook-event-type", (string?)payload["type"]);
            request.Headers.Add("x-gitbook-event-id", (string?)payload["eventId"]);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? (true, $"Delivered to {tunnelUrl} ({(int)response.StatusCode})")
                : (false, $"Delivery to {tunnelUrl} failed: it answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            logger.LogWarning("GitBook event {EventId} could not be delivered to {TunnelUrl}: {Reason}", payload["eventId"], tunnelUrl, e.Message);
            return (false, $"Delivery to {tunnelUrl} failed: {e.Message}");
        }
    }

    private void Trace(IntegrationEventRecord record, string level, string message) =>
        record.Logs.Add(new JsonObject { ["message"] = message, ["timestamp"] = GitBookViews.Iso(clock.GetUtcNow()), ["level"] = level });
}
