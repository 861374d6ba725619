using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Vendors.GitBook.Model;

/// <summary>An integration installed on an organization: the node space and site installations hang off.</summary>
internal sealed class Installation
{
    public required string Id { get; init; }
    public required string IntegrationName { get; init; }
    public required string OrganizationId { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string Status { get; set; } = "active";
    public string SpaceSelection { get; set; } = "selected";
    public string SiteSelection { get; set; } = "selected";
    public JsonObject Configuration { get; set; } = new();
    public List<string> ExternalIds { get; set; } = [];

    public Installation Clone() => new()
    {
        Id = Id,
        IntegrationName = IntegrationName,
        OrganizationId = OrganizationId,
        Seq = Seq,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Status = Status,
        SpaceSelection = SpaceSelection,
        SiteSelection = SiteSelection,
        Configuration = (JsonObject)Configuration.DeepClone(),
        ExternalIds = [.. ExternalIds],
    };
}

/// <summary>Where a content installation lives.</summary>
internal enum ContentKind
{
    Space,
    Site,
}

/// <summary>An installation on one space or one site, under an organization installation.</summary>
internal sealed class ContentInstallation
{
    public required ContentKind Kind { get; init; }
    public required string IntegrationName { get; init; }
    public required string InstallationId { get; init; }

    /// <summary>The space id or the site id.</summary>
    public required string TargetId { get; init; }

    public required long Seq { get; init; }
    public string Status { get; set; } = "active";
    public JsonObject Configuration { get; set; } = new();
    public List<string> ExternalIds { get; set; } = [];

    public ContentInstallation Clone() => new()
    {
        Kind = Kind,
        IntegrationName = IntegrationName,
        InstallationId = InstallationId,
        TargetId = TargetId,
        Seq = Seq,
        Status = Status,
        Configuration = (JsonObject)Configuration.DeepClone(),
        ExternalIds = [.. ExternalIds],
    };
}

/// <summary>Something that happened to an integration (installation set-up, task, ...), and whether it reached the integration.</summary>
internal sealed class IntegrationEventRecord
{
    public required string Id { get; init; }
    public required string IntegrationName { get; init; }
    public string? InstallationId { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required JsonObject Payload { get; init; }
    public string Status { get; set; } = "success";
    public List<JsonObject> Logs { get; init; } = [];

    public IntegrationEventRecord Clone() => new()
    {
        Id = Id,
        IntegrationName = IntegrationName,
        InstallationId = InstallationId,
        Seq = Seq,
        CreatedAt = CreatedAt,
        Payload = (JsonObject)Payload.DeepClone(),
        Status = Status,
        Logs = [.. Logs.Select(l => (JsonObject)l.DeepClone())],
    };
}

/// <summary>Development mode of an integration: its events go to <see cref="TunnelUrl"/>.</summary>
internal sealed record DevelopmentMode(string TunnelUrl, bool All);

/// <summary>
/// A task queued with a delay, waiting for the clock; <paramref name="ApiEndpoint"/> is the GitBook API base of the
/// request that queued it (the <c>apiEndpoint</c> its delivery carries; null in snapshots written before it was kept).
/// </summary>
internal sealed record PendingTask(string Id, string IntegrationName, JsonObject Task, DateTimeOffset Due, string? ApiEndpoint = null);
