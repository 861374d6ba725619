using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Core;
using Emulator.Hosting;
using Emulator.Vendors.Membrane;

namespace Emulator.Tests.Membrane;

/// <summary>A Membrane error body <c>{type, key?, message}</c> as the tests read it.</summary>
internal sealed record MembraneError(HttpStatusCode Status, string Type, string? Key, string Message);

/// <summary>Shared helpers of the Membrane tests: clients as <c>@membranehq/sdk</c> sends, JSON calls, errors, walks.</summary>
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
        var client = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.VendorBaseAddress("membrane") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? NewPat());
        if (apiVersion is not null) client.DefaultRequestHeaders.Add("membrane-api-version", apiVersion);
        return client;
    }

    /// <summary>A client with no default headers at all (no Authorization, no membrane-api-version).</summary>
    public static HttpClient Anonymous(this IntegrationsEmulator emulator) =>
        new(emulator.CreateHandler()) { BaseAddress = emulator.VendorBaseAddress("membrane") };

    public static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>The tenant state behind a client's token (for facts the API does not show).</summary>
    public static MembraneState StateOf(IntegrationsEmulator emulator, HttpClient client)
    {
        var registry = (TenantRegistry<MembraneState>)emulator.Services.GetService(typeof(TenantRegistry<MembraneState>))!;
        return registry.For(MembraneCaller.CredentialOf(TokenOf(client))!);
    }

    /// <summary>An unsigned-looking JWT (any signature: the emulator does not verify it) with the given payload.</summary>
    public static string Jwt(JsonObject payload, string signature = "c2lnbmF0dXJl") =>
        $"{Base64Url("""{"alg":"HS256","typ":"JWT"}""")}.{Base64Url(payload.ToJsonString())}.{signature}";

    public static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Parses an error: JSON with a string <c>type</c> and <c>message</c> (what the SDK needs), optional <c>key</c>.</summary>
    public static async Task<(string Type, string? Key, string Message)> ErrorOf(HttpResponseMessage response)
    {
        var error = await ReadErrorAsync(response);
        return (error.Type, error.Key, error.Message);
    }

    public static async Task<MembraneError> ReadErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(400, "an error was expected, got {0} {1}", response.StatusCode, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json", "error bodies are JSON: {0}", text);
        var body = JsonNode.Parse(text)!.AsObject();
        body["type"].Should().NotBeNull("the SDK picks the error class by type: {0}", text);
        body["message"].Should().NotBeNull("message is required: {0}", text);
        body.Select(p => p.Key).Should().BeSubsetOf(["type", "key", "message", "data", "stack", "causedByError", "logs"], "ErrorDataSchema: {0}", text);
        return new MembraneError(response.StatusCode, Str(body["type"]), (string?)body["key"], Str(body["message"]));
    }

    /// <summary>Asserts status, <c>type</c>, <c>key</c> (null = absent) and that the message names each of <paramref name="mentions"/>.</summary>
    public static async Task<MembraneError> ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, string type, string? key, params string[] mentions)
    {
        var error = await ReadErrorAsync(response);
        error.Status.Should().Be(status, "error was {0}", error);
        error.Type.Should().Be(type, "error was {0}", error);
        error.Key.Should().Be(key, "error was {0}", error);
        foreach (var mention in mentions) error.Message.Should().Contain(mention, "error was {0}", error);
        return error;
    }

    public static async Task<MembraneError> ShouldFailAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string type, string? key, params string[] mentions)
    {
        using var response = await call;
        return await response.ShouldFailAsync(status, type, key, mentions);
    }

    /// <summary>400 <c>{type: bad_request}</c> without a key, naming each of <paramref name="mentions"/>.</summary>
    public static Task<MembraneError> ShouldBeBadRequestAsync(this Task<HttpResponseMessage> call, params string[] mentions) =>
        call.ShouldFailAsync(HttpStatusCode.BadRequest, "bad_request", null, mentions);

    /// <summary>404 <c>{type: bad_request, key: not_found}</c>.</summary>
    public static Task<MembraneError> ShouldBeNotFoundAsync(this Task<HttpResponseMessage> call, params string[] mentions) =>
        call.ShouldFailAsync(HttpStatusCode.NotFound, "bad_request", "not_found", mentions);

    /// <summary>409 <c>{type: bad_request, key: already_exists}</c>.</summary>
    public static Task<MembraneError> ShouldAlreadyExistAsync(this Task<HttpResponseMessage> call, params string[] mentions) =>
        call.ShouldFailAsync(HttpStatusCode.Conflict, "bad_request", "already_exists", mentions);

    public static async Task<JsonNode> OkNodeAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the call should succeed, body: {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonObject> OkJsonAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return (await response.OkNodeAsync()).AsObject();
    }

    public static async Task<JsonArray> OkArrayAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return (await response.OkNodeAsync()).AsArray();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) => client.PutAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, JsonNode body) => client.PatchAsJsonAsync(url, body);

    /// <summary>A POST without a body as the SDK (axios) sends it: form content type, <c>Content-Length: 0</c>.</summary>
    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) =>
        client.SendRawAsync(HttpMethod.Post, url, "", "application/x-www-form-urlencoded");

    /// <summary>A request with a raw body and content type (null content type = none).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

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
        var items = new List<JsonObject>();
        var cursor = "0";
        for (var pages = 1; pages <= maxPages; pages++)
        {
            var url = $"{Integrations}?{(query.Length > 0 ? query + "&" : "")}limit=1000&cursor={Uri.EscapeDataString(cursor)}";
            var page = await client.GetAsync(url).OkJsonAsync();
            items.AddRange(Items(page));
            var next = (string?)page["cursor"];
            if (string.IsNullOrEmpty(next)) return (items, pages);
            cursor = next;
        }
        throw new InvalidOperationException($"findAll did not end within {maxPages} pages");
    }

    /// <summary>Every page of a list at <paramref name="url"/> following <c>cursor</c>, checking the page size.</summary>
    public static async Task<List<JsonObject>> WalkAsync(HttpClient client, string url, int limit, int maxPages = 1000)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        for (var pages = 0; pages < maxPages; pages++)
        {
            var page = await client.GetAsync(WithCursor($"{url}{(url.Contains('?') ? "&" : "?")}limit={limit}", cursor)).OkJsonAsync();
            var batch = Items(page);
            batch.Count.Should().BeLessThanOrEqualTo(limit);
            items.AddRange(batch);
            cursor = (string?)page["cursor"];
            if (cursor is null) return items;
            cursor.Should().NotBeEmpty();
        }
        throw new InvalidOperationException($"{url} did not end within {maxPages} pages");
    }

    public static string WithCursor(string url, string? cursor) =>
        cursor is null ? url : url + (url.Contains('?') ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor);

    public static List<JsonObject> Items(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!.AsObject())];

    public static List<string> Keys(JsonObject page) => [.. Items(page).Select(KeyOf)];

    public static string Str(JsonNode? node) => node!.GetValue<string>();

    public static string IdOf(JsonObject item) => Str(item["id"]);

    public static string KeyOf(JsonObject item) => Str(item["key"]);
}
