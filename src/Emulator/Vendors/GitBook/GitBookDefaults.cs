namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>Fixed identifiers of the seeded GitBook template, the same for every seed and tenant.</summary>
internal static class GitBookDefaults
{
    /// <summary>The authenticated user every user token stands for.</summary>
    public const string UserId = "emulator-user";

    /// <summary>The default organization (hostname <c>emulator</c>), with installations on its space and site.</summary>
    public const string OrganizationId = "emulator-org";

    /// <summary>The organization that publishes the marketplace integrations.</summary>
    public const string MarketplaceOrganizationId = "gitbook";

    public const string SpaceId = "emulator-space-docs";

    public const string SiteId = "site_emulator_docs";
}
