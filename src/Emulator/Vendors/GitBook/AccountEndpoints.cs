using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// The supporting reads the integration routes refer to: the current user, organizations, their spaces and
/// sites. Read-only here; the seeded template (and fixtures) provide them.
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/user", GetAuthenticatedUser).WithName("gitbook.getAuthenticatedUser").WithTags("gitbook account");
        v1.MapGet("/orgs", ListOrganizationsForAuthenticatedUser).WithName("gitbook.listOrganizationsForAuthenticatedUser").WithTags("gitbook account");
        v1.MapGet("/orgs/{organizationId}", GetOrganizationById).WithName("gitbook.getOrganizationById").WithTags("gitbook account");
        v1.MapGet("/orgs/{organizationId}/spaces", ListSpacesInOrganizationById).WithName("gitbook.listSpacesInOrganizationById").WithTags("gitbook account");
        v1.MapGet("/orgs/{organizationId}/sites", ListSites).WithName("gitbook.listSites").WithTags("gitbook account");
        v1.MapGet("/orgs/{organizationId}/sites/{siteId}", GetSiteById).WithName("gitbook.getSiteById").WithTags("gitbook account");
        v1.MapGet("/spaces/{spaceId}", GetSpaceById).WithName("gitbook.getSpaceById").WithTags("gitbook account");
    }

    private static IResult GetAuthenticatedUser(GitBookCaller caller) =>
        caller.Read(state => caller.Ok(caller.Views.User(state.User)));

    private static IResult ListOrganizationsForAuthenticatedUser(GitBookCaller caller)
    {
        var query = caller.Query();
        return caller.Read(state =>
        {
            var views = caller.Views;
            var orgs = state.Organizations.Values.OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
            return caller.OkJson(caller.Page("orgs", query, orgs, o => o.Id, o => views.Organization(o)));
        });
    }

    private static IResult GetOrganizationById(GitBookCaller caller, string organizationId) =>
        caller.Read(_ => caller.Ok(caller.Views.Organization(Organization(caller, organizationId))));

    private static IResult ListSpacesInOrganizationById(GitBookCaller caller, string organizationId)
    {
        var query = caller.Query();
        return caller.Read(state =>
        {
            Organization(caller, organizationId);
            var views = caller.Views;
            var spaces = state.Spaces.Values.Where(s => s.OrganizationId == organizationId).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            return caller.OkJson(caller.Page("spaces|" + organizationId, query, spaces, s => s.Id, s => views.Space(s)));
        });
    }

    private static IResult ListSites(GitBookCaller caller, string organizationId)
    {
        var query = caller.Query();
        var title = (string?)query["title"];
        // type is an array of site types (?type=basic&type=premium): a site of any of them.
        var types = query["type"] is JArray array ? array.Select(t => (string)t!).ToHashSet(StringComparer.Ordinal) : null;
        bool? published = query["published"]?.Value<bool>();
        return caller.Read(state =>
        {
            Organization(caller, organizationId);
            var views = caller.Views;
            var sites = state.Sites.Values
                .Where(s => s.OrganizationId == organizationId
                    && (title is null || s.Title.Contains(title, StringComparison.OrdinalIgnoreCase))
                    && (types is null || types.Contains(s.Type))
                    && (published is null || s.Published == published))
                .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            return caller.OkJson(caller.Page("sites|" + organizationId, query, sites, s => s.Id, s => views.Site(s)));
        });
    }

    private static IResult GetSiteById(GitBookCaller caller, string organizationId, string siteId) => caller.Read(_ =>
    {
        Organization(caller, organizationId);
        return caller.Ok(caller.Views.Site(Site(caller, organizationId, siteId)));
    });

    private static IResult GetSpaceById(GitBookCaller caller, string spaceId) =>
        caller.Read(_ => caller.Ok(caller.Views.Space(Space(caller, spaceId))));

    public static Organization Organization(GitBookCaller caller, string organizationId) =>
        caller.State.Organizations.GetValueOrDefault(organizationId) ?? throw caller.Errors.NotFound($"Organization \"{organizationId}\" not found");

    public static Space Space(GitBookCaller caller, string spaceId) =>
        caller.State.Spaces.GetValueOrDefault(spaceId) ?? throw caller.Errors.NotFound($"Space \"{spaceId}\" not found");

    public static Site Site(GitBookCaller caller, string organizationId, string siteId) =>
        caller.State.Sites.TryGetValue(siteId, out var site) && site.OrganizationId == organizationId
            ? site
            : throw caller.Errors.NotFound($"Site \"{siteId}\" not found in organization \"{organizationId}\"");
}
