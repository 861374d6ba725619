using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// Integration-level elements — <c>actions</c>, <c>flows</c>, <c>data-sources</c>, <c>field-mappings</c> under
/// <c>/membrane/integrations/{selector}/</c>: list, create, get/put/patch/archive by id or key, and reset to the
/// state they were created with. The same operations for every kind.
/// </summary>
internal static class ElementEndpoints
{
    // Each kind's path segment, schema stem (schemas/membrane/{schema}.create.request.json, ...) and operation nouns.
    private static readonly (ElementKind Kind, string Segment, string Schema, string One, string Many)[] Kinds =
    [
        (ElementKind.Action, "actions", "action", "Action", "Actions"),
        (ElementKind.Flow, "flows", "flow", "Flow", "Flows"),
        (ElementKind.DataSource, "data-sources", "dataSource", "DataSource", "DataSources"),
        (ElementKind.FieldMapping, "field-mappings", "fieldMapping", "FieldMapping", "FieldMappings"),
    ];

    public static void Map(RouteGroupBuilder root)
    {
        foreach (var (kind, segment, schema, one, many) in Kinds)
        {
            var group = root.MapGroup($"/integrations/{{selector}}/{segment}").WithTags("membrane " + segment);
            group.MapGet("", (MembraneCaller caller, string selector) => List(caller, kind, schema, selector))
                .WithName($"membrane.list{many}").Schemas(query: schema + ".list", response: schema + "List");
            group.MapPost("", (MembraneCaller caller, string selector) => CreateAsync(caller, kind, schema, selector))
                .WithName($"membrane.create{one}").Schemas(request: schema + ".create", response: schema);
            group.MapGet("/{element}", (MembraneCaller caller, string selector, string element) => Get(caller, kind, selector, element))
                .WithName($"membrane.get{one}").Schemas(response: schema);
            group.MapPut("/{element}", (MembraneCaller caller, string selector, string element) => UpdateAsync(caller, kind, schema, selector, element, replace: true))
                .WithName($"membrane.put{one}").Schemas(request: schema + ".update", response: schema);
            group.MapPatch("/{element}", (MembraneCaller caller, string selector, string element) => UpdateAsync(caller, kind, schema, selector, element, replace: false))
                .WithName($"membrane.patch{one}").Schemas(request: schema + ".update", response: schema);
            group.MapDelete("/{element}", (MembraneCaller caller, string selector, string element) => Archive(caller, kind, selector, element))
                .WithName($"membrane.archive{one}").Bodiless().Schemas(response: schema);
            group.MapPost("/{element}/reset", (MembraneCaller caller, string selector, string element) => Reset(caller, kind, selector, element))
                .WithName($"membrane.reset{one}").Bodiless().Schemas(response: schema);
        }
    }

    private static IResult List(MembraneCaller caller, ElementKind kind, string schema, string selector)
    {
        var query = caller.Query();
        var search = (string?)query["search"];
        var includeArchived = query["includeArchived"]?.ToObject<bool>() == true;
        return caller.Read(state =>
        {
            var integration = IntegrationEndpoints.Find(caller, selector);
            var items = state.Elements
                .Where(e => e.Kind == kind && e.IntegrationId == integration.Id && (includeArchived || e.ArchivedAt is null)
                    && (search is null || e.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || e.Key.Contains(search, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            return caller.OkJson(caller.Page($"{schema}|{integration.Id}", query, items, e => e.Seq, e => View(e, integration)));
        });
    }

    private static async Task<IResult> CreateAsync(MembraneCaller caller, ElementKind kind, string schema, string selector)
    {
        var body = await caller.BodyAsync();
        return caller.Write(_ =>
        {
            var integration = IntegrationEndpoints.Writable(caller, selector);
            var element = ElementRules.Create(caller.Rules, caller.Schemas, kind, schema, integration, body);
            return caller.Ok(View(element, integration));
        });
    }

    private static IResult Get(MembraneCaller caller, ElementKind kind, string selector, string elementSelector) => caller.Read(_ =>
    {
        var (integration, element) = Find(caller, kind, selector, elementSelector);
        return caller.Ok(View(element, integration));
    });

    private static async Task<IResult> UpdateAsync(MembraneCaller caller, ElementKind kind, string schema, string selector, string elementSelector, bool replace)
    {
        var body = await caller.BodyAsync();
        return caller.Write(state =>
        {
            var (integration, element) = Find(caller, kind, selector, elementSelector, write: true);
            if (element.ArchivedAt is not null) throw caller.Errors.BadRequest($"{kind} \"{elementSelector}\" is archived: restore it before changing it");
            IntegrationRules.CheckKey(caller.Errors, body);
            if ((string?)body["key"] is { } key && key != element.Key && ElementRules.Live(state, kind, integration.Id).Any(e => e.Key == key))
                throw caller.Errors.AlreadyExists($"key: the integration already has a {kind} with key \"{key}\"");
            var changes = ElementRules.Editable(caller.Schemas, schema, body);
            if (replace) element.Properties = changes;
            else
                foreach (var (property, value) in changes)
                    element.Properties[property] = value?.DeepClone();
            if (body["key"] is { } newKey) element.Key = (string)newKey!;
            if (body["name"] is { } newName) element.Name = (string)newName!;
            element.IsCustomized = true;
            Touch(caller, element);
            return caller.Ok(View(element, integration));
        });
    }

    private static IResult Archive(MembraneCaller caller, ElementKind kind, string selector, string elementSelector) => caller.Write(_ =>
    {
        var (integration, element) = Find(caller, kind, selector, elementSelector, write: true);
        if (element.ArchivedAt is null)
        {
            element.ArchivedAt = caller.Now;
            Touch(caller, element);
        }
        return caller.Ok(View(element, integration));
    });

    private static IResult Reset(MembraneCaller caller, ElementKind kind, string selector, string elementSelector) => caller.Write(_ =>
    {
        var (integration, element) = Find(caller, kind, selector, elementSelector, write: true);
        element.Properties = (JsonObject)element.Original.DeepClone();
        element.Name = element.OriginalName;
        element.IsCustomized = false;
        Touch(caller, element);
        return caller.Ok(View(element, integration));
    });

    private static (MembraneIntegration Integration, IntegrationElement Element) Find(MembraneCaller caller, ElementKind kind, string selector, string elementSelector, bool write = false)
    {
        // Elements of an archived integration can be read, not changed.
        var integration = write ? IntegrationEndpoints.Writable(caller, selector) : IntegrationEndpoints.Find(caller, selector);
        var candidates = caller.State.Elements.Where(e => e.Kind == kind && e.IntegrationId == integration.Id).ToList();
        var element = candidates.FirstOrDefault(e => e.Id == elementSelector)
            ?? candidates.Where(e => e.Key == elementSelector).OrderBy(e => e.ArchivedAt is null ? 0 : 1).FirstOrDefault()
            ?? throw caller.Errors.NotFound($"{kind} \"{elementSelector}\" not found in integration \"{selector}\"");
        return (integration, element);
    }

    public static JsonObject View(IntegrationElement e, MembraneIntegration integration)
    {
        var json = new JsonObject
        {
            ["id"] = e.Id,
            ["name"] = e.Name,
            ["uuid"] = e.Uuid,
            ["key"] = e.Key,
            ["state"] = "READY",
            ["revision"] = e.Revision,
            ["createdAt"] = MembraneViews.Iso(e.CreatedAt),
            ["updatedAt"] = MembraneViews.Iso(e.UpdatedAt),
        };
        if (e.ArchivedAt is { } archivedAt) json["archivedAt"] = MembraneViews.Iso(archivedAt);
        json["isDeactivated"] = e.ArchivedAt is not null || integration.ArchivedAt is not null;
        json["integrationId"] = integration.Id;
        json["integrationUuid"] = integration.Uuid;
        json["integrationKey"] = integration.Key;
        json["isCustomized"] = e.IsCustomized;
        foreach (var (property, value) in e.Properties) json[property] = value?.DeepClone();
        return json;
    }

    private static void Touch(MembraneCaller caller, IntegrationElement element)
    {
        element.UpdatedAt = caller.Now;
        element.Revision = MembraneService.NewRevision();
    }
}
