using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Tests.Core;

/// <summary>
/// No operation silently takes a body it ignores: every POST, PUT, PATCH and DELETE of a vendor either validates its body
/// against a request schema or is declared <c>Bodiless()</c>, so its caller refuses a body other than none or <c>{}</c>.
/// </summary>
public sealed class OperationBodyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public void Every_operation_that_can_carry_a_body_validates_it_or_refuses_it()
    {
        var schemas = fixture.Emulator.Services.GetRequiredService<SchemaRegistry>();
        var silent = fixture.Emulator.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Operation: e.Metadata.GetMetadata<VendorOperation>(), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Operation is { Bodiless: false } && e.Methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            .Where(e => schemas.Find(e.Operation!.Vendor, e.Operation.Request, SchemaPart.Request) is null)
            .Select(e => $"{e.Operation!.Vendor}.{e.Operation.Id}")
            .ToList();

        string.Join(", ", silent).Should().BeEmpty("these operations neither validate a body nor refuse one (declare them Bodiless())");
    }
}
