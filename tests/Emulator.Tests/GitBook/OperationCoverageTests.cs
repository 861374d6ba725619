using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.GitBook;

/// <summary>The GitBook module maps exactly the 37 integration operations and the 7 supporting reads the tests cover.</summary>
public sealed class OperationCoverageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] Operations =
    [
        // integrations
        "listIntegrations", "getIntegrationByName", "publishIntegration", "unpublishIntegration", "listOrganizationIntegrations",
        // organization installations
        "listIntegrationInstallations", "installIntegration", "getIntegrationInstallationById", "updateIntegrationInstallation",
        "uninstallIntegration", "createIntegrationInstallationToken", "getOrganizationIntegrationStatus", "listOrganizationIntegrationsStatus",
        "listOrganizationInstallations",
        // space and site installations
        "listIntegrationSpaceInstallations", "listIntegrationInstallationSpaces", "installIntegrationOnSpace", "getIntegrationSpaceInstallation",
        "updateIntegrationSpaceInstallation", "uninstallIntegrationFromSpace",
        "listIntegrationSiteInstallations", "listIntegrationInstallationSites", "installIntegrationOnSite", "getIntegrationSiteInstallation",
        "updateIntegrationSiteInstallation", "uninstallIntegrationFromSite",
        // what spaces and sites get
        "listSpaceIntegrations", "listSpaceIntegrationsBlocks", "listSiteIntegrations", "listSiteIntegrationScripts",
        // runtime
        "listIntegrationEvents", "getIntegrationEvent", "setIntegrationDevelopmentMode", "disableIntegrationDevelopmentMode",
        "queueIntegrationTask", "renderIntegrationUIWithGet", "renderIntegrationUIWithPost",
        // supporting reads
        "getAuthenticatedUser", "listOrganizationsForAuthenticatedUser", "getOrganizationById", "listSpacesInOrganizationById",
        "listSites", "getSiteById", "getSpaceById",
    ];

    [Fact]
    public void Exactly_the_44_operations_are_mapped()
    {
        var mapped = fixture.Emulator.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .Where(n => n.StartsWith("gitbook.", StringComparison.Ordinal))
            .Select(n => n["gitbook.".Length..])
            .ToList();

        Operations.Should().HaveCount(44);
        mapped.Should().BeEquivalentTo(Operations);
    }
}
