using System.Net;
using System.Text;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.Core;

/// <summary>
/// Every vendor route is an operation whose schemas exist: a typo in a route's name or in a schema name it declares
/// fails here, not as a 500 at the first request.
/// </summary>
public sealed class VendorOperationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private IEnumerable<(RouteEndpoint Endpoint, VendorOperation Operation)> Operations() =>
        fixture.Emulator.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e, e.Metadata.GetMetadata<VendorOperation>()))
            .Where(pair => pair.Item2 is not null)
            .Select(pair => (pair.e, pair.Item2!));

    [Fact]
    public void Every_route_of_the_vendor_groups_is_an_operation_and_the_schemas_it_names_exist()
    {
        var schemas = fixture.Emulator.Services.GetRequiredService<SchemaRegistry>();
        var operations = Operations().ToList();
        operations.Select(o => o.Operation.Vendor).Distinct().Should().BeEquivalentTo("botpress", "gitbook", "membrane");

        var missing = new List<string>();
        foreach (var (endpoint, operation) in operations)
        {
            var declared = endpoint.Metadata.OfType<OperationSchemas>().ToList();
            void Expect(string? name, SchemaPart part)
            {
                if (name is not null && schemas.Find(operation.Vendor, name, part) is null) missing.Add($"{operation.Vendor}.{operation.Id}: {name}.{part}");
            }
            foreach (var schema in declared)
            {
                Expect(schema.Request, SchemaPart.Request);
                Expect(schema.Query, SchemaPart.Query);
                Expect(schema.Response, SchemaPart.Response);
            }
            // A bodiless operation has no request schema to ignore.
            if (operation.Bodiless && schemas.Find(operation.Vendor, operation.Request, SchemaPart.Request) is not null)
                missing.Add($"{operation.Vendor}.{operation.Id} is Bodiless() but has a request schema {operation.Request}");
        }
        missing.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bodiless_operation_refuses_a_body_in_the_vendor_envelope_and_takes_none_or_an_empty_object()
    {
        using var membrane = fixture.Emulator.CreateMembraneClient();
        var path = "integrations/hubspot/restore";

        using var refused = await membrane.PostAsync(path, new StringContent("""{"force":true}""", Encoding.UTF8, "application/json"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("\"type\":\"bad_request\"").And.Contain("takes no request body");

        using var empty = await membrane.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json"));
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        using var none = await membrane.PostAsync(path, null);
        none.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
