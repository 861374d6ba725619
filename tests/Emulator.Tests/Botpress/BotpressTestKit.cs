using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Hosting;
using Emulator.Vendors.Botpress;
using Emulator.Vendors.Botpress.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests.Botpress;

/// <summary>A Botpress error envelope <c>{id, code, type, message}</c> as the tests read it.</summary>
internal sealed record BotpressError(HttpStatusCode Status, string Id, int Code, string Type, string Message);

/// <summary>Shared helpers of the Botpress tests: unique names, JSON calls, the error envelope, walks.</summary>
internal static class BotpressTestKit
{
    public const string Integrations = "v1/admin/integrations";
    public const string Hub = "v1/admin/hub/integrations";
    public const string Iaks = "v1/admin/integrations/iaks";

    /// <summary>A valid integration name no other test uses.</summary>
    public static string UniqueName(string prefix = "it") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A workspace id no other test uses (any id a caller sends is a workspace of its tenant).</summary>
    public static string NewWorkspaceId() => "wkspace_" + Guid.NewGuid().ToString("N");

    /// <summary>A client on a fresh tenant (or <paramref name="token"/>'s) in a fresh, empty workspace.</summary>
    public static HttpClient CreateClientInNewWorkspace(this IntegrationsEmulator emulator, string? token = null) =>
        emulator.CreateBotpressClient(token, NewWorkspaceId());

    public static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    public static string WorkspaceOf(HttpClient client) => client.DefaultRequestHeaders.GetValues("x-workspace-id").Single();

    /// <summary>The tenant state behind a client's token (for effects the API does not show).</summary>
    public static BotpressState StateOf(IntegrationsEmulator emulator, HttpClient client) =>
        emulator.Services.GetRequiredService<TenantRegistry<BotpressState>>().For(TokenOf(client));

    /// <summary>The seeded interface catalogue (the same for every tenant).</summary>
    public static IReadOnlyCollection<InterfaceDefinition> Interfaces(IntegrationsEmulator emulator) =>
        [.. emulator.Services.GetRequiredService<TenantRegistry<BotpressState>>().Template.Interfaces.Values];

    /// <summary>Parses an error response: JSON, the four envelope keys, a Botpress-style id, code = HTTP status.</summary>
    public static async Task<BotpressError> ErrorOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(400, "an error was expected, got {0} {1}", response.StatusCode, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json", "error bodies are JSON: {0}", text);
        var body = JsonNode.Parse(text)!.AsObject();
        body.Select(p => p.Key).Should().Contain(["id", "code", "type", "message"], "the client needs all four keys: {0}", text);
        var error = new BotpressError(response.StatusCode, Str(body["id"]), body["code"]!.GetValue<int>(), Str(body["type"]), Str(body["message"]));
        error.Id.Should().MatchRegex(@"^err_\d{14}x[0-9A-F]{8}$");
        error.Code.Should().Be((int)response.StatusCode, "code repeats the HTTP status: {0}", text);
        return error;
    }

    /// <summary>Asserts the status, the error <c>type</c>, and that the message names each of <paramref name="mentions"/>.</summary>
    public static async Task<BotpressError> ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, string type, params string[] mentions)
    {
        var error = await ErrorOf(response);
        error.Status.Should().Be(status, "error was {0}", error);
        error.Type.Should().Be(type, "error was {0}", error);
        foreach (var mention in mentions) error.Message.Should().Contain(mention);
        return error;
    }

    public static async Task<BotpressError> ShouldFailAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string type, params string[] mentions)
    {
        using var response = await call;
        return await response.ShouldFailAsync(status, type, mentions);
    }

    /// <summary>The JSON object of a 200 response (the failure message carries the body otherwise).</summary>
    public static async Task<JsonObject> OkJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the call should succeed, body: {0}", text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> OkJsonAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return await response.OkJsonAsync();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) => client.PutAsJsonAsync(url, body);

    /// <summary>A DELETE as <c>@botpress/client</c> sends it: with a <c>{}</c> JSON body.</summary>
    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

    /// <summary>A request with a raw body and content type (null content type = none).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

    /// <summary>createIntegration with <paramref name="extra"/> merged into <c>{name, version}</c>; returns the integration.</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient client, string name, string version = "1.0.0", JsonObject? extra = null)
    {
        var body = Body(name, version, extra);
        return (await client.PostJsonAsync(Integrations, body).OkJsonAsync())["integration"]!.AsObject();
    }

    public static JsonObject Body(string name, string version = "1.0.0", JsonObject? extra = null)
    {
        var body = new JsonObject { ["name"] = name, ["version"] = version };
        if (extra is not null)
            foreach (var (key, value) in extra) body[key] = value?.DeepClone();
        return body;
    }

    public static async Task<JsonObject> GetIntegrationAsync(HttpClient client, string id) =>
        (await client.GetAsync($"{Integrations}/{id}").OkJsonAsync())["integration"]!.AsObject();

    /// <summary>Every page of a list (integrations under <c>integrations</c>, token in <c>meta.nextToken</c>).</summary>
    public static async Task<List<JsonObject>> ListAllAsync(HttpClient client, string url, int maxPages = 1000)
    {
        var items = new List<JsonObject>();
        string? token = null;
        for (var pages = 0; pages < maxPages; pages++)
        {
            var page = await client.GetAsync(WithToken(url, token)).OkJsonAsync();
            items.AddRange(page["integrations"]!.AsArray().Select(i => i!.AsObject()));
            token = (string?)page["meta"]!["nextToken"];
            if (token is null) return items;
        }
        throw new InvalidOperationException($"{url} did not end within {maxPages} pages");
    }

    public static string WithToken(string url, string? token) =>
        token is null ? url : url + (url.Contains('?') ? "&" : "?") + "nextToken=" + Uri.EscapeDataString(token);

    public static List<JsonObject> Items(JsonObject page) => [.. page["integrations"]!.AsArray().Select(i => i!.AsObject())];

    public static string Str(JsonNode? node) => node!.GetValue<string>();

    public static string IdOf(JsonObject integration) => Str(integration["id"]);
}
