using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Hosting;
using IntegrationsApiEmulator.Vendors.GitBook;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>A GitBook error envelope <c>{"error":{"code","message"}}</c> as the tests read it.</summary>
internal sealed record GitBookError(HttpStatusCode Status, int Code, string Message) : IVendorError;

/// <summary>
/// What the GitBook tests add to <see cref="VendorTestKit"/>: seeded ids, the error envelope, 201s, publish and
/// install helpers, <c>next.page</c> walks. Every test uses its own token, so its own freshly seeded tenant.
/// </summary>
internal static class GitBookTestKit
{
    public const string Home = GitBookDefaults.OrganizationId;
    public const string HomeHostname = "emulator";
    public const string Marketplace = GitBookDefaults.MarketplaceOrganizationId;
    public const string DocsSpace = GitBookDefaults.SpaceId;
    public const string DocsSite = GitBookDefaults.SiteId;

    /// <summary>A client for <c>/gitbook/</c> (requests go to <c>v1/...</c>) with <paramref name="token"/> or a fresh tenant's.</summary>
    public static HttpClient Client(IntegrationsEmulator emulator, string? token = null) => emulator.CreateGitBookClient(token);

    /// <summary>A client without credentials.</summary>
    public static HttpClient Anonymous(IntegrationsEmulator emulator) => emulator.Anonymous(GitBookModule.VendorName);

    /// <summary>A valid integration name no other test uses: <c>it-&lt;8 hex&gt;</c>.</summary>
    public static string UniqueName(string prefix = "it") => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    // ---- responses ----

    /// <summary>Parses an error: JSON <c>{"error":{"code","message"}}</c> with <c>code</c> equal to the HTTP status.</summary>
    public static async Task<GitBookError> ErrorOf(HttpResponseMessage response)
    {
        var body = await ErrorBodyAsync(response);
        body.Select(p => p.Key).Should().Equal(["error"], "the envelope has one key: {0}", body);
        var error = body["error"]!.AsObject();
        error.Select(p => p.Key).Should().BeEquivalentTo(["code", "message"], "error carries code and message: {0}", body);
        var parsed = new GitBookError(response.StatusCode, error["code"]!.GetValue<int>(), Str(error["message"]));
        parsed.Code.Should().Be((int)response.StatusCode, "error.code repeats the HTTP status: {0}", body);
        parsed.Message.Should().NotBeNullOrWhiteSpace();
        return parsed;
    }

    /// <summary>Asserts the status and that the message names each of <paramref name="mentions"/>.</summary>
    public static async Task<GitBookError> ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] mentions) =>
        (await ErrorOf(response)).ShouldBe(status, mentions);

    public static Task<GitBookError> ShouldFailAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, params string[] mentions) =>
        call.ReadAsync(response => response.ShouldFailAsync(status, mentions));

    /// <summary>A 201 with a body and a <c>Location</c> equal to the body's <c>urls.location</c>; returns both.</summary>
    public static async Task<(JsonObject Body, Uri Location)> CreatedJsonAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, "the install should succeed, body: {0}", text);
        var body = JsonNode.Parse(text)!.AsObject();
        response.Headers.Location.Should().NotBeNull("a 201 carries Location");
        response.Headers.Location!.ToString().Should().Be(Str(body["urls"]!["location"]));
        return (body, response.Headers.Location);
    }

    // ---- publishing and installing ----

    /// <summary>A valid publishIntegration body; <paramref name="extra"/> keys override or add.</summary>
    public static JsonObject PublishBody(string organization = Home, string visibility = "public", string target = "all", JsonObject? extra = null)
    {
        var body = new JsonObject
        {
            ["organization"] = organization,
            ["title"] = "Test Integration",
            ["description"] = "Made by a test",
            ["script"] = "export default {};",
            ["scopes"] = new JsonArray("space:content:read"),
            ["visibility"] = visibility,
            ["target"] = target,
        };
        if (extra is not null)
            foreach (var (key, value) in extra) body[key] = value?.DeepClone();
        return body;
    }

    public static Task<JsonObject> PublishAsync(HttpClient client, string name, string organization = Home, string visibility = "public", string target = "all", JsonObject? extra = null) =>
        client.PostJsonAsync($"v1/integrations/{name}", PublishBody(organization, visibility, target, extra)).OkJsonAsync();

    /// <summary>An account configuration schema that requires <paramref name="required"/> (a string property).</summary>
    public static JsonObject RequiredConfiguration(string level, string required) => new()
    {
        ["configurations"] = new JsonObject
        {
            [level] = new JsonObject
            {
                ["properties"] = new JsonObject { [required] = new JsonObject { ["type"] = "string", ["title"] = "Required value" } },
                ["required"] = new JsonArray(required),
            },
        },
    };

    public static async Task<JsonObject> InstallAsync(HttpClient client, string name, string organization = Home) =>
        (await client.PostJsonAsync($"v1/integrations/{name}/installations", new JsonObject { ["organization"] = organization }).CreatedJsonAsync()).Body;

    public static async Task<JsonObject> InstallOnSpaceAsync(HttpClient client, string name, string installationId, string spaceId) =>
        (await client.PostJsonAsync($"v1/integrations/{name}/installations/{installationId}/spaces", new JsonObject { ["space"] = spaceId }).CreatedJsonAsync()).Body;

    public static async Task<JsonObject> InstallOnSiteAsync(HttpClient client, string name, string installationId, string siteId) =>
        (await client.PostJsonAsync($"v1/integrations/{name}/installations/{installationId}/sites", new JsonObject { ["siteId"] = siteId }).CreatedJsonAsync()).Body;

    /// <summary>Publishes a public integration (of <see cref="Home"/>) and installs it on <see cref="Home"/>: (name, installation id).</summary>
    public static async Task<(string Name, string InstallationId)> PublishAndInstallAsync(HttpClient client, string target = "all", JsonObject? extra = null)
    {
        var name = UniqueName();
        await PublishAsync(client, name, target: target, extra: extra);
        var installation = await InstallAsync(client, name);
        return (name, Str(installation["id"]));
    }

    public static async Task<string> MintTokenAsync(HttpClient client, string name, string installationId)
    {
        var body = await client.PostAsync($"v1/integrations/{name}/installations/{installationId}/tokens", null).OkJsonAsync();
        return Str(body["token"]);
    }

    /// <summary>The integration's events, newest first (every page).</summary>
    public static Task<List<JsonObject>> EventsAsync(HttpClient client, string name) => ListAllAsync(client, $"v1/integrations/{name}/events?limit=100");

    // ---- supporting data ----

    /// <summary>A seeded organization that is neither <see cref="Home"/> nor <see cref="Marketplace"/>.</summary>
    public static async Task<string> OtherOrganizationAsync(HttpClient client)
    {
        var orgs = await ListAllAsync(client, "v1/orgs?limit=100");
        return orgs.Select(o => Str(o["id"])).First(id => id is not (Home or Marketplace));
    }

    public static async Task<string> FirstSpaceOfAsync(HttpClient client, string organizationId) =>
        Str((await ListAllAsync(client, $"v1/orgs/{organizationId}/spaces?limit=100")).First()["id"]);

    public static async Task<string> FirstSiteOfAsync(HttpClient client, string organizationId) =>
        Str((await ListAllAsync(client, $"v1/orgs/{organizationId}/sites?limit=100")).First()["id"]);

    // ---- lists ----

    /// <summary>Every page of a GitBook list (<c>items</c>, <c>next.page</c>).</summary>
    public static async Task<List<JsonObject>> ListAllAsync(HttpClient client, string url, int maxPages = 1000) =>
        [.. (await PagesAsync(client, url, "page", page => (string?)page["next"]?["page"], maxPages)).SelectMany(page => Items(page))];

    public static string WithPage(string url, string? page) => WithQuery(url, "page", page);

    public static List<string> Names(IEnumerable<JsonObject> integrations) => [.. integrations.Select(i => Str(i["name"]))];
}
