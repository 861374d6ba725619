using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Core;

/// <summary>
/// One vendor API: its URL prefix, its error envelope, its services and routes. Derive from
/// <see cref="VendorModule{TState}"/>, which supplies tenancy, fixtures, snapshots and reset.
/// </summary>
internal interface IVendorModule
{
    /// <summary>Lower-case vendor name; also the first path segment of every route (<c>/botpress/...</c>).</summary>
    string Name { get; }

    IVendorErrors Errors { get; }

    /// <summary>
    /// The shapes of the credentials this vendor issues (<c>bp_pat_</c>, minted keys and tokens): the request journal
    /// masks any value that starts with one of them.
    /// </summary>
    IReadOnlyList<string> CredentialPrefixes { get; }

    /// <summary>A credential no one has used yet, in the vendor's shape: a new, freshly seeded tenant.</summary>
    string NewCredential();

    /// <summary>Adds the headers the vendor's official client sends on every request (beyond its credential).</summary>
    void PrepareClient(HttpClient client);

    void AddServices(IServiceCollection services);

    void MapRoutes(IEndpointRouteBuilder app);

    /// <summary>This vendor's tenants (reset, counts).</summary>
    ITenantRegistry Tenants(IServiceProvider services);

    /// <summary>
    /// The tenant a request's credential stands for, without answering or creating anything: null when it carries no
    /// credential this vendor accepts. For the journal of requests a fault or an override answers before any route.
    /// </summary>
    string? TenantKeyOf(IServiceProvider services, HttpContext context);

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

    /// <summary>One existing tenant (null when there is none): its state's identity and version, and its export.</summary>
    TenantView? ViewTenant(IServiceProvider services, string tenantKey);

    /// <summary>
    /// First phase of an import: parses and builds this vendor's part of a snapshot without touching live
    /// state; throws <see cref="SnapshotException"/> naming the JSON path at fault. Null: the vendor is absent (no tenants).
    /// </summary>
    object PrepareImport(IServiceProvider services, JsonNode? snapshot);

    /// <summary>Second phase: swaps in what <see cref="PrepareImport"/> built (cannot fail on data).</summary>
    void CommitImport(IServiceProvider services, object prepared);
}

/// <summary>
/// One tenant as the control plane reads it: <see cref="State"/> and <see cref="Version"/> tell whether a view built
/// earlier is still current (a reset or import replaces the state object; a write bumps the version);
/// <see cref="Export"/> writes the tenant as the state snapshot does (its collections by name).
/// </summary>
internal sealed record TenantView(object State, long Version, Func<JsonObject> Export);
