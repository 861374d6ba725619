using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulator.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.GitBook;

/// <summary>
/// Who calls a GitBook route: the bearer token's tenant, and — for tokens minted by
/// createIntegrationInstallationToken — the installation it acts as. User tokens may call every route
/// (the emulator does not tell user from integration tokens); installation tokens only their own
/// integration and installation (403 otherwise).
/// </summary>
public sealed partial class GitBookCaller
{
    public required GitBookService Service { get; init; }
    public required HttpContext Http { get; init; }
    public required string TenantKey { get; init; }
    public required GitBookState State { get; init; }

    /// <summary>The installation an installation token acts as; null for user tokens.</summary>
    public string? ActingInstallationId { get; init; }

    public GitBookErrors Errors => Service.Errors;

    public DateTimeOffset Now => Service.Clock.GetUtcNow();

    /// <summary>The API root as the client addressed it (<c>http://host/gitbook/v1</c>), for <c>urls.location</c>.</summary>
    public string ApiBase => $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}/{GitBookModule.VendorName}/v1";

    public GitBookViews Views => new(ApiBase, State);

    public static ValueTask<GitBookCaller?> BindAsync(HttpContext context)
    {
        var service = context.RequestServices.GetRequiredService<GitBookService>();
        var token = BearerToken.From(context.Request.Headers.Authorization.ToString(), out var missing)
            ?? throw service.Errors.Unauthorized(missing
                ? "You must be authenticated: send 'Authorization: Bearer <token>'"
                : "The Authorization header is malformed: expected 'Bearer <token>'");
        var key = service.Tenants.KeyFor(token);
        context.Items[VendorDirectory.TenantItem] = key;
        var state = service.Tenants.Get(key);
        var acting = state.InstallationTokens.GetValueOrDefault(token);
        return ValueTask.FromResult<GitBookCaller?>(new GitBookCaller { Service = service, Http = context, TenantKey = key, State = state, ActingInstallationId = acting });
    }

    public Task<JsonObject> BodyAsync(string operationId) =>
        Service.Requests.ReadBodyAsync(Http, GitBookModule.VendorName, Errors, operationId);

    public JObject Query(string operationId) =>
        Service.Requests.ReadQuery(Http, GitBookModule.VendorName, Errors, operationId);

    public IResult Ok(string operationId, JsonNode body, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        Ok(operationId, GitBookViews.Bytes(body), statusCode, location);

    public IResult Ok(string operationId, byte[] json, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        Service.Requests.RawJson(GitBookModule.VendorName, Errors, operationId, json, statusCode, location);

    /// <summary>204 or 205 without a body (the client does not parse these operations' answers).</summary>
    public static IResult Empty(int statusCode) => Results.StatusCode(statusCode);

    /// <summary>Refuses an installation token acting outside its own integration (and installation, when given).</summary>
    public void EnsureMayActOn(string integrationName, string? installationId = null)
    {
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
