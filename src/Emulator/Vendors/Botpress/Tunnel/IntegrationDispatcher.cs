using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.Vendors.Botpress.Tunnel;

/// <summary>An HTTP request the platform sends to an integration's <c>url</c>.</summary>
internal sealed record IntegrationRequest(string Method, string Path, string? Query, IReadOnlyDictionary<string, string[]> Headers, string? Body);

/// <summary>The integration's answer.</summary>
internal sealed record IntegrationAnswer(int Status, IReadOnlyDictionary<string, string[]> Headers, string? Body);

/// <summary>The integration could not be reached (no url, tunnel closed, connection refused, timeout).</summary>
internal sealed class IntegrationUnreachableException(string message) : Exception(message);

/// <summary>
/// Sends the platform's calls to an integration, as Botpress Cloud does with the integration's <c>url</c>: down a
/// dev tunnel connected to this emulator when the URL leads to one, else over HTTP (a dev integration served by
/// <c>bp serve</c> on the developer's machine, or any URL a test gives). The emulator runs no integration code of its
/// own, so an integration without a url cannot be called.
/// </summary>
internal sealed class IntegrationDispatcher(DevTunnels tunnels, IHttpClientFactory httpClients, ILogger<IntegrationDispatcher> logger)
{
    public const string HttpClientName = "botpress-integrations";

    /// <summary>How long the platform waits for an integration (Botpress's default max execution time is 60 s).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Headers that belong to one hop of HTTP, never forwarded.</summary>
    public static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer", "host", "content-length",
    };

    public async Task<IntegrationAnswer> SendAsync(string url, IntegrationRequest request, CancellationToken cancellationToken)
    {
        if (url.Length == 0) throw new IntegrationUnreachableException("the integration has no url: the emulator runs no integration code (run it with `bp dev`)");
        if (tunnels.Resolve(url) is { } route)
        {
            if (route.Tunnel is not { } tunnel) throw new IntegrationUnreachableException($"dev tunnel {route.Id} is closed (bp dev is not running)");
            var path = route.Path == "/" ? request.Path : route.Path.TrimEnd('/') + request.Path;
            try
            {
                var answer = await tunnel.SendAsync(
                    new TunnelRequest(Guid.NewGuid().ToString(), request.Method, path, request.Query, request.Headers, request.Body),
                    Timeout, cancellationToken);
                return new IntegrationAnswer(answer.Status, answer.Headers, answer.Body);
            }
            catch (TunnelUnavailableException e)
            {
                throw new IntegrationUnreachableException(e.Message);
            }
        }
        return await SendHttpAsync(url, request, cancellationToken);
    }

    private async Task<IntegrationAnswer> SendHttpAsync(string url, IntegrationRequest request, CancellationToken cancellationToken)
    {
        var target = url.TrimEnd('/') + (request.Path == "/" ? "" : request.Path) + (request.Query is { Length: > 0 } q ? "?" + q : "");
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new IntegrationUnreachableException($"the integration's url \"{url}\" is not an http(s) URL");
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body is not null) message.Content = new StringContent(request.Body, Encoding.UTF8);
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, values) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(message, cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => !HopByHop.Contains(h.Key))
                .ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
            return new IntegrationAnswer((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Integration at {Url} could not be reached: {Reason}", url, e.Message);
            throw new IntegrationUnreachableException($"{url} could not be reached: {e.Message}");
        }
    }

    /// <summary>
    /// The headers with which the platform tells an integration what it is asked to do and for whom (read by
    /// <c>@botpress/sdk</c>'s integration server: x-bot-id, x-bot-user-id, x-integration-id, x-webhook-id,
    /// x-bp-configuration (base64 JSON), x-bp-operation, x-bp-type).
    /// </summary>
    public static Dictionary<string, string[]> OperationHeaders(string operation, string botId, string integrationId, string webhookId,
        JsonObject configuration, string? configurationType, string? type = null)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = ["application/json"],
            ["x-bot-id"] = [botId],
            ["x-bot-user-id"] = [BotUserId(botId)],
            ["x-integration-id"] = [integrationId],
            ["x-webhook-id"] = [webhookId],
            ["x-bp-operation"] = [operation],
            ["x-bp-configuration"] = [Convert.ToBase64String(Encoding.UTF8.GetBytes(configuration.ToJsonString()))],
        };
        if (configurationType is not null) headers["x-bp-configuration-type"] = [configurationType];
        if (type is not null) headers["x-bp-type"] = [type];
        return headers;
    }

    /// <summary>The user a bot acts as in conversations (stable for a bot id).</summary>
    public static string BotUserId(string botId) => "user_" + (botId.StartsWith("bot_", StringComparison.Ordinal) ? botId[4..] : botId);
}
