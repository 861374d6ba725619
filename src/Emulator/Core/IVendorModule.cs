using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Core;

/// <summary>One vendor API: its URL prefix, its error envelope, its services and routes.</summary>
public interface IVendorModule
{
    /// <summary>Lower-case vendor name; also the first path segment of every route (<c>/botpress/...</c>).</summary>
    string Name { get; }

    IVendorErrors Errors { get; }

    void AddServices(IServiceCollection services);

    void MapRoutes(IEndpointRouteBuilder app);

    /// <summary>This vendor's tenants (reset, counts).</summary>
    ITenantRegistry Tenants(IServiceProvider services);

    /// <summary>Builds the seeded template now (it is otherwise built on first use); bad fixtures throw here.</summary>
    void Prepare(IServiceProvider services);
}
