using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Integration events: every one is recorded (listIntegrationEvents); while the integration is in development mode
/// it is also dispatched to the tunnel as the GitBook runtime (<c>@gitbook/runtime</c>'s <c>createIntegration</c>)
/// reads it: a <c>multipart/form-data</c> POST with the fields <c>event</c> (the event JSON), <c>environment</c> (an
/// IntegrationEnvironment: <c>apiEndpoint</c> = this emulator's GitBook endpoint, <c>apiTokens</c> minted for the
/// integration and installation, the integration, installation and space/site installation) and <c>fetch-body</c>
/// (empty: the emulator raises no <c>fetch</c> events). A tunnel URL on a host registered with the tunnel edge
/// (<see cref="TunnelRegistry"/>) goes to the registered local origin. Delivery happens after the handler released
/// the tenant lock; a failed delivery marks the event <c>failed</c> with a trace line and never fails the API call
/// that caused it.
/// </summary>
internal sealed class GitBookEvents(
    IHttpClientFactory httpClients,
    TimeProvider clock,
    TenantRegistry<GitBookState> tenants,
    TunnelRegistry tunnels,
    ILogger<GitBookEvents> logger)
{
    public const string TunnelClient = "gitbook-tunnel";

    /// <summary>The <c>apiEndpoint</c> of deliveries whose cause left none (a task restored from an old snapshot).</summary>
    public const string FallbackApiEndpoint = "http://127.0.0.1:5080/gitbook";

    /// <summary>Where an event comes from: the tenant (its tokens alias it) and the API endpoint the caller used (<c>http://host/gitbook</c>).</summary>
    public sealed record Origin(string TenantKey, string ApiEndpoint);

    /// <summary>An event recorded and waiting to be sent to a tunnel, with the environment it is dispatched with.</summary>
    public sealed record Delivery(GitBookState State, IntegrationEventRecord Event, string TunnelUrl, JsonObject Environment);

    /// <summary>Records an event of <paramref name="integrationName"/>; call with the tenant lock held.</summary>
    public Delivery? Record(GitBookState state, Origin origin, string integrationName, string? installationId, string type, JsonObject fields)
    {
        var record = Add(state, "evt_" + GitBookService.NewId(), clock.GetUtcNow(), integrationName, installationId, type, fields);
        if (state.DevelopmentModes.TryGetValue(integrationName, out var mode) && (mode.All || IsOwners(state, integrationName, installationId)))
            return new Delivery(state, record, mode.TunnelUrl, Environment(state, origin, integrationName, installationId, type, fields));
        Trace(record, "info", mode is null
            ? "Recorded; the emulator runs no integration code (enable development mode to receive events)"
            : "Recorded, not forwarded: development mode without `all` forwards only the owner organization's events");
        return null;
    }

    /// <summary>
    /// The IntegrationEnvironment an event is dispatched with (lock held). <c>installation</c> and
    /// <c>apiTokens.installation</c> when the event belongs to an installation that still exists (not for
    /// <c>installation_deleted</c>); <c>spaceInstallation</c> / <c>siteInstallation</c> when it names a space or site
    /// the installation is still installed on.
    /// </summary>
    public JsonObject Environment(GitBookState state, Origin origin, string integrationName, string? installationId, string type, JsonObject fields)
    {
        var views = new GitBookViews(origin.ApiEndpoint + "/v1", state);
        var integration = state.Integrations[integrationName];
        var tokens = new JsonObject { ["integration"] = GitBookTokens.IntegrationToken(state, tenants, origin.TenantKey, integrationName) };
        var environment = new JsonObject
        {
            ["apiEndpoint"] = origin.ApiEndpoint,
            ["apiTokens"] = tokens,
            ["integration"] = views.Integration(integration),
            ["signingSecrets"] = new JsonObject { ["integration"] = GitBookTokens.SigningSecret(origin.TenantKey, integrationName) },
            ["secrets"] = new JsonObject([.. integration.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
        };
        if (installationId is null || type == "installation_deleted" || !state.Installations.TryGetValue(installationId, out var installation)) return environment;
        environment["installation"] = views.Installation(installation);
        tokens["installation"] = GitBookTokens.DispatchInstallationToken(state, tenants, origin.TenantKey, installationId);
        foreach (var (field, kind, key) in new[] { ("spaceId", ContentKind.Space, "spaceInstallation"), ("siteId", ContentKind.Site, "siteInstallation") })
        {
            // Installation events carry the space or site id; anything else (a render request's extra keys) is no target.
            if (fields[field] is not JsonValue value || !value.TryGetValue<string>(out var target)) continue;
            var content = state.ContentOf(installationId).FirstOrDefault(c => c.Kind == kind && c.TargetId == target);
            if (content is not null) environment[key] = views.Content(content, extended: false);
        }
        return environment;
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
            var (ok, detail) = await SendAsync(delivery, cancellationToken);
            delivery.State.Write(_ =>
            {
                delivery.Event.Status = ok ? "success" : "failed";
                Trace(delivery.Event, ok ? "info" : "error", detail);
            });
        }
    }

    /// <summary>Dispatches a render event to the tunnel and returns its JSON answer (or why there is none).</summary>
    public async Task<(JsonNode? Answer, string Detail)> RenderAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClients.CreateClient(TunnelClient);
            using var request = Dispatch(delivery, out var resolution);
            if (resolution.ClosedAt is { } closedAt) return (null, Closed(delivery.TunnelUrl, closedAt));
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return (null, $"the tunnel answered {(int)response.StatusCode}");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var via = resolution.Route is null ? "" : $" (via the registered tunnel to {resolution.Route.Origin})";
            return answer is JsonObject ? (answer, $"Rendered by {delivery.TunnelUrl}{via} ({(int)response.StatusCode})") : (null, "the tunnel did not answer a JSON object");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return (null, "the tunnel could not be reached: " + e.Message);
        }
    }

    private async Task<(bool Ok, string Detail)> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var tunnelUrl = delivery.TunnelUrl;
        try
        {
            using var client = httpClients.CreateClient(TunnelClient);
            using var request = Dispatch(delivery, out var resolution);
            if (resolution.ClosedAt is { } closedAt) return (false, $"Delivery to {tunnelUrl} failed: {Closed(tunnelUrl, closedAt)}");
            var via = resolution.Route is null ? "" : $" (via the registered tunnel to {resolution.Route.Origin})";
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? (true, $"Delivered to {tunnelUrl}{via} ({(int)response.StatusCode})")
                : (false, $"Delivery to {tunnelUrl}{via} failed: it answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            logger.LogWarning("GitBook event {EventId} could not be delivered to {TunnelUrl}: {Reason}", delivery.Event.Id, tunnelUrl, e.Message);
            return (false, $"Delivery to {tunnelUrl} failed: {e.Message}");
        }
    }

    /// <summary>
    /// The dispatch request of a delivery: a POST of the form the runtime reads (<c>event</c>, <c>environment</c>,
    /// <c>fetch-body</c>) to the tunnel URL, or to the local origin of its host when that host is a registered tunnel.
    /// </summary>
    public HttpRequestMessage Dispatch(Delivery delivery, out TunnelResolution resolution)
    {
        resolution = tunnels.Resolve(new Uri(delivery.TunnelUrl));
        var target = resolution.Target;
        var form = new MultipartFormDataContent();
        AddField(form, "event", delivery.Event.Payload.ToJsonString());
        AddField(form, "environment", delivery.Environment.ToJsonString());
        AddField(form, "fetch-body", "");
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = form };
        request.Headers.Add("x-gitbook-event-type", (string?)delivery.Event.Payload["type"]);
        request.Headers.Add("x-gitbook-event-id", delivery.Event.Id);
        return request;
    }

    private static string Closed(string tunnelUrl, DateTimeOffset closedAt) =>
        $"the tunnel {new Uri(tunnelUrl).Host} was closed at {GitBookViews.Iso(closedAt)} (its cloudflared stopped); nothing was sent";

    // A plain form field, as a browser sends one: quoted name, no per-part content type.
    private static void AddField(MultipartFormDataContent form, string name, string value)
    {
        var part = new StringContent(value);
        part.Headers.ContentType = null;
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"" };
        form.Add(part);
    }

    private void Trace(IntegrationEventRecord record, string level, string message) =>
        record.Logs.Add(new JsonObject { ["message"] = message, ["timestamp"] = GitBookViews.Iso(clock.GetUtcNow()), ["level"] = level });
}
