using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// One Membrane tenant in a state snapshot, and back. The seeded connector catalogue is not written (it is the
/// same for every tenant and comes from the template); connectors fixtures added are. Archived integrations and
/// elements are kept, with their <c>archivedAt</c>.
/// <code>
/// {"lastSeq":40,
///  "connectors":[{"id":"...","key":"acme-crm","name":"Acme CRM","logoUri":"...","authType":"oauth2","version":"1.0.0","externalAppId":"...",
///                 "operations":[{"key":"...","name":"...","description":"...","tags":[],"isReadOnly":false,"inputSchema":{...},"outputSchema":{...}}],
///                 "dataCollections":[{"key":"...","name":"...","isHidden":false,"fieldsSchema":{...}}],"eventsCount":0,"requiredParameters":[],"hasUdm":false}],
///  "integrations":[{"id":"...","uuid":"...","seq":1,"createdAt":"...","key":"hubspot","name":"HubSpot","connectorId":"...",
///                   "connectorVersion":"...","description":null,"logoUri":"...","meta":null,"parameters":null,"optionsConfig":null,
///                   "oauthCallbackUri":null,"externalAppId":null,"state":"READY","errors":null,"revision":"...","updatedAt":"...",
///                   "archivedAt":null,"isTest":false,"connection":null}],
///  "elements":[{"kind":"action","id":"...","uuid":"...","integrationId":"...","seq":2,"createdAt":"...","key":"...","name":"...",
///               "originalName":"...","original":{...},"properties":{...},"isCustomized":false,"revision":"...","updatedAt":"...","archivedAt":null}]}
/// </code>
/// </summary>
internal static class MembraneSnapshot
{
    private static readonly Dictionary<ElementKind, string> KindNames = new()
    {
        [ElementKind.Action] = "action",
        [ElementKind.Flow] = "flow",
        [ElementKind.DataSource] = "dataSource",
        [ElementKind.FieldMapping] = "fieldMapping",
    };

    public static JsonObject Write(MembraneState state)
    {
        return new JsonObject
        {
            ["lastSeq"] = state.LastSeq,
            ["connectors"] = new JsonArray([.. state.Connectors.Values.Where(c => c.FromFixture).OrderBy(c => c.Id, StringComparer.Ordinal).Select(WriteConnector)]),
            ["integrations"] = new JsonArray([.. state.Integrations.Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.Id,
                ["uuid"] = i.Uuid,
                ["seq"] = i.Seq,
                ["createdAt"] = SnapshotWrite.Time(i.CreatedAt),
                ["key"] = i.Key,
                ["name"] = i.Name,
                ["connectorId"] = i.ConnectorId,
                ["connectorVersion"] = i.ConnectorVersion,
                ["description"] = i.Description,
                ["logoUri"] = i.LogoUri,
                ["meta"] = SnapshotWrite.Copy(i.Meta),
                ["parameters"] = SnapshotWrite.Copy(i.Parameters),
                ["optionsConfig"] = SnapshotWrite.Copy(i.OptionsConfig),
                ["oauthCallbackUri"] = i.OAuthCallbackUri,
                ["externalAppId"] = i.ExternalAppId,
                ["state"] = i.State,
                ["errors"] = SnapshotWrite.Copy(i.Errors),
                ["revision"] = i.Revision,
                ["updatedAt"] = SnapshotWrite.Time(i.UpdatedAt),
                ["archivedAt"] = SnapshotWrite.Time(i.ArchivedAt),
                ["isTest"] = i.IsTest,
                ["connection"] = SnapshotWrite.Copy(i.Connection),
            })]),
            ["elements"] = new JsonArray([.. state.Elements.Select(e => (JsonNode)new JsonObject
            {
                ["kind"] = KindNames[e.Kind],
                ["id"] = e.Id,
                ["uuid"] = e.Uuid,
                ["integrationId"] = e.IntegrationId,
                ["seq"] = e.Seq,
                ["createdAt"] = SnapshotWrite.Time(e.CreatedAt),
                ["key"] = e.Key,
                ["name"] = e.Name,
                ["originalName"] = e.OriginalName,
                ["original"] = SnapshotWrite.Copy(e.Original),
                ["properties"] = SnapshotWrite.Copy(e.Properties),
                ["isCustomized"] = e.IsCustomized,
                ["revision"] = e.Revision,
                ["updatedAt"] = SnapshotWrite.Time(e.UpdatedAt),
                ["archivedAt"] = SnapshotWrite.Time(e.ArchivedAt),
            })]),
        };
    }

    /// <summary>Builds a tenant from its snapshot; the connector catalogue is the template's.</summary>
    public static MembraneState Read(SnapshotReader tenant, MembraneState template)
    {
        var state = new MembraneState { Connectors = ReadConnectors(tenant["connectors"], template.Connectors), LastSeq = tenant["lastSeq"].Long() };
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var integration in tenant["integrations"].List(i =>
        {
            var id = i["id"].String();
            if (!ids.Add(id)) throw i["id"].Error($"integration id \"{id}\" appears twice");
            return new MembraneIntegration
            {
                Id = id,
                Uuid = i["uuid"].String(),
                Seq = i["seq"].Long(),
                CreatedAt = i["createdAt"].Time(),
                Key = i["key"].String(),
                Name = i["name"].String(),
                ConnectorId = i["connectorId"].StringOrNull(),
                ConnectorVersion = i["connectorVersion"].StringOrNull(),
                Description = i["description"].StringOrNull(),
                LogoUri = i["logoUri"].String(),
                Meta = i["meta"].JsonOrNull(),
                Parameters = i["parameters"].JsonOrNull(),
                OptionsConfig = i["optionsConfig"].JsonOrNull(),
                OAuthCallbackUri = i["oauthCallbackUri"].StringOrNull(),
                ExternalAppId = i["externalAppId"].StringOrNull(),
                State = i["state"].String(),
                Errors = i["errors"].JsonArrayOrNull(),
                Revision = i["revision"].String(),
                UpdatedAt = i["updatedAt"].Time(),
                ArchivedAt = i["archivedAt"].TimeOrNull(),
                IsTest = i["isTest"].Bool(),
                Connection = i["connection"].JsonOrNull(),
            };
        }))
        {
            state.Add(integration);
        }

        var kinds = KindNames.ToDictionary(k => k.Value, k => k.Key, StringComparer.Ordinal);
        state.Elements.AddRange(tenant["elements"].List(e =>
        {
            var integrationId = e["integrationId"].String();
            if (!ids.Contains(integrationId)) throw e["integrationId"].Error($"no integration \"{integrationId}\" in this tenant's integrations");
            return new IntegrationElement
            {
                Kind = kinds[e["kind"].OneOf([.. kinds.Keys])],
                Id = e["id"].String(),
                Uuid = e["uuid"].String(),
                IntegrationId = integrationId,
                Seq = e["seq"].Long(),
                CreatedAt = e["createdAt"].Time(),
                Key = e["key"].String(),
                Name = e["name"].String(),
                OriginalName = e["originalName"].String(),
                Original = e["original"].Json(),
                Properties = e["properties"].Json(),
                IsCustomized = e["isCustomized"].Bool(),
                Revision = e["revision"].String(),
                UpdatedAt = e["updatedAt"].Time(),
                ArchivedAt = e["archivedAt"].TimeOrNull(),
            };
        }));
        return state;
    }

    private static JsonNode WriteConnector(Connector c) => new JsonObject
    {
        ["id"] = c.Id,
        ["key"] = c.Key,
        ["name"] = c.Name,
        ["logoUri"] = c.LogoUri,
        ["authType"] = c.AuthType,
        ["version"] = c.Version,
        ["externalAppId"] = c.ExternalAppId,
        ["operations"] = new JsonArray([.. c.Operations.Select(o => (JsonNode)new JsonObject
        {
            ["key"] = o.Key,
            ["name"] = o.Name,
            ["description"] = o.Description,
            ["tags"] = SnapshotWrite.Strings(o.Tags),
            ["isReadOnly"] = o.IsReadOnly,
            ["inputSchema"] = SnapshotWrite.Copy(o.InputSchema),
            ["outputSchema"] = SnapshotWrite.Copy(o.OutputSchema),
        })]),
        ["dataCollections"] = new JsonArray([.. c.DataCollections.Select(d => (JsonNode)new JsonObject
        {
            ["key"] = d.Key,
            ["name"] = d.Name,
            ["isHidden"] = d.IsHidden,
            ["fieldsSchema"] = SnapshotWrite.Copy(d.FieldsSchema),
        })]),
        ["eventsCount"] = c.EventsCount,
        ["requiredParameters"] = SnapshotWrite.Strings(c.RequiredParameters),
        ["hasUdm"] = c.HasUdm,
    };

    /// <summary>The template's catalogue plus the tenant's fixture connectors (absent in older snapshots).</summary>
    private static IReadOnlyDictionary<string, Connector> ReadConnectors(SnapshotReader list, IReadOnlyDictionary<string, Connector> catalogue)
    {
        if (list.IsNull) return catalogue;
        var added = list.List(c => new Connector(
            c["id"].String(), c["key"].String(), c["name"].String(), c["logoUri"].String(), c["authType"].String(), c["version"].String(), c["externalAppId"].String(),
            c["operations"].List(o => new ConnectorOperation(o["key"].String(), o["name"].String(), o["description"].String(), [.. o["tags"].Strings()],
                o["isReadOnly"].Bool(), o["inputSchema"].Json(), o["outputSchema"].Json())),
            c["dataCollections"].List(d => new ConnectorDataCollection(d["key"].String(), d["name"].String(), d["isHidden"].Bool(), d["fieldsSchema"].Json())),
            c["eventsCount"].Int(), c["requiredParameters"].Strings(), c["hasUdm"].Bool())
        { FromFixture = true });
        if (added.Count == 0) return catalogue;
        var connectors = new Dictionary<string, Connector>(catalogue, StringComparer.Ordinal);
        foreach (var connector in added) connectors[connector.Id] = connector;
        return connectors;
    }
}
