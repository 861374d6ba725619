using System.Text;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Membrane;

/// <summary>
/// Who calls a Membrane route. The tenant is the credential: a <c>pat-</c> token itself, or — for a JWT —
/// the (issuer, id) pair in its payload, so a client that re-mints its JWT from workspace key and secret
/// stays in its tenant (signatures are not checked: the emulator has no workspace secret).
/// </summary>
internal sealed class MembraneCaller : VendorCaller<MembraneService, MembraneState, MembraneErrors>
{
    /// <summary>Query booleans coerce as the SDK's zod schemas do.</summary>
    protected override bool ZodBooleans => true;

    /// <summary>Writes through the shared rules as this caller: now, random ids.</summary>
    public RuleContext Rules => new(State, Errors, Now, MembraneService.NewId, () => Guid.NewGuid().ToString(), MembraneService.NewRevision);

    public static ValueTask<MembraneCaller?> BindAsync(HttpContext context)
    {
        var service = context.RequestServices.GetRequiredService<MembraneService>();
        var token = BearerToken.From(context.Request.Headers.Authorization.ToString(), out var missing)
            ?? throw service.Errors.NotAuthenticated(missing
                ? "Not authenticated: send 'Authorization: Bearer <token>'"
                : "Not authenticated: the Authorization header must be 'Bearer <token>'");
        var credential = CredentialOf(token)
            ?? throw service.Errors.NotAuthenticated("Not authenticated: the token must start with 'pat-' or be a JWT");
        var version = context.Request.Headers["membrane-api-version"].ToString();
        if (version.Length > 0 && !MembraneDefaults.ApiVersions.Contains(version))
            throw service.Errors.BadRequest($"membrane-api-version: unknown version \"{version}\" (known: {string.Join(", ", MembraneDefaults.ApiVersions)})");
        var key = service.Tenants.KeyFor(credential);
        return Bound(new MembraneCaller { Service = service, Http = context, TenantKey = key, State = service.Tenants.Get(key) });
    }

    /// <summary>The tenant credential of a token: <c>pat-…</c> as is; a JWT as <c>jwt:{iss}:{id}</c> (or its <c>sub</c>).</summary>
    public static string? CredentialOf(string token)
    {
        if (token.StartsWith("pat-", StringComparison.Ordinal)) return token;
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var padded = parts[1].Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            if (StrictJson.Parse(Convert.FromBase64String(padded)) is not JsonObject payload) return null;
            var subject = (payload["id"] ?? payload["sub"])?.ToString();
            return subject is null ? token : $"jwt:{payload["iss"]}:{subject}";
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// One page: <c>limit</c> 1..1000 (default 100), <c>cursor</c> opaque (<c>0</c> — what <c>findAll</c> sends
    /// first — is the first page), no <c>cursor</c> in the answer on the last page. Call inside <c>Read</c>.
    /// </summary>
    public byte[] Page<T>(string listName, JObject query, IReadOnlyList<T> ordered, Func<T, long> seq, Func<T, JsonNode> view, Func<T, bool>? admits = null)
    {
        var (items, cursor) = PageItems(listName, query, ordered, seq, item => EmulatorJson.Bytes(view(item)), admits);
        return MembraneViews.ListJson(items, cursor);
    }

    /// <summary>The item JSON of a page of <paramref name="ordered"/> (in <paramref name="seq"/> order) and the next cursor.</summary>
    public (IReadOnlyList<byte[]> Items, string? Cursor) PageItems<T>(string listName, JObject query, IReadOnlyList<T> ordered, Func<T, long> seq,
        Func<T, byte[]> view, Func<T, bool>? admits = null)
    {
        var limit = MembraneDefaults.DefaultLimit;
        if (query["limit"] is { } rawLimit)
        {
            if (rawLimit.Type != JTokenType.Integer || rawLimit.Value<long>() is < 1 or > MembraneDefaults.MaxLimit)
                throw Errors.BadRequest($"limit: must be a whole number from 1 to {MembraneDefaults.MaxLimit}, not {rawLimit}");
            limit = rawLimit.Value<int>();
        }
        var cursor = (string?)query["cursor"];
        if (cursor is "0" or "") cursor = null;
        var scope = $"membrane|{TenantKey}|{listName}|{string.Join('\u001f', query.Properties().Where(p => p.Name is not ("cursor" or "limit")).Select(p => $"{p.Name}={p.Value}"))}";
        // Membrane lists carry no total, so nothing is counted (knownCount: 0).
        var page = KeysetPager.Take(ordered, item => KeysetPager.NumericKey(seq(item)), cursor, limit, scope, Service.PageTokens,
            () => Errors.InvalidPageToken("cursor"), admits, knownCount: 0);
        return ([.. page.Items.Select(view)], page.NextToken);
    }
}
