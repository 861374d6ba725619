using System.Security.Cryptography;
using System.Text;

namespace IntegrationsApiEmulator.Vendors.Botpress.Model;

/// <summary>
/// A Botpress workspace of one tenant: its account fields (what getWorkspace answers), its integrations (in
/// creation order and by name) and their icons.
/// </summary>
internal sealed class Workspace
{
    public required string Id { get; init; }

    /// <summary>Unique across the tenant when set (updateWorkspace, checkHandleAvailability); the prefix of its integrations' names.</summary>
    public string? Handle { get; set; }

    public required string Name { get; set; }

    /// <summary>The user who owns it: <see cref="BotpressDefaults.UserId"/> for the tenant's own workspaces (listWorkspaces lists those).</summary>
    public string OwnerId { get; set; } = BotpressDefaults.UserId;

    public DateTimeOffset CreatedAt { get; set; } = Seeding.BotpressSeeder.Reference;
    public DateTimeOffset UpdatedAt { get; set; } = Seeding.BotpressSeeder.Reference;
    public string BillingVersion { get; set; } = "v4";
    public string Plan { get; set; } = "community";
    public bool Blocked { get; set; }
    public double SpendingLimit { get; set; } = 100;
    public string About { get; set; } = "";
    public string ProfilePicture { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string Website { get; set; } = "";
    public List<string> SocialAccounts { get; set; } = [];
    public bool IsPublic { get; set; }

    public CreationIndex Integrations { get; init; } = new();

    /// <summary>The versions of each integration name (for the name+version uniqueness rule and lookups).</summary>
    public Dictionary<string, List<IntegrationVersion>> ByName { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Icons by integration name: Botpress keeps one icon per name, shared by its versions.</summary>
    public Dictionary<string, IntegrationIcon> Icons { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<IntegrationVersion> VersionsOf(string name) => ByName.TryGetValue(name, out var versions) ? versions : [];

    /// <summary>Sets the icon of every version of <paramref name="name"/>.</summary>
    public void SetIcon(string name, string svg)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..8];
        Icons[name] = new IntegrationIcon(svg, $"https://media.botpress.cloud/integrations/{Id}/{Uri.EscapeDataString(name)}/icon.svg?v={hash}");
    }

    /// <summary>A copy of the account fields and icons, without integrations (a tenant copy adds those back).</summary>
    public Workspace CloneAccount() => new()
    {
        Id = Id,
        Handle = Handle,
        Name = Name,
        OwnerId = OwnerId,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        BillingVersion = BillingVersion,
        Plan = Plan,
        Blocked = Blocked,
        SpendingLimit = SpendingLimit,
        About = About,
        ProfilePicture = ProfilePicture,
        ContactEmail = ContactEmail,
        Website = Website,
        SocialAccounts = [.. SocialAccounts],
        IsPublic = IsPublic,
        Icons = new(Icons, StringComparer.Ordinal),
    };
}

/// <summary>An integration name's SVG icon and the URL its versions show as <c>iconUrl</c>.</summary>
internal sealed record IntegrationIcon(string Svg, string Url);

/// <summary>An integration API key (IAK); its value is shown once, when it is created.</summary>
internal sealed record IntegrationApiKey(string Id, string WorkspaceId, string IntegrationId, string Note, DateTimeOffset CreatedAt, string Value);

/// <summary>The shareable id of a (bot, integration version) pair, used by the channel sandbox.</summary>
internal sealed record ShareableLink(string ShareableId, DateTimeOffset CreatedAt);

/// <summary>One line of an integration's logs.</summary>
internal sealed record LogLine(DateTimeOffset Timestamp, string Level, string Message, string? WorkflowId = null, string? UserId = null, string? ConversationId = null);

/// <summary>An interface integrations implement (catalogue entry; the same for every tenant).</summary>
internal sealed record InterfaceDefinition(string Id, string Name, string Version, string[] Entities, string[] Actions, string[] Events, string[] Channels);
