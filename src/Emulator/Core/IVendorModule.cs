using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

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

    /// <summary>
    /// First phase of loading this vendor's fixture document at run time into one tenant or (<paramref name="tenantKey"/>
    /// null) the template and every tenant: a refused fixture throws <see cref="InvalidDataException"/> with nothing
    /// changed; the returned action applies it.
    /// </summary>
    Action PrepareFixture(IServiceProvider services, JToken document, FixtureContext context, string? tenantKey);

    /// <summary>This vendor's part of a state snapshot: <c>{"tenants":{...},"aliases":{...}}</c>.</summary>
    JsonNode ExportState(IServiceProvider services);

    /// <summary>
    /// First phase of an import: parses and builds this vendor's part of a snapshot without touching live
    /// state; throws <see cref="SnapshotException"/> naming the JSON path at fault. Null: the vendor is absent (no tenants).
    /// </summary>
    object PrepareImport(IServiceProvider services, JsonNode? snapshot);

    /// <summary>Second phase: swaps in what <see cref="PrepareImport"/> built (cannot fail on data).</summary>
    void CommitImport(IServiceProvider services, object prepared);
}
