using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Botpress;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.Botpress;

/// <summary>A Botpress error envelope <c>{id, code, type, message}</c> as the tests read it.</summary>
internal sealed record BotpressError(HttpStatusCode Status, string Id, int Code, string Type, string Message) : IVendorError;

/// <summary>What the Botpress tests add to <see cref="VendorTestKit"/>: routes, workspaces, the error envelope, integrations, <c>nextToken</c> walks.</summary>
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

    public static string WorkspaceOf(HttpClient client) => client.DefaultRequestHeaders.GetValues("x-workspace-id").Single();

    /// <summary>The tenant state behind a client's token (for effects the API does not show).</summary>
    public static BotpressState StateOf(IntegrationsEmulator emulator, HttpClient client) => TenantOf<BotpressState>(emulator, TokenOf(client));

    /// <summary>The seeded interface catalogue (the same for every tenant).</summary>
    public static IReadOnlyCollection<InterfaceDefinition> Interfaces(IntegrationsEmulator emulator) =>
        [.. emulator.Services.GetRequiredService<TenantRegistry<BotpressState>>().Template.Interfaces.Values];

    /// <summary>Parses an error response: JSON, the four envelope keys, a Botpress-style id, code = HTTP status.</summary>
    public static async Task<BotpressError> ErrorOf(HttpResponseMessage response)
    {
        var body = await ErrorBodyAsync(response);
        body.Select(p => p.Key).Should().Contain(["id", "code", "type", "message"], "the client needs all four keys: {0}", body);
        var error = new BotpressError(response.StatusCode, Str(body["id"]), body["code"]!.GetValue<int>(), Str(body["type"]), Str(body["message"]));
        error.Id.Should().MatchRegex(@"^err_\d{14}x[0-9A-F]{8}$");
        error.Code.Should().Be((int)response.StatusCode, "code repeats the HTTP status: {0}", body);
        return error;
    }

    /// <summary>Asserts the status, the error <c>type</c>, and that the message names each of <paramref name="mentions"/>.</summary>
    public static async Task<BotpressError> ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, string type, params string[] mentions)
    {
        var error = (await ErrorOf(response)).ShouldBe(status, mentions);
        error.Type.Should().Be(type, "error was {0}", error);
        return error;
    }

    public static Task<BotpressError> ShouldFailAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string type, params string[] mentions) =>
        call.ReadAsync(response => response.ShouldFailAsync(status, type, mentions));

    /// <summary>A DELETE as <c>@botpress/client</c> sends it: with a <c>{}</c> JSON body.</summary>
    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

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

    /// <summary>Every page of an integration list (integrations under <c>integrations</c>, token in <c>meta.nextToken</c>).</summary>
    public static async Task<List<JsonObject>> ListAllAsync(HttpClient client, string url, int maxPages = 1000) =>
        [.. (await PagesAsync(client, url, "nextToken", page => (string?)page["meta"]!["nextToken"], maxPages)).SelectMany(IntegrationsOf)];

    public static string WithToken(string url, string? token) => WithQuery(url, "nextToken", token);

    /// <summary>The integrations of a list page (Botpress names each list's array after what it holds).</summary>
    public static List<JsonObject> IntegrationsOf(JsonObject page) => Items(page, "integrations");
}
