using System.Net;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.ControlPlane;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Hosting;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

/// <summary><c>GET /_emulator/routes</c>: the vendor endpoints, read from routing (what the client-coverage table is built from).</summary>
public sealed class RouteListTests
{
    [Fact]
    public async Task Lists_every_vendor_endpoint_with_method_pattern_and_name_and_no_control_plane_route()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync();
        using var http = emulator.CreateClient();

        var response = await http.GetAsync("_emulator/routes");
        var routes = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["routes"]!.AsArray()
            .Select(r => (Vendor: r!["vendor"]!.GetValue<string>(), Method: r["method"]!.GetValue<string>(),
                Route: r["route"]!.GetValue<string>(), Name: r["name"]?.GetValue<string>()))
            .ToList();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        routes.Should().Contain([
            ("botpress", "GET", "/botpress/v1/admin/integrations/{id}", "botpress.getIntegration"),
            ("botpress", "GET", "/botpress/v1/admin/integrations/{name}/{version}", "botpress.getIntegrationByName"),
            ("gitbook", "POST", "/gitbook/v1/integrations/{integrationName}", "gitbook.publishIntegration"),
            ("membrane", "DELETE", "/membrane/integrations/{selector}", "membrane.archiveIntegration"),
            ("membrane", "POST", "/membrane/integrations/{selector}/actions/{element}/reset", "membrane.resetAction"),
        ]);
        routes.Select(r => r.Vendor).Distinct().Should().BeEquivalentTo(["botpress", "gitbook", "membrane"]);
        routes.Should().OnlyContain(r => r.Route.StartsWith("/" + r.Vendor + "/", StringComparison.Ordinal));
        routes.Should().OnlyHaveUniqueItems(r => r.Method + " " + r.Route);
        routes.Should().BeInAscendingOrder(r => r.Vendor, StringComparer.Ordinal);
    }

    [Fact]
    public async Task The_in_process_list_is_the_same_and_the_route_is_in_the_openapi_document_and_behind_the_admin_token()
    {
        await using var emulator = await IntegrationsEmulator.StartAsync(EmulatorOptions.Default with { AdminToken = "secret" });
        using var http = emulator.CreateClient();

        var unauthorized = await http.GetAsync("_emulator/routes");
        // The OpenAPI document is behind the admin token too (only health is open).
        http.DefaultRequestHeaders.Authorization = new("Bearer", "secret");
        var document = JsonNode.Parse(await http.GetStringAsync("_emulator/openapi.json"))!;

        unauthorized.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        document["paths"]!["/_emulator/routes"]!["get"].Should().NotBeNull();
        emulator.Routes().Should().Contain(new VendorRoute("gitbook", "GET", "/gitbook/v1/user", "gitbook.getAuthenticatedUser"))
            .And.OnlyHaveUniqueItems();
    }
}
