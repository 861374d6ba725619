using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.Membrane;

namespace IntegrationsApiEmulator.Tests.Membrane;

/// <summary>A Membrane error body <c>{type, key?, message}</c> as the tests read it.</summary>
internal sealed record MembraneError(HttpStatusCode Status, string Type, string? Key, string Message) : IVendorError;

/// <summary>
/// What the Membrane tests add to <see cref="VendorTestKit"/>: clients as <c>@membranehq/sdk</c> sends, seeded keys,
/// the error body, integrations, <c>cursor</c> walks.
/// </summary>
internal static class MembraneTestKit
{
    public const string ApiVersion = "2025-10-21";
    public const string Integrations = "integrations";

    /// <summary>The integration-level element kinds (URL segments).</summary>
    public static readonly string[] ElementKinds = ["actions", "flows", "data-sources", "field-mappings"];

    /// <summary>The seeded integrations that are not archived, in creation order.</summary>
    public static readonly string[] SeededLiveKeys = ["hubspot", "salesforce", "slack", "pipedrive", "zendesk", "google-sheets"];

    public const string ArchivedKey = "legacy-crm";

    /// <summary>A <c>pat-</c> token no one has used yet: a fresh, freshly seeded tenant.</summary>
    public static string NewPat() => "pat-" + Guid.NewGuid();

    /// <summary>A client as the SDK is: <c>Authorization: Bearer &lt;token&gt;</c> and <c>membrane-api-version</c>.</summary>
    public static HttpClient Membrane(this IntegrationsEmulator emulator, string? token = null, string? apiVersion = ApiVersion)
    {
        var client = emulator.WithBearer(MembraneModule.VendorName, token ?? NewPat());
        if (apiVersion is not null) client.DefaultRequestHeaders.Add("membrane-api-version", apiVersion);
        return client;
    }

    /// <summary>A client with no default headers at all (no Authorization, no membrane-api-version).</summary>
    public static HttpClient Anonymous(this IntegrationsEmulator emulator) => emulator.Anonymous(MembraneModule.VendorName);

    /// <summary>The tenant state behind a client's token (for facts the API does not show).</summary>
    public static MembraneState StateOf(IntegrationsEmulator emulator, HttpClient client) =>
        TenantOf<MembraneState>(emulator, MembraneCaller.CredentialOf(TokenOf(client))!);

    /// <summary>An unsigned-looking JWT (any signature: the emulator does not verify it) with the given payload.</summary>
    public static string Jwt(JsonObject payload, string signature = "c2lnbmF0dXJl") =>
        $"{Base64Url("""{"alg":"HS256","typ":"JWT"}""")}.{Base64Url(payload.ToJsonString())}.{signature}";

    public static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Parses an error: JSON with a string <c>type</c> and <c>message</c> (what the SDK needs), optional <c>key</c>.</summary>
    public static async Task<MembraneError> ErrorOf(HttpResponseMessage response)
    {
        var body = await ErrorBodyAsync(response);
        body["type"].Should().NotBeNull("the SDK picks the error class by type: {0}", body);
        body["message"].Should().NotBeNull("message is required: {0}", body);
        body.Select(p => p.Key).Should().BeSubsetOf(["type", "key", "message", "data", "stack", "causedByError", "logs"], "ErrorDataSchema: {0}", body);
        return new MembraneError(response.StatusCode, Str(body["type"]), (string?)body["key"], Str(body["message"]));
    }

    /// <summary>Asserts status, <c>type</c>, <c>key</c> (null = absent) and that the message names each of <paramref name="mentions"/>.</summary>
    public static async Task<MembraneError> ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, string type, string? key, params string[] mentions)
    {
        var error = (await ErrorOf(response)).ShouldBe(status, mentions);
        error.Type.Should().Be(type, "error was {0}", error);
        error.Key.Should().Be(key, "error was {0}", error);
        return error;
    }

    public static Task<MembraneError> ShouldFailAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string type, string? key, params string[] mentions) =>
        call.ReadAsync(response => response.ShouldFailAsync(status, type, key, mentions));

    /// <summary>400 <c>{type: bad_request}</c> without a key, naming each of <paramref name="mentions"/>.</summary>
    public static Task<MembraneError> ShouldBeBadRequestAsync(this Task<HttpResponseMessage> call, params string[] mentions) =>
        call.ShouldFailAsync(HttpStatusCode.BadRequest, "bad_request", null, mentions);

    /// <summary>404 <c>{type: bad_request, key: not_found}</c>.</summary>
    public static Task<MembraneError> ShouldBeNotFoundAsync(this Task<HttpResponseMessage> call, params string[] mentions) =>
        call.ShouldFailAsync(HttpStatusCode.NotFound, "bad_request", "not_found", mentions);

    /// <summary>409 <c>{type: bad_request, key: already_exists}</c>.</summary>
    public static Task<MembraneError> ShouldAlreadyExistAsync(this Task<HttpResponseMessage> call, params string[] mentions) =>
        call.ShouldFailAsync(HttpStatusCode.Conflict, "bad_request", "already_exists", mentions);

    /// <summary>A POST without a body as the SDK (axios) sends it: form content type, <c>Content-Length: 0</c>.</summary>
    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) =>
        client.SendRawAsync(HttpMethod.Post, url, "", "application/x-www-form-urlencoded");

    /// <summary>POST /integrations; returns the integration.</summary>
    public static Task<JsonObject> CreateIntegrationAsync(this HttpClient client, JsonObject body) =>
        client.PostJsonAsync(Integrations, body).OkJsonAsync();

    /// <summary>An integration with a unique key (and no connector unless <paramref name="extra"/> names one).</summary>
    public static Task<JsonObject> CreateUniqueAsync(this HttpClient client, string prefix = "it", JsonObject? extra = null)
    {
        var key = UniqueKey(prefix);
        var body = new JsonObject { ["key"] = key, ["name"] = $"Name of {key}" };
        if (extra is not null)
            foreach (var (k, v) in extra) body[k] = v?.DeepClone();
        return client.CreateIntegrationAsync(body);
    }

    public static Task<JsonObject> GetIntegrationAsync(this HttpClient client, string selector) =>
        client.GetAsync($"{Integrations}/{selector}").OkJsonAsync();

    public static string UniqueKey(string prefix = "it") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary><c>integrations.findAll(query)</c> as the SDK does it: limit=1000, cursor from "0", loop while cursor.</summary>
    public static async Task<(List<JsonObject> Items, int Pages)> FindAllAsync(HttpClient client, string query = "", int maxPages = 100)
    {
        var url = $"{Integrations}?{(query.Length > 0 ? query + "&" : "")}limit=1000";
        var pages = await PagesAsync(client, url, "cursor", page => (string?)page["cursor"] is { Length: > 0 } next ? next : null, maxPages, first: "0");
        return ([.. pages.SelectMany(page => Items(page))], pages.Count);
    }

    /// <summary>Every page of a list at <paramref name="url"/> following <c>cursor</c>, checking the page size.</summary>
    public static async Task<List<JsonObject>> WalkAsync(HttpClient client, string url, int limit, int maxPages = 1000)
    {
        var pages = await PagesAsync(client, WithQuery(url, "limit", limit.ToString()), "cursor", page =>
        {
            var cursor = (string?)page["cursor"];
            cursor?.Should().NotBeEmpty();
            return cursor;
        }, maxPages);
        foreach (var page in pages) Items(page).Count.Should().BeLessThanOrEqualTo(limit);
        return [.. pages.SelectMany(page => Items(page))];
    }

    public static string WithCursor(string url, string? cursor) => WithQuery(url, "cursor", cursor);

    public static List<string> Keys(JsonObject page) => [.. Items(page).Select(KeyOf)];

    public static string KeyOf(JsonObject item) => Str(item["key"]);
}
