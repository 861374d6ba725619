using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Vendors.Membrane.Model;

/// <summary>An integration of a tenant's workspace: an app connected through a connector.</summary>
internal sealed class MembraneIntegration
{
    public required string Id { get; init; }
    public required string Uuid { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? ConnectorId { get; set; }
    public string? ConnectorVersion { get; set; }
    public string? Description { get; set; }
    public string LogoUri { get; set; } = "";
    public JsonObject? Meta { get; set; }
    public JsonObject? Parameters { get; set; }
    public JsonObject? OptionsConfig { get; set; }
    public string? OAuthCallbackUri { get; set; }
    public string? ExternalAppId { get; set; }
    public string State { get; set; } = "READY";
    public JsonArray? Errors { get; set; }
    public string Revision { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public bool IsTest { get; set; }

    /// <summary>The connection of the tenant's user to the app, when there is one (BaseConnection shape).</summary>
    public JsonObject? Connection { get; set; }

    /// <summary>This integration's JSON, current until the tenant's next write (a field: <see cref="Core.CachedJson.Get"/> takes it by ref).</summary>
    internal Core.CachedJson? View;

    /// <summary>Records a change: new revision and <c>updatedAt</c>.</summary>
    public void Touch(DateTimeOffset now, string revision)
    {
        UpdatedAt = now;
        Revision = revision;
    }

    public MembraneIntegration Clone() => new()
    {
        Id = Id,
        Uuid = Uuid,
        Seq = Seq,
        CreatedAt = CreatedAt,
        Key = Key,
        Name = Name,
        ConnectorId = ConnectorId,
        ConnectorVersion = ConnectorVersion,
        Description = Description,
        LogoUri = LogoUri,
        Meta = (JsonObject?)Meta?.DeepClone(),
        Parameters = (JsonObject?)Parameters?.DeepClone(),
        OptionsConfig = (JsonObject?)OptionsConfig?.DeepClone(),
        OAuthCallbackUri = OAuthCallbackUri,
        ExternalAppId = ExternalAppId,
        State = State,
        Errors = (JsonArray?)Errors?.DeepClone(),
        Revision = Revision,
        UpdatedAt = UpdatedAt,
        ArchivedAt = ArchivedAt,
        IsTest = IsTest,
        Connection = (JsonObject?)Connection?.DeepClone(),
    };
}

/// <summary>The integration-level element kinds and their URL segments.</summary>
internal enum ElementKind
{
    Action,
    Flow,
    DataSource,
    FieldMapping,
}

/// <summary>An integration-level element (action, flow, data source, field mapping).</summary>
internal sealed class IntegrationElement
{
    public required ElementKind Kind { get; init; }
    public required string Id { get; init; }
    public required string Uuid { get; init; }
    public required string IntegrationId { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Key { get; set; }
    public required string Name { get; set; }

    /// <summary>The name and editable properties as created (what <c>reset</c> returns to), and the properties as they are now.</summary>
    public required string OriginalName { get; init; }

    public required JsonObject Original { get; init; }

    public required JsonObject Properties { get; set; }
    public bool IsCustomized { get; set; }
    public string Revision { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public IntegrationElement Clone() => new()
    {
        Kind = Kind,
        Id = Id,
        Uuid = Uuid,
        IntegrationId = IntegrationId,
        Seq = Seq,
        CreatedAt = CreatedAt,
        Key = Key,
        Name = Name,
        OriginalName = OriginalName,
        Original = (JsonObject)Original.DeepClone(),
        Properties = (JsonObject)Properties.DeepClone(),
        IsCustomized = IsCustomized,
        Revision = Revision,
        UpdatedAt = UpdatedAt,
        ArchivedAt = ArchivedAt,
    };
}
