using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// One GitBook tenant in a state snapshot, and back. The name-ordered integration list and the public
/// count are rebuilt by publishing the integrations; pending tasks are re-armed on the clock by
/// <see cref="GitBookTasks.Arm"/> after the import is committed.
/// <code>
/// {"lastSeq":12,
///  "user":{"id":"...","displayName":"...","email":"...","photoUrl":"..."},
///  "organizations":{"org_1":{"title":"...","hostname":"...","createdAt":"...","type":"...","plan":"...","emailDomains":[]}},
///  "spaces":{"sp_1":{"organizationId":"...","title":"...","emoji":"...","visibility":"...","revision":"...","createdAt":"...","updatedAt":"..."}},
///  "sites":{"site_1":{"organizationId":"...","title":"...","type":"...","visibility":"...","published":true,"siteSpaces":1,"createdAt":"..."}},
///  "integrations":[{"name":"...","ownerId":"...","version":1,"seq":3,"publishedAt":"...","verified":false,"definition":{...},"script":"...","runtime":"v1","hasIcon":false,"secrets":{}}],
///  "installations":{"inst_1":{"integrationName":"...","organizationId":"...","seq":4,"createdAt":"...","updatedAt":"...","status":"active",
///                             "spaceSelection":"selected","siteSelection":"selected","configuration":{},"externalIds":[]}},
///  "contentInstallations":[{"kind":"space","integrationName":"...","installationId":"...","targetId":"...","seq":5,"status":"active","configuration":{},"externalIds":[]}],
///  "events":[{"id":"...","integrationName":"...","installationId":null,"seq":6,"createdAt":"...","payload":{...},"status":"success","logs":[]}],
///  "developmentModes":{"&lt;integration&gt;":{"tunnelUrl":"...","all":false}},
///  "pendingTasks":{"task_1":{"integrationName":"...","task":{...},"due":"..."}},
///  "installationTokens":{"gb_inst_...":"inst_1"}}
/// </code>
/// </summary>
internal static class GitBookSnapshot
{
    public static JsonObject Write(GitBookState state)
    {
        return new JsonObject
        {
            ["lastSeq"] = state.LastSeq,
            ["user"] = new JsonObject
            {
                ["id"] = state.User.Id,
                ["displayName"] = state.User.DisplayName,
                ["email"] = state.User.Email,
                ["photoUrl"] = state.User.PhotoUrl,
            },
            ["organizations"] = SnapshotWrite.Map(state.Organizations, org => new JsonObject
            {
                ["title"] = org.Title,
                ["hostname"] = org.Hostname,
                ["createdAt"] = SnapshotWrite.Time(org.CreatedAt),
                ["type"] = org.Type,
                ["plan"] = org.Plan,
                ["emailDomains"] = SnapshotWrite.Strings(org.EmailDomains),
            }),
            ["spaces"] = SnapshotWrite.Map(state.Spaces, space => new JsonObject
            {
                ["organizationId"] = space.OrganizationId,
                ["title"] = space.Title,
                ["emoji"] = space.Emoji,
                ["visibility"] = space.Visibility,
                ["revision"] = space.Revision,
                ["createdAt"] = SnapshotWrite.Time(space.CreatedAt),
                ["updatedAt"] = SnapshotWrite.Time(space.UpdatedAt),
            }),
            ["sites"] = SnapshotWrite.Map(state.Sites, site => new JsonObject
            {
                ["organizationId"] = site.OrganizationId,
                ["title"] = site.Title,
                ["type"] = site.Type,
                ["visibility"] = site.Visibility,
                ["published"] = site.Published,
                ["siteSpaces"] = site.SiteSpaces,
                ["createdAt"] = SnapshotWrite.Time(site.CreatedAt),
            }),
            ["integrations"] = new JsonArray([.. state.IntegrationsByName.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["ownerId"] = i.OwnerId,
                ["version"] = i.Version,
                ["seq"] = i.Seq,
                ["publishedAt"] = SnapshotWrite.Time(i.PublishedAt),
                ["verified"] = i.Verified,
                ["definition"] = SnapshotWrite.Copy(i.Definition),
                ["script"] = i.Script,
                ["runtime"] = i.Runtime,
                ["hasIcon"] = i.HasIcon,
                ["secrets"] = SnapshotWrite.Map(i.Secrets),
            })]),
            ["installations"] = SnapshotWrite.Map(state.Installations, i => new JsonObject
            {
                ["integrationName"] = i.IntegrationName,
                ["organizationId"] = i.OrganizationId,
                ["seq"] = i.Seq,
                ["createdAt"] = SnapshotWrite.Time(i.CreatedAt),
                ["updatedAt"] = SnapshotWrite.Time(i.UpdatedAt),
                ["status"] = i.Status,
                ["spaceSelection"] = i.SpaceSelection,
                ["siteSelection"] = i.SiteSelection,
                ["configuration"] = SnapshotWrite.Copy(i.Configuration),
                ["externalIds"] = SnapshotWrite.Strings(i.ExternalIds),
            }),
            ["contentInstallations"] = new JsonArray([.. state.ContentInstallations.Select(c => (JsonNode)new JsonObject
            {
                ["kind"] = c.Kind == ContentKind.Space ? "space" : "site",
                ["integrationName"] = c.IntegrationName,
                ["installationId"] = c.InstallationId,
                ["targetId"] = c.TargetId,
                ["seq"] = c.Seq,
                ["status"] = c.Status,
                ["configuration"] = SnapshotWrite.Copy(c.Configuration),
                ["externalIds"] = SnapshotWrite.Strings(c.ExternalIds),
            })]),
            ["events"] = new JsonArray([.. state.Events.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["integrationName"] = e.IntegrationName,
                ["installationId"] = e.InstallationId,
                ["seq"] = e.Seq,
                ["createdAt"] = SnapshotWrite.Time(e.CreatedAt),
                ["payload"] = SnapshotWrite.Copy(e.Payload),
                ["status"] = e.Status,
                ["logs"] = new JsonArray([.. e.Logs.Select(SnapshotWrite.Copy)]),
            })]),
            ["developmentModes"] = SnapshotWrite.Map(state.DevelopmentModes, mode => new JsonObject { ["tunnelUrl"] = mode.TunnelUrl, ["all"] = mode.All }),
            ["pendingTasks"] = SnapshotWrite.Map(state.PendingTasks, task => new JsonObject
            {
                ["integrationName"] = task.IntegrationName,
                ["task"] = SnapshotWrite.Copy(task.Task),
                ["due"] = SnapshotWrite.Time(task.Due),
                ["apiEndpoint"] = task.ApiEndpoint,
            }),
            ["installationTokens"] = SnapshotWrite.Map(state.InstallationTokens.OrderBy(t => t.Key, StringComparer.Ordinal)),
            ["integrationTokens"] = SnapshotWrite.Map(state.IntegrationTokens.OrderBy(t => t.Key, StringComparer.Ordinal)),
        };
    }

    public static GitBookState Read(SnapshotReader tenant)
    {
        var user = tenant["user"];
        var state = new GitBookState
        {
            User = new User(user["id"].String(), user["displayName"].String(), user["email"].String(), user["photoUrl"].String()),
            LastSeq = tenant["lastSeq"].Long(),
        };
        foreach (var (id, org) in tenant["organizations"].Entries())
        {
            state.Organizations[id] = new Organization(id, org["title"].String(), org["hostname"].StringOrNull(), org["createdAt"].Time(),
                org["type"].String(), org["plan"].String(), [.. org["emailDomains"].Strings()]);
        }
        foreach (var (id, space) in tenant["spaces"].Entries())
        {
            state.Spaces[id] = new Space(id, OrganizationOf(state, space["organizationId"]), space["title"].String(), space["emoji"].String(),
                space["visibility"].String(), space["revision"].String(), space["createdAt"].Time(), space["updatedAt"].Time());
        }
        foreach (var (id, site) in tenant["sites"].Entries())
        {
            state.Sites[id] = new Site(id, OrganizationOf(state, site["organizationId"]), site["title"].String(), site["type"].String(),
                site["visibility"].String(), site["published"].Bool(), site["siteSpaces"].Int(), site["createdAt"].Time());
        }

        foreach (var i in tenant["integrations"].List(i => i))
        {
            var name = i["name"].String();
            if (state.Integrations.ContainsKey(name)) throw i["name"].Error($"integration \"{name}\" appears twice");
            state.Publish(new PublishedIntegration
            {
                Name = name,
                OwnerId = OrganizationOf(state, i["ownerId"]),
                Version = i["version"].Int(),
                Seq = i["seq"].Long(),
                PublishedAt = i["publishedAt"].Time(),
                Verified = i["verified"].Bool(),
                Definition = Definition(i["definition"]),
                Script = i["script"].String(),
                Runtime = i["runtime"].String(),
                HasIcon = i["hasIcon"].Bool(),
                Secrets = i["secrets"].StringMap().ToDictionary(StringComparer.Ordinal),
            });
        }

        foreach (var (id, i) in tenant["installations"].Entries())
        {
            state.Installations[id] = new Installation
            {
                Id = id,
                IntegrationName = i["integrationName"].String(),
                OrganizationId = OrganizationOf(state, i["organizationId"]),
                Seq = i["seq"].Long(),
                CreatedAt = i["createdAt"].Time(),
                UpdatedAt = i["updatedAt"].Time(),
                Status = i["status"].String(),
                SpaceSelection = i["spaceSelection"].String(),
                SiteSelection = i["siteSelection"].String(),
                Configuration = i["configuration"].Json(),
                ExternalIds = i["externalIds"].Strings(),
            };
        }

        state.ContentInstallations.AddRange(tenant["contentInstallations"].List(c =>
        {
            var kind = c["kind"].OneOf("space", "site") == "space" ? ContentKind.Space : ContentKind.Site;
            var target = c["targetId"].String();
            if (kind == ContentKind.Space ? !state.Spaces.ContainsKey(target) : !state.Sites.ContainsKey(target))
                throw c["targetId"].Error($"no {(kind == ContentKind.Space ? "space" : "site")} \"{target}\" in this tenant");
            var installationId = c["installationId"].String();
            if (!state.Installations.ContainsKey(installationId)) throw c["installationId"].Error($"no installation \"{installationId}\" in this tenant");
            return new ContentInstallation
            {
                Kind = kind,
                IntegrationName = c["integrationName"].String(),
                InstallationId = installationId,
                TargetId = target,
                Seq = c["seq"].Long(),
                Status = c["status"].String(),
                Configuration = c["configuration"].Json(),
                ExternalIds = c["externalIds"].Strings(),
            };
        }));

        state.Events.AddRange(tenant["events"].List(e => new IntegrationEventRecord
        {
            Id = e["id"].String(),
            IntegrationName = e["integrationName"].String(),
            InstallationId = e["installationId"].StringOrNull(),
            Seq = e["seq"].Long(),
            CreatedAt = e["createdAt"].Time(),
            Payload = e["payload"].Json(),
            Status = e["status"].String(),
            Logs = e["logs"].List(log => log.Json()),
        }));

        foreach (var (name, mode) in tenant["developmentModes"].Entries())
            state.DevelopmentModes[name] = new DevelopmentMode(mode["tunnelUrl"].String(), mode["all"].Bool());

        foreach (var (id, task) in tenant["pendingTasks"].Entries())
            state.PendingTasks[id] = new PendingTask(id, task["integrationName"].String(), task["task"].Json(), task["due"].Time(), task["apiEndpoint"].StringOrNull());

        foreach (var (token, installation) in tenant["installationTokens"].StringMap())
            state.InstallationTokens[token] = installation;
        // Optional: snapshots written before integration tokens existed have none.
        if (!tenant["integrationTokens"].IsNull)
            foreach (var (token, integration) in tenant["integrationTokens"].StringMap())
                state.IntegrationTokens[token] = integration;
        return state;
    }

    private static string OrganizationOf(GitBookState state, SnapshotReader reference)
    {
        var id = reference.String();
        return state.Organizations.ContainsKey(id) ? id : throw reference.Error($"no organization \"{id}\" in this tenant's organizations");
    }

    // The list filters read these from the definition: they must be there, with the right types.
    private static JsonObject Definition(SnapshotReader definition)
    {
        definition["title"].String();
        definition["visibility"].String();
        definition["target"].String();
        definition["scopes"].Strings();
        definition["categories"].Strings();
        return definition.Json();
    }
}
