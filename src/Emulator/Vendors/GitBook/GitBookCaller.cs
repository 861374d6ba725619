using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Who calls a GitBook route: the bearer token's tenant, and — for tokens the emulator minted — the installation
/// (installation tokens: createIntegrationInstallationToken, deliveries) or integration (integration tokens: deliveries)
/// it acts as. User tokens may call every route; installation tokens only their own integration and installation,
/// integration tokens only their own integration and its installations (403 otherwise).
/// </summary>
internal sealed class GitBookCaller : VendorCaller<GitBookService, GitBookState, GitBookErrors>
{
    /// <summary>The installation an installation token acts as; null for user and integration tokens.</summary>
    public string? ActingInstallationId { get; init; }

    /// <summary>The integration an integration token acts as; null for user and installation tokens.</summary>
    public string? ActingIntegrationName { get; init; }

    /// <summary>The client's <c>endpoint</c> as the client addressed it (<c>http://host/gitbook</c>): the <c>apiEndpoint</c> of deliveries.</summary>
    public string ApiEndpoint => $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}/{GitBookModule.VendorName}";

    /// <summary>The API root as the client addressed it (<c>http://host/gitbook/v1</c>), for <c>urls.location</c>.</summary>
    public string ApiBase => ApiEndpoint + "/v1";

    /// <summary>Where events this request raises come from: the tenant (for the tokens they carry) and the API endpoint.</summary>
    public GitBookEvents.Origin Origin => new(TenantKey, ApiEndpoint);

    public GitBookViews Views => new(ApiBase, State);

    public static ValueTask<GitBookCaller?> BindAsync(HttpContext context)
    {
        var service = context.RequestServices.GetRequiredService<GitBookService>();
        var token = BearerToken.From(context.Request.Headers.Authorization.ToString(), out var missing)
            ?? throw service.Errors.Unauthorized(missing
                ? "You must be authenticated: send 'Authorization: Bearer <token>'"
                : "The Authorization header is malformed: expected 'Bearer <token>'");
        var key = service.Tenants.KeyFor(token);
        var state = service.Tenants.Get(key);
        return Bound(new GitBookCaller
        {
            Service = service,
            Http = context,
            TenantKey = key,
            State = state,
            ActingInstallationId = state.InstallationTokens.GetValueOrDefault(token),
            ActingIntegrationName = state.IntegrationTokens.GetValueOrDefault(token),
        });
    }

    /// <summary>204 or 205 without a body (the client does not parse these operations' answers).</summary>
    public static IResult Empty(int statusCode) => Results.StatusCode(statusCode);

    /// <summary>Refuses installation and integration tokens what only a user may do (<paramref name="what"/>: "publish integrations").</summary>
    public void EnsureUser(string what)
    {
        if (ActingInstallationId is not null) throw Errors.Forbidden($"Installation tokens cannot {what}");
        if (ActingIntegrationName is not null) throw Errors.Forbidden($"Integration tokens cannot {what}");
    }

    /// <summary>Refuses a token acting outside its own integration (and, for an installation token, installation, when given).</summary>
    public void EnsureMayActOn(string integrationName, string? installationId = null)
    {
        if (ActingIntegrationName is not null && ActingIntegrationName != integrationName)
            throw Errors.Forbidden($"This integration token acts as integration \"{ActingIntegrationName}\" and may not access integration \"{integrationName}\"");
        if (ActingInstallationId is null) return;
        var own = State.Installations.GetValueOrDefault(ActingInstallationId);
        if (own is null || own.IntegrationName != integrationName || (installationId is not null && installationId != own.Id))
            throw Errors.Forbidden($"This installation token acts as installation \"{ActingInstallationId}\" and may not access {(installationId is null ? $"integration \"{integrationName}\"" : $"installation \"{installationId}\" of \"{integrationName}\"")}");
    }

    /// <summary>A page of the items of <paramref name="ordered"/> (sorted by <paramref name="key"/>) that <paramref name="admits"/>, in GitBook's List shape.</summary>
    public byte[] Page<T>(string listName, JObject query, IReadOnlyList<T> ordered, Func<T, string> key, Func<T, JsonNode> view,
        Func<T, bool>? admits = null, int? knownCount = null) =>
        Page(listName, query, ordered, key, item => GitBookViews.Bytes(view(item)), admits, knownCount);

    /// <inheritdoc cref="Page{T}(string, JObject, IReadOnlyList{T}, Func{T, string}, Func{T, JsonNode}, Func{T, bool}?, int?)"/>
    public byte[] Page<T>(string listName, JObject query, IReadOnlyList<T> ordered, Func<T, string> key, Func<T, byte[]> view,
        Func<T, bool>? admits = null, int? knownCount = null)
    {
        var (items, next, count) = PageItems(listName, query, ordered, key, view, admits, knownCount);
        return GitBookViews.ListJson(items, next, count);
    }

    /// <summary>The item JSON of a page, its next-page token and the count — to write the page after the lock is released.</summary>
    public (IReadOnlyList<byte[]> Items, string? Next, int Count) PageItems<T>(string listName, JObject query, IReadOnlyList<T> ordered, Func<T, string> key,
        Func<T, byte[]> view, Func<T, bool>? admits = null, int? knownCount = null)
    {
        if (query["limit"] is { Type: not JTokenType.Integer })
            throw Errors.BadRequest($"limit: must be a whole number from 0 to 1000, not {query["limit"]}");
        var limit = query["limit"] is { } rawLimit ? rawLimit.Value<int>() : DefaultLimit;
        var scope = $"gitbook|{TenantKey}|{listName}|{string.Join('\u001f', query.Properties().Where(p => p.Name is not ("page" or "limit")).Select(p => $"{p.Name}={p.Value}"))}";
        var page = KeysetPager.Take(ordered, key, (string?)query["page"], limit, scope, Service.PageTokens, () => Errors.InvalidPageToken("page"), admits, knownCount);
        return ([.. page.Items.Select(view)], page.NextToken, page.Count);
    }

    public const int DefaultLimit = 20;
}
