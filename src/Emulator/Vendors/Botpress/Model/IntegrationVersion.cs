using System.Text.Json.Nodes;
using Semver;

namespace IntegrationsApiEmulator.Vendors.Botpress.Model;

/// <summary>One version of an integration (Botpress calls its id the "Integration Version ID").</summary>
internal sealed class IntegrationVersion
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    public required string Name { get; init; }
    public required SemVersion Version { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool Dev { get; init; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Url { get; set; } = "";
    public string Visibility { get; set; } = Visibilities.Private;
    public string VerificationStatus { get; set; } = "unapproved";
    public string LifecycleStatus { get; set; } = "published";
    public string? Readme { get; set; }
    public string? Code { get; set; }
    public string? SdkVersion { get; set; }

    /// <summary>identifier, sandbox, maxExecutionTime, interfaces, configuration(s), channels, states,
    /// events, actions, user, entities, attributes — already in the response's shape.</summary>
    public JsonObject Definition { get; set; } = new();

    /// <summary>Operations the integration opted into (EXPERIMENTAL in the spec) and layers; kept, not returned.</summary>
    public JsonObject Extras { get; set; } = new();

    public SortedDictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);
    public List<string> SigningSecrets { get; set; } = [];
    public long Installs { get; set; }
    public long Views { get; set; }

    /// <summary>
    /// This version's list-item JSON, workspace and hub flavours, current until the tenant's next write (fields:
    /// <see cref="Core.CachedJson.Get"/> takes them by ref). A clone starts without: a slot rendered in another state is never current.
    /// </summary>
    internal Core.CachedJson? WorkspaceItem;

    internal Core.CachedJson? HubItem;

    /// <summary>This version's getPublicIntegration answer, <c>{"integration":{...}}</c>, cached like the list items.</summary>
    internal Core.CachedJson? HubView;

    public bool IsOnHub => !Dev && Visibility == Visibilities.Public;

    public bool IsPubliclyReadable => !Dev && Visibility is Visibilities.Public or Visibilities.Unlisted;

    // Set once Definition and Extras are fully built in memory (see Clone).
    private bool _materialized;

    /// <summary>
    /// A copy of this version. <paramref name="shareJson"/>: the copy shares <see cref="Definition"/> and
    /// <see cref="Extras"/> — a tenant's copy of the template, which is safe because stored JSON is never changed in
    /// place (an update replaces it with a new tree) — after the trees are materialized, so that tenants reading them
    /// under their own locks at the same time only read. Otherwise (an update's working copy) both are deep copies.
    /// </summary>
    public IntegrationVersion Clone(bool shareJson = false)
    {
        if (shareJson && !_materialized)
        {
            Materialize(Definition);
            Materialize(Extras);
            _materialized = true;
        }
        var copy = Copy(shareJson);
        copy._materialized = shareJson;
        return copy;
    }

    // Enumerating a JsonObject or JsonArray builds its children if it was still a lazy view of parsed JSON.
    private static void Materialize(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj) Materialize(child);
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array) Materialize(child);
        }
    }

    private IntegrationVersion Copy(bool shareJson) => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        Name = Name,
        Version = Version,
        Seq = Seq,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Dev = Dev,
        Title = Title,
        Description = Description,
        Url = Url,
        Visibility = Visibility,
        VerificationStatus = VerificationStatus,
        LifecycleStatus = LifecycleStatus,
        Readme = Readme,
        Code = Code,
        SdkVersion = SdkVersion,
        Definition = shareJson ? Definition : (JsonObject)Definition.DeepClone(),
        Extras = shareJson ? Extras : (JsonObject)Extras.DeepClone(),
        Secrets = new(Secrets, StringComparer.Ordinal),
        SigningSecrets = [.. SigningSecrets],
        Installs = Installs,
        Views = Views,
    };
}

internal static class Visibilities
{
    public const string Public = "public";
    public const string Private = "private";
    public const string Unlisted = "unlisted";
}
