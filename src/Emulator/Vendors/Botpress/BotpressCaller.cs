using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Who is calling a Botpress hub route: the bearer token resolved to its tenant. Minimal APIs bind it
/// (<see cref="BindAsync"/>) before the handler runs, so a missing or malformed token is a 401 before
/// anything else is looked at.
/// </summary>
internal partial class BotpressCaller : VendorCaller<BotpressService, BotpressState, BotpressErrors>
{
    public static ValueTask<BotpressCaller?> BindAsync(HttpContext context) =>
        Bound(Authenticate(context, (service, key, state) =>
            new BotpressCaller { Service = service, Http = context, TenantKey = key, State = state }));

    /// <summary>
    /// One keyset page of <paramref name="ordered"/> (sorted by <paramref name="sortKey"/>) as Botpress lists answer:
    /// <c>{"&lt;items&gt;":[...],"meta":{"nextToken"?}}</c>. The page token is bound to the tenant, the operation and
    /// <paramref name="signature"/> (what selects the list). Call inside <c>Read</c> when the list is the tenant's.
    /// </summary>
    public IResult OkPage<T>(string items, IReadOnlyList<T> ordered, Func<T, string> sortKey, int limit, string signature, Func<T, JsonNode> view)
    {
        var page = KeysetPager.Take(ordered, sortKey, (string?)Query()["nextToken"], limit,
            $"botpress|{TenantKey}|{Operation.Id}|{signature}", Service.PageTokens,
            () => Errors.InvalidPageToken("nextToken"), knownCount: ordered.Count);
        var meta = new JsonObject();
        if (page.NextToken is not null) meta["nextToken"] = page.NextToken;
        return Ok(new JsonObject { [items] = new JsonArray([.. page.Items.Select(view)]), ["meta"] = meta });
    }

    /// <summary>The integration version with this id anywhere in the tenant, or 404.</summary>
    public IntegrationVersion FindIntegration(string id, Func<IntegrationVersion, bool> visible) =>
        State.Integrations.TryGetValue(id, out var integration) && visible(integration)
            ? integration
            : throw Errors.ResourceNotFound($"Integration \"{id}\" not found");

    protected static T Authenticate<T>(HttpContext context, Func<BotpressService, string, BotpressState, T> make)
    {
        var service = context.RequestServices.GetRequiredService<BotpressService>();
        var token = BearerToken.From(context.Request.Headers.Authorization.ToString(), out var missing)
            ?? throw service.Errors.Unauthorized(missing
                ? "Authorization header is missing: send 'Authorization: Bearer <token>'"
                : "Authorization header is malformed: expected 'Bearer <token>'");
        var key = service.Tenants.KeyFor(token);
        return make(service, key, service.Tenants.Get(key));
    }
}

/// <summary>A caller of a workspace route: also carries the <c>x-workspace-id</c> the spec requires there.</summary>
internal sealed partial class WorkspaceCaller : BotpressCaller
{
    public required string WorkspaceId { get; init; }

    /// <summary>The workspace of <c>x-workspace-id</c> (it exists from <see cref="BindAsync"/> on; call inside <c>Read</c> or <c>Write</c>).</summary>
    public Workspace Workspace => State.Workspaces[WorkspaceId];

    /// <summary>This caller as the context of <see cref="IntegrationRules"/> and <see cref="BotRules"/>.</summary>
    public RuleContext Rules => new(State, WorkspaceId, Now, Errors, Service.NewId);

    public static new ValueTask<WorkspaceCaller?> BindAsync(HttpContext context)
    {
        var caller = Authenticate(context, (service, key, state) =>
        {
            var workspaceId = context.Request.Headers["x-workspace-id"].ToString();
            if (workspaceId.Length == 0) throw service.Errors.InvalidPayload("x-workspace-id header is required for this operation");
            if (!WorkspaceIdPattern().IsMatch(workspaceId))
                throw service.Errors.InvalidPayload($"x-workspace-id \"{workspaceId}\" is not a workspace id (letters, digits, '_' and '-', at most 100)");
            // Any workspace id a caller sends is a workspace of theirs from then on (getWorkspace, listWorkspaces show it).
            // Written only the first time: a write retires the tenant's cached views, and this runs on every request.
            if (!state.Read(s => s.Workspaces.ContainsKey(workspaceId)))
            {
                state.Write(s => s.WorkspaceFor(workspaceId, service.Clock.GetUtcNow()));
                // Unless the request is refused: then it leaves no workspace behind.
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode >= 400) state.Write(s => s.ForgetUnused(workspaceId));
                    return Task.CompletedTask;
                });
            }
            return new WorkspaceCaller { Service = service, Http = context, TenantKey = key, State = state, WorkspaceId = workspaceId };
        });
        return Bound(caller);
    }

    /// <summary>An integration version of this workspace, or 404 (another workspace's private versions do not exist here).</summary>
    public IntegrationVersion OwnIntegration(string id) => FindIntegration(id, i => i.WorkspaceId == WorkspaceId);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex WorkspaceIdPattern();
}
