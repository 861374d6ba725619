using System.Buffers;
using System.Text.Json;
using IntegrationsApiEmulator.Core;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IntegrationsApiEmulator.Vendors.Botpress.Model;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The JSON shapes Botpress answers with: the full Integration, workspace and hub list items (bots have theirs in
/// <see cref="BotViews"/>).
/// </summary>
internal static class BotpressViews
{
    /// <summary>Timestamps as Botpress writes them (ISO 8601, UTC, milliseconds).</summary>
    public static string Iso(DateTimeOffset time) => EmulatorJson.Iso(time);

    /// <summary>
    /// One list item as JSON. Items without <c>matchedOn</c> are cached on the version (hub and workspace
    /// flavours) until the tenant changes, so a list page is mostly a concatenation of ready bytes (call inside <c>Read</c>).
    /// </summary>
    public static byte[] ListItemJson(IntegrationVersion i, BotpressState state, MatchedOn? matchedOn, bool hub)
    {
        if (matchedOn is not null) return Serialize(ListItem(i, state, matchedOn, hub));
        return hub
            ? CachedJson.Get(ref i.HubItem, state.Version, (i, state), static item => Serialize(ListItem(item.i, item.state, null, hub: true)))
            : CachedJson.Get(ref i.WorkspaceItem, state.Version, (i, state), static item => Serialize(ListItem(item.i, item.state, null, hub: false)));
    }

    /// <summary>
    /// <c>{"integration":{...}}</c> as getPublicIntegrationById and getPublicIntegration answer, cached on the version until
    /// the tenant changes (call inside <c>Read</c>).
    /// </summary>
    public static byte[] HubJson(IntegrationVersion i, BotpressState state) =>
        CachedJson.Get(ref i.HubView, state.Version, (i, state),
            static item => JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["integration"] = Hub(item.i, item.state) }, EmulatorJson.Options));

    /// <summary><c>{"integrations":[...],"meta":{"nextToken"?}}</c> from ready item JSON.</summary>
    public static byte[] ListJson(IReadOnlyList<byte[]> items, string? nextToken) =>
        JsonPage.Concat("{\"integrations\":["u8, items, nextToken is null ? "],\"meta\":{}}"u8 : [.. "],\"meta\":{"u8, .. JsonPage.Property("nextToken", nextToken), .. "}}"u8]);

    private static byte[] Serialize(IntegrationListItem item) => JsonSerializer.SerializeToUtf8Bytes(item, EmulatorJson.Options);

    /// <summary>The full <c>Integration</c> (getIntegration, createIntegration, updateIntegration, getIntegrationByName).</summary>
    public static JsonObject Full(IntegrationVersion i, BotpressState state)
    {
        var d = i.Definition;
        var json = new JsonObject
        {
            ["id"] = i.Id,
            ["createdAt"] = Iso(i.CreatedAt),
            ["updatedAt"] = Iso(i.UpdatedAt),
            ["identifier"] = d["identifier"]!.DeepClone(),
        };
        if (d["maxExecutionTime"] is { } maxExecutionTime) json["maxExecutionTime"] = maxExecutionTime.DeepClone();
        json["url"] = i.Url;
        json["name"] = i.Name;
        json["version"] = i.Version.ToString();
        foreach (var key in (string[])["interfaces", "configuration", "configurations", "channels", "states", "events", "actions", "user", "entities"])
            json[key] = d[key]!.DeepClone();
        if (d["attributes"] is { } attributes) json["attributes"] = attributes.DeepClone();
        json["dev"] = i.Dev;
        json["title"] = i.Title;
        json["description"] = i.Description;
        json["iconUrl"] = IconUrl(i, state);
        json["readmeUrl"] = i.Readme is null ? "" : $"https://media.botpress.cloud/integrations/{i.Id}/readme.md";
        json["public"] = i.Visibility == Visibilities.Public;
        json["visibility"] = i.Visibility;
        json["verificationStatus"] = i.VerificationStatus;
        json["lifecycleStatus"] = i.LifecycleStatus;
        json["secrets"] = new JsonArray([.. i.Secrets.Keys.Select(k => JsonValue.Create(k))]);
        return json;
    }

    /// <summary>The full Integration plus <c>ownerWorkspace</c> and <c>meta</c> (the two hub gets).</summary>
    public static JsonObject Hub(IntegrationVersion i, BotpressState state)
    {
        var json = Full(i, state);
        var owner = Owner(i, state);
        json["ownerWorkspace"] = new JsonObject { ["id"] = owner.Id, ["handle"] = owner.Handle, ["name"] = owner.Name };
        json["meta"] = new JsonObject { ["installs"] = i.Installs, ["views"] = i.Views };
        return json;
    }

    public static IntegrationListItem ListItem(IntegrationVersion i, BotpressState state, MatchedOn? matchedOn, bool hub) => new(
        i.Id, i.Name, i.Version.ToString(), Iso(i.CreatedAt), Iso(i.UpdatedAt), i.Title, i.Description, IconUrl(i, state),
        i.Visibility == Visibilities.Public, i.Visibility, i.VerificationStatus, i.LifecycleStatus, matchedOn,
        hub ? Owner(i, state) : null,
        hub ? new HubMeta(i.Installs, i.Views) : null);

    private static OwnerWorkspace Owner(IntegrationVersion i, BotpressState state)
    {
        var workspace = state.Workspaces[i.WorkspaceId];
        return new OwnerWorkspace(workspace.Id, workspace.Handle, workspace.Name);
    }

    // Botpress keeps one icon per integration name; every version points at it.
    private static string IconUrl(IntegrationVersion i, BotpressState state) =>
        state.Workspaces.TryGetValue(i.WorkspaceId, out var w) && w.Icons.TryGetValue(i.Name, out var icon) ? icon.Url : "";
}

internal sealed record IntegrationListItem(
    string Id,
    string Name,
    string Version,
    string CreatedAt,
    string UpdatedAt,
    string Title,
    string Description,
    string IconUrl,
    bool Public,
    string Visibility,
    string VerificationStatus,
    string LifecycleStatus,
    MatchedOn? MatchedOn,
    OwnerWorkspace? OwnerWorkspace,
    HubMeta? Meta);

internal sealed record OwnerWorkspace(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Handle,
    string Name);

internal sealed record HubMeta(long Installs, long Views);

/// <summary>Which fields a <c>search</c> matched.</summary>
internal sealed record MatchedOn(bool Name, bool Title, bool Description, string[] Actions, string[] Interfaces);

/// <summary>One page of a list: item JSON in order, and the token of the next page if there is one.</summary>
internal sealed record IntegrationPage(IReadOnlyList<byte[]> Items, string? NextToken);
