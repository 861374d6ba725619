using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Membrane.Model;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// What creating an integration-level element means — key unique per integration and kind, uuid unique per kind,
/// the properties kept from the body — shared by the API handlers and the fixture loader.
/// </summary>
internal static class ElementRules
{
    // Computed by the emulator, never taken from a body.
    private static readonly string[] Computed =
        ["id", "uuid", "key", "name", "integrationId", "integrationUuid", "integrationKey", "state", "errors", "revision", "createdAt", "updatedAt", "archivedAt", "isDeactivated", "isCustomized"];

    /// <summary>A new element of <paramref name="integration"/> from a <c>{schema}.create</c> body, added to the tenant; throws the API's errors.</summary>
    public static IntegrationElement Create(RuleContext context, SchemaRegistry schemas, ElementKind kind, string schema, MembraneIntegration integration, JsonObject body)
    {
        var state = context.State;
        IntegrationRules.CheckKey(context.Errors, body);
        var name = (string?)body["name"] ?? (string?)body["key"] ?? kind.ToString();
        var key = (string?)body["key"] ?? IntegrationRules.Slug(name);
        if (Live(state, kind, integration.Id).Any(e => e.Key == key))
            throw context.Errors.AlreadyExists($"key: the integration already has a {kind} with key \"{key}\"");
        var properties = Editable(schemas, schema, body);
        var uuid = (string?)body["uuid"] ?? context.NewUuid();
        if (state.Elements.Any(e => e.Kind == kind && e.Uuid == uuid))
            throw context.Errors.AlreadyExists($"uuid: a {kind} with uuid \"{uuid}\" already exists");
        var element = new IntegrationElement
        {
            Kind = kind,
            Id = context.NewId(),
            Uuid = uuid,
            IntegrationId = integration.Id,
            Seq = state.NextSeq(),
            CreatedAt = context.Now,
            UpdatedAt = context.Now,
            Key = key,
            Name = name,
            OriginalName = name,
            Original = (JsonObject)properties.DeepClone(),
            Properties = properties,
            Revision = context.NewRevision(),
        };
        state.Elements.Add(element);
        return element;
    }

    /// <summary>The elements of one kind of an integration that are not archived.</summary>
    public static IEnumerable<IntegrationElement> Live(MembraneState state, ElementKind kind, string integrationId) =>
        state.Elements.Where(e => e.Kind == kind && e.IntegrationId == integrationId && e.ArchivedAt is null);

    /// <summary>
    /// The body's properties an element keeps: those its response shape has (unknown keys and request-only ones
    /// such as <c>intent</c> are dropped, as Membrane strips them), minus the ones the emulator computes.
    /// </summary>
    public static JsonObject Editable(SchemaRegistry schemas, string schema, JsonObject body)
    {
        var kept = schemas.Find(MembraneModule.VendorName, schema, SchemaPart.Response)?.ActualProperties.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        var properties = new JsonObject();
        foreach (var (property, value) in body)
            if (kept.Contains(property) && !Computed.Contains(property)) properties[property] = value?.DeepClone();
        return properties;
    }
}
