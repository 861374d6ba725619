namespace IntegrationsApiEmulator.Vendors.GitBook.Model;

/// <summary>A GitBook organization (the fields the API shape needs; the rest are written as constants).</summary>
internal sealed record Organization(string Id, string Title, string? Hostname, DateTimeOffset CreatedAt, string Type, string Plan, string[] EmailDomains);

/// <summary>A space of an organization.</summary>
internal sealed record Space(string Id, string OrganizationId, string Title, string Emoji, string Visibility, string Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A docs site of an organization.</summary>
internal sealed record Site(string Id, string OrganizationId, string Title, string Type, string Visibility, bool Published, int SiteSpaces, DateTimeOffset CreatedAt);

/// <summary>The user behind every user token.</summary>
internal sealed record User(string Id, string DisplayName, string Email, string PhotoUrl);
