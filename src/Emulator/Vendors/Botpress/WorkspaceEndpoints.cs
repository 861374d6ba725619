using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// The tenant's workspaces: <c>/v1/admin/workspaces...</c> (no x-workspace-id: the path names the workspace).
/// <c>bp login</c> lists them when no workspace id is given; <c>bp deploy</c> reads the handle and claims one
/// (checkHandleAvailability, then updateWorkspace) when the workspace has none.
/// </summary>
internal static class WorkspaceEndpoints
{
    public const int PageSize = 20;
    private const int Suggestions = 3;

    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/workspaces").WithTags("botpress workspaces");
        group.MapGet("", ListWorkspaces).WithName("botpress.listWorkspaces");
        // Before /{id}: "handle-availability" is not a workspace id.
        group.MapPut("/handle-availability", CheckHandleAvailability).WithName("botpress.checkHandleAvailability");
        group.MapGet("/{id}", GetWorkspace).WithName("botpress.getWorkspace");
        group.MapPut("/{id}", UpdateWorkspace).WithName("botpress.updateWorkspace");
    }

    /// <summary>
    /// listWorkspaces: "workspaces the user has access to" = every workspace of the tenant its user owns: the default
    /// workspace, fixture workspaces and every id a caller has sent as x-workspace-id. The hub's owner workspaces
    /// (official and community publishers) belong to other users and are not listed. Oldest first, then by id;
    /// <c>handle</c> selects the one with that handle.
    /// </summary>
    private static IResult ListWorkspaces(BotpressCaller caller)
    {
        var handle = (string?)caller.Query()["handle"];
        static string Key(Workspace w) => KeysetPager.NumericKey(w.CreatedAt.UtcTicks) + "|" + w.Id;
        return caller.Read(state =>
        {
            var ordered = state.Workspaces.Values
                .Where(w => w.OwnerId == BotpressDefaults.UserId && (handle is null || w.Handle == handle))
                .OrderBy(Key, StringComparer.Ordinal).ToList();
            return caller.OkPage("workspaces", ordered, Key, PageSize, handle ?? "", w => View(w, state));
        });
    }

    private static IResult GetWorkspace(BotpressCaller caller, string id) => caller.Read(state => caller.Ok(View(Own(caller, id), state)));

    private static async Task<IResult> UpdateWorkspace(BotpressCaller caller, string id)
    {
        var body = await caller.BodyAsync();
        return caller.Write(state =>
        {
            var workspace = Own(caller, id);
            if ((string?)body["handle"] is { } handle && handle != workspace.Handle && state.HandleHolder(handle) is { } holder)
                throw caller.Errors.AlreadyExists($"handle: \"{handle}\" is already the handle of workspace \"{holder.Id}\"");
            // Checked before anything changes: the update is all or nothing.
            if ((string?)body["handle"] is { } newHandle) workspace.Handle = newHandle;
            if ((string?)body["name"] is { } name) workspace.Name = name;
            if (body["spendingLimit"] is { } spendingLimit) workspace.SpendingLimit = spendingLimit.GetValue<double>();
            if ((string?)body["about"] is { } about) workspace.About = about;
            if ((string?)body["profilePicture"] is { } profilePicture) workspace.ProfilePicture = profilePicture;
            if ((string?)body["contactEmail"] is { } contactEmail) workspace.ContactEmail = contactEmail;
            if ((string?)body["website"] is { } website) workspace.Website = website;
            if (body["socialAccounts"] is JsonArray socialAccounts) workspace.SocialAccounts = [.. socialAccounts.Select(a => (string)a!)];
            if (body["isPublic"] is { } isPublic) workspace.IsPublic = isPublic.GetValue<bool>();
            workspace.UpdatedAt = caller.Now;
            return caller.Ok(View(workspace, state));
        });
    }

    /// <summary>
    /// checkHandleAvailability: a handle is available unless another workspace of the tenant holds it (the hub's publishers
    /// included: their handles prefix public integration names). The caller's own workspace (x-workspace-id, if sent) holding
    /// it counts as available ("not yours and not available" is how <c>bp deploy</c> words a refusal). Suggestions are
    /// available handles built from the asked one.
    /// </summary>
    private static async Task<IResult> CheckHandleAvailability(BotpressCaller caller)
    {
        var body = await caller.BodyAsync();
        var handle = (string)body["handle"]!;
        var mine = caller.Http.Request.Headers["x-workspace-id"].ToString();
        return caller.Read(state =>
        {
            var holder = state.HandleHolder(handle);
            if (holder is null || holder.Id == mine)
                return caller.Ok(new { available = true, suggestions = Array.Empty<string>() });
            var suggestions = new List<string>(Suggestions);
            for (var n = 1; suggestions.Count < Suggestions && n < 1000; n++)
            {
                var suffix = "-" + n;
                var candidate = (handle.Length + suffix.Length > 50 ? handle[..(50 - suffix.Length)] : handle) + suffix;
                if (state.HandleHolder(candidate) is null) suggestions.Add(candidate);
            }
            return caller.Ok(new { available = false, suggestions, usedBy = holder.Id });
        });
    }

    /// <summary>A workspace of the tenant's user, or 404 (ids never sent, and the hub publishers' workspaces, are not theirs).</summary>
    private static Workspace Own(BotpressCaller caller, string id) =>
        caller.State.Workspaces.TryGetValue(id, out var workspace) && workspace.OwnerId == BotpressDefaults.UserId
            ? workspace
            : throw caller.Errors.ResourceNotFound($"Workspace \"{id}\" not found");

    /// <summary>The <c>Workspace</c> shape (getWorkspace, updateWorkspace, listWorkspaces items); no handle key when it has none.</summary>
    public static JsonObject View(Workspace w, BotpressState state)
    {
        var json = new JsonObject
        {
            ["id"] = w.Id,
            ["name"] = w.Name,
            ["ownerId"] = w.OwnerId,
            ["createdAt"] = BotpressViews.Iso(w.CreatedAt),
            ["updatedAt"] = BotpressViews.Iso(w.UpdatedAt),
            ["botCount"] = state.Bots.Values.Count(b => b.WorkspaceId == w.Id),
            ["billingVersion"] = w.BillingVersion,
            ["plan"] = w.Plan,
            ["blocked"] = w.Blocked,
            ["spendingLimit"] = w.SpendingLimit,
            ["about"] = w.About,
            ["profilePicture"] = w.ProfilePicture,
            ["contactEmail"] = w.ContactEmail,
            ["website"] = w.Website,
            ["socialAccounts"] = new JsonArray([.. w.SocialAccounts.Select(a => (JsonNode?)a)]),
            ["isPublic"] = w.IsPublic,
        };
        if (w.Handle is not null) json["handle"] = w.Handle;
        json["activeTrialId"] = null;
        return json;
    }
}
