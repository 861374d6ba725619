using System.Text.Json.Nodes;

namespace IntegrationsApiEmulator.Client;

/// <summary>What <c>GET /_emulator/health</c> answers.</summary>
/// <param name="Status">Always <c>ok</c> when the emulator answers.</param>
/// <param name="Version">The emulator's version (<c>0.1.0</c>).</param>
/// <param name="UptimeSeconds">Wall time since the emulator started, in seconds.</param>
/// <param name="Vendors">The vendors it serves (<c>botpress</c>, <c>gitbook</c>, <c>membrane</c>).</param>
public sealed record EmulatorHealth(string Status, string Version, double UptimeSeconds, IReadOnlyList<string> Vendors);

/// <summary>One tenant of a vendor, as <c>GET /_emulator/tenants</c> lists it.</summary>
/// <param name="Tenant">The tenant key (<c>t_</c> and 16 hex digits; <see cref="EmulatorCredentials.TenantKeyOf"/>).</param>
/// <param name="Counts">Entity counts by kind (<c>integrations</c>, <c>bots</c>, ...).</param>
public sealed record TenantSummary(string Tenant, IReadOnlyDictionary<string, int> Counts);

/// <summary>A page of one collection of a tenant's state (<c>GET /_emulator/tenants/{vendor}/{tenant}/collections/{name}</c>).</summary>
/// <param name="Vendor">The vendor.</param>
/// <param name="Tenant">The tenant key.</param>
/// <param name="Collection">The collection's name (<c>integrations</c>, <c>elements</c>, ...).</param>
/// <param name="Total">How many entries match (all of them without a search).</param>
/// <param name="Offset">The first entry of this page.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Items">The page's entries.</param>
public sealed record TenantCollectionPage(string Vendor, string Tenant, string Collection, int Total, int Offset, int Limit, IReadOnlyList<TenantCollectionEntry> Items);

/// <summary>One entry of a tenant collection: its key (id, map key or position) and its JSON.</summary>
/// <param name="Key">The entry's key.</param>
/// <param name="Value">The entry as the state snapshot writes it.</param>
public sealed record TenantCollectionEntry(string Key, JsonNode? Value);

/// <summary>The emulator's clock (<c>GET</c> / <c>POST /_emulator/clock</c>).</summary>
/// <param name="Now">The emulated time.</param>
/// <param name="Frozen">True when the clock stands still until advanced or set.</param>
public sealed record ClockReading(DateTimeOffset Now, bool Frozen);

/// <summary>What <c>POST /_emulator/fixtures</c> answers.</summary>
/// <param name="Vendors">The vendors the fixture set held.</param>
/// <param name="Tenant">The tenant key it was loaded into, or <c>all</c> (every tenant and the template).</param>
public sealed record FixtureLoadResult(IReadOnlyList<string> Vendors, string Tenant);

/// <summary>A vendor endpoint the emulator serves (<c>GET /_emulator/routes</c>).</summary>
/// <param name="Vendor">The vendor (<c>gitbook</c>).</param>
/// <param name="Method">The HTTP method, or <c>*</c> for a route that answers every method.</param>
/// <param name="Route">The route pattern, vendor prefix included (<c>/gitbook/v1/orgs/{organizationId}</c>).</param>
/// <param name="Name">The endpoint's name (the vendor's operation id), when it has one.</param>
public sealed record EmulatorRoute(string Vendor, string Method, string Route, string? Name);

internal sealed record RouteList(IReadOnlyList<EmulatorRoute> Routes);
