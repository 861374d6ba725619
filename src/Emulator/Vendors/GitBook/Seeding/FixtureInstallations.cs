using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook.Seeding;

/// <summary>
/// The <c>installations</c> of a <c>gitbook.json</c>: each is installIntegration (<c>organization</c>, default the
/// default organization) plus updateIntegrationInstallation (<c>configuration</c>, <c>externalIds</c>,
/// <c>space_selection</c>, <c>site_selection</c>), and its <c>spaces</c> / <c>sites</c> are installIntegrationOnSpace /
/// installIntegrationOnSite plus their update (an id alone, or <c>{space|siteId, configuration?, externalIds?}</c>).
/// The API's rules apply, and the set-up events the calls raise are recorded.
/// </summary>
internal static class FixtureInstallations
{
    public static void Install(FixtureLoad load, JsonObject item, string path)
    {
        var state = load.State;
        var at = load.Next();
        Installation installation;
        try
        {
            var integration = IntegrationEndpoints.Find(state, load.Errors, (string)item["integration"]!);
            installation = InstallationRules.Install(state, load.Errors, integration, (string?)item["organization"] ?? GitBookDefaults.OrganizationId, load.NewId(), at);
            if (item["configuration"] is JsonObject configuration) installation.Configuration = (JsonObject)configuration.DeepClone();
            installation.ExternalIds = InstallationRules.ExternalIds(load.Errors, item["externalIds"]);
            installation.SpaceSelection = (string?)item["space_selection"] ?? installation.SpaceSelection;
            installation.SiteSelection = (string?)item["site_selection"] ?? installation.SiteSelection;
            installation.Status = InstallationRules.StatusFor(integration, "account", installation.Configuration);
        }
        catch (ApiException e)
        {
            throw load.Refused(path, e);
        }
        GitBookEvents.Add(state, "evt_" + load.NewId(), at, installation.IntegrationName, installation.Id, "installation_setup",
            new JsonObject { ["installationId"] = installation.Id, ["status"] = installation.Status });
        Content(load, installation, ContentKind.Space, item["spaces"] as JsonArray, path + ".spaces");
        Content(load, installation, ContentKind.Site, item["sites"] as JsonArray, path + ".sites");
    }

    private static void Content(FixtureLoad load, Installation installation, ContentKind kind, JsonArray? items, string path)
    {
        var (field, level) = kind == ContentKind.Space ? ("space", "space") : ("siteId", "site");
        foreach (var (node, index) in (items ?? []).Select((node, index) => (node!, index)))
        {
            var item = node as JsonObject ?? new JsonObject { [field] = node.DeepClone() };
            ContentInstallation content;
            try
            {
                content = InstallationRules.InstallOn(load.State, load.Errors, installation, kind, (string)item[field]!);
                if (item["configuration"] is JsonObject configuration) content.Configuration = (JsonObject)configuration.DeepClone();
                content.ExternalIds = InstallationRules.ExternalIds(load.Errors, item["externalIds"]);
                content.Status = InstallationRules.StatusFor(load.State.Integrations[installation.IntegrationName], level, content.Configuration);
            }
            catch (ApiException e)
            {
                throw load.Refused($"{path}[{index}]", e);
            }
            GitBookEvents.Add(load.State, "evt_" + load.NewId(), installation.CreatedAt.AddSeconds(5), installation.IntegrationName, installation.Id,
                level + "_installation_setup", new JsonObject { ["installationId"] = installation.Id, [level + "Id"] = content.TargetId, ["status"] = content.Status });
        }
    }
}
