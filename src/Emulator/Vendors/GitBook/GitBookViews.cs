using System.Text;
using System.Globalization;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// The JSON shapes GitBook answers with. <c>urls.location</c> points back into this emulator (the API
/// address the client used); app and public endpoints use GitBook's hosts.
/// </summary>
internal sealed class GitBookViews(string apiBase, GitBookState state)
{
    private const string App = "https://app.gitbook.com";
    private const string Integrations = "https://integrations.gitbook.com/v1/integrations";

    public static string Iso(DateTimeOffset time) => EmulatorJson.Iso(time);

    public JsonObject User(User user) => new()
    {
        ["object"] = "user",
        ["id"] = user.Id,
        ["displayName"] = user.DisplayName,
        ["email"] = user.Email,
        ["photoURL"] = user.PhotoUrl,
        ["urls"] = new JsonObject { ["location"] = $"{apiBase}/users/{user.Id}" },
    };

    public JsonObject Organization(Organization org)
    {
        var json = new JsonObject
        {
            ["object"] = "organization",
            ["id"] = org.Id,
            ["title"] = org.Title,
            ["createdAt"] = Iso(org.CreatedAt),
            ["emailDomains"] = Strings(org.EmailDomains),
        };
        if (org.Hostname is not null) json["hostname"] = org.Hostname;
        json["type"] = org.Type;
        json["inviteLinks"] = true;
        json["plan"] = org.Plan;
        json["mergeRules"] = new JsonObject { ["type"] = "none" };
        json["urls"] = new JsonObject { ["location"] = $"{apiBase}/orgs/{org.Id}", ["app"] = $"{App}/o/{org.Id}/" };
        json["trial"] = new JsonObject { ["status"] = "notapplicable", ["count"] = 0 };
        json["permissions"] = Granted("view", "access", "admin", "ownTeam", "createContent", "createOpenAPISpec", "viewBilling",
            "listMembers", "listTeams", "listIntegrations", "listInstallations", "installIntegration");
        return json;
    }

    public JsonObject Space(Space space) => new()
    {
        ["object"] = "space",
        ["id"] = space.Id,
        ["title"] = space.Title,
        ["emoji"] = space.Emoji,
        ["visibility"] = space.Visibility,
        ["createdAt"] = Iso(space.CreatedAt),
        ["updatedAt"] = Iso(space.UpdatedAt),
        ["mergeRules"] = new JsonObject { ["type"] = "inherit" },
        ["urls"] = new JsonObject { ["location"] = $"{apiBase}/spaces/{space.Id}", ["app"] = $"{App}/s/{space.Id}/" },
        ["organization"] = space.OrganizationId,
        ["revision"] = space.Revision,
        ["defaultLevel"] = "inherit",
        ["comments"] = 0,
        ["changeRequests"] = 0,
        ["changeRequestsOpen"] = 0,
        ["changeRequestsDraft"] = 0,
        ["permissions"] = Granted("view", "access", "admin", "viewInviteLinks", "edit", "triggerGitSync", "comment", "merge", "review", "installIntegration"),
    };

    public JsonObject Site(Site site)
    {
        var urls = new JsonObject
        {
            ["location"] = $"{apiBase}/orgs/{site.OrganizationId}/sites/{site.Id}",
            ["app"] = $"{App}/o/{site.OrganizationId}/sites/{site.Id}",
            ["preview"] = $"https://{site.OrganizationId}.gitbook.io/~site/{site.Id}/",
        };
        if (site.Published) urls["published"] = $"https://{site.OrganizationId}.gitbook.io/{site.Id}/";
        return new JsonObject
        {
            ["object"] = "site",
            ["id"] = site.Id,
            ["type"] = site.Type,
            ["appliedType"] = site.Type,
            ["title"] = site.Title,
            ["visibility"] = site.Visibility,
            ["defaultLevel"] = "inherit",
            ["permissions"] = Granted("view", "access", "edit", "create", "admin", "installIntegration", "viewAdaptiveSchema", "editAdaptiveSchema"),
            ["published"] = site.Published,
            ["siteSpaces"] = site.SiteSpaces,
            ["createdAt"] = Iso(site.CreatedAt),
            ["features"] = new JsonArray(),
            ["urls"] = urls,
        };
    }

    public JsonObject Integration(PublishedIntegration integration)
    {
        var d = integration.Definition;
        var json = new JsonObject
        {
            ["object"] = "integration",
            ["name"] = integration.Name,
            ["version"] = integration.Version,
        };
        foreach (var key in (string[])["title", "description", "summary", "previewImages", "target"]) Copy(d, json, key);
        json["verified"] = integration.Verified;
        foreach (var key in (string[])["visibility", "scopes", "categories", "blocks", "contentSources", "configurations", "externalLinks"]) Copy(d, json, key);
        json["owner"] = Organization(state.Organizations[integration.OwnerId]);
        var urls = new JsonObject
        {
            ["location"] = $"{apiBase}/integrations/{integration.Name}",
            ["app"] = $"{App}/integrations/{integration.Name}",
            ["assets"] = $"{Integrations}/{integration.Name}/assets/",
            ["publicEndpoint"] = $"{Integrations}/{integration.Name}",
            ["publicContentEndpoint"] = $"{Integrations}/{integration.Name}",
        };
        if (integration.HasIcon) urls["icon"] = $"{Integrations}/{integration.Name}/icon.png?v={integration.Version}";
        json["urls"] = urls;
        json["permissions"] = new JsonObject { ["admin"] = true };
        Copy(d, json, "contentSecurityPolicy");
        return json;
    }

    public JsonObject Installation(Installation installation) => new()
    {
        ["id"] = installation.Id,
        ["status"] = installation.Status,
        ["space_selection"] = installation.SpaceSelection,
        ["site_selection"] = installation.SiteSelection,
        ["spaces"] = state.ContentOf(installation.Id).Count(c => c.Kind == ContentKind.Space),
        ["configuration"] = installation.Configuration.DeepClone(),
        ["createdAt"] = Iso(installation.CreatedAt),
        ["updatedAt"] = Iso(installation.UpdatedAt),
        ["urls"] = new JsonObject
        {
            ["location"] = InstallationLocation(installation),
            ["app"] = $"{App}/o/{installation.OrganizationId}/integrations/{installation.IntegrationName}",
            ["publicEndpoint"] = $"{Integrations}/{installation.IntegrationName}/installations/{installation.Id}",
            ["publicContentEndpoint"] = $"{Integrations}/{installation.IntegrationName}/installations/{installation.Id}",
        },
        ["externalIds"] = Strings(installation.ExternalIds),
        ["target"] = new JsonObject { ["organization"] = installation.OrganizationId },
    };

    public string InstallationLocation(Installation installation) =>
        $"{apiBase}/integrations/{installation.IntegrationName}/installations/{installation.Id}";

    public string ContentLocation(ContentInstallation content) =>
        $"{apiBase}/integrations/{content.IntegrationName}/installations/{content.InstallationId}/{(content.Kind == ContentKind.Space ? "spaces" : "sites")}/{content.TargetId}";

    public JsonObject Content(ContentInstallation content, bool extended)
    {
        var endpoint = $"{Integrations}/{content.IntegrationName}/installations/{content.InstallationId}/{(content.Kind == ContentKind.Space ? "spaces" : "sites")}/{content.TargetId}";
        var json = new JsonObject
        {
            ["integration"] = content.IntegrationName,
            ["installation"] = content.InstallationId,
            ["status"] = content.Status,
            ["configuration"] = content.Configuration.DeepClone(),
            ["externalIds"] = Strings(content.ExternalIds),
            ["urls"] = new JsonObject { ["location"] = ContentLocation(content), ["publicEndpoint"] = endpoint, ["publicContentEndpoint"] = endpoint },
        };
        if (content.Kind == ContentKind.Space) json["space"] = extended ? Space(state.Spaces[content.TargetId]) : content.TargetId;
        else json["site"] = extended ? Site(state.Sites[content.TargetId]) : content.TargetId;
        return json;
    }

    public static JsonObject Event(IntegrationEventRecord record)
    {
        var json = new JsonObject { ["id"] = record.Id, ["integrationId"] = record.IntegrationName };
        if (record.InstallationId is not null) json["installationId"] = record.InstallationId;
        json["createdAt"] = Iso(record.CreatedAt);
        json["payload"] = record.Payload.DeepClone();
        json["status"] = record.Status;
        return json;
    }

    /// <summary>A page in GitBook's <c>List</c> shape: <c>{items, next?: {page}, count}</c>, from ready item JSON.</summary>
    public static byte[] ListJson(IEnumerable<byte[]> items, string? nextPage, int count)
    {
        var ready = items as IReadOnlyList<byte[]> ?? [.. items];
        byte[] next = nextPage is null ? [] : [.. ",\"next\":{"u8, .. JsonPage.Property("page", nextPage), (byte)'}'];
        return JsonPage.Concat("{\"items\":["u8, ready, [.. "]"u8, .. next, .. ",\"count\":"u8, .. Encoding.UTF8.GetBytes(count.ToString(CultureInfo.InvariantCulture)), (byte)'}']);
    }

    public static byte[] Bytes(JsonNode node) => EmulatorJson.Bytes(node);

    /// <summary>The Integration JSON, kept on the (immutable) published integration per API base (<see cref="RenderedIntegration"/>).</summary>
    public byte[] IntegrationJson(PublishedIntegration integration)
    {
        if (integration.Rendered is { } rendered && rendered.ApiBase == apiBase) return rendered.Json;
        var json = Bytes(Integration(integration));
        integration.Rendered = new RenderedIntegration(apiBase, json);
        return json;
    }

    private static void Copy(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is { } value) to[key] = value.DeepClone();
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static JsonObject Granted(params string[] permissions)
    {
        var json = new JsonObject();
        foreach (var permission in permissions) json[permission] = true;
        return json;
    }
}
