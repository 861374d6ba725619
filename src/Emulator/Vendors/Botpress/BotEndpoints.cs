using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using IntegrationsApiEmulator.Vendors.Botpress.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>The workspace's bots: <c>/v1/admin/bots...</c> (x-workspace-id required). <c>bp login</c>, <c>bp deploy</c> and <c>bp dev</c> call these.</summary>
internal static class BotEndpoints
{
    public const int PageSize = 20;
    public const int MaxPageSize = 100;

    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/bots").WithTags("botpress bots");
        group.MapPost("", CreateBot).WithName("botpress.createBot");
        group.MapGet("", ListBots).WithName("botpress.listBots");
        group.MapGet("/{id}", GetBot).WithName("botpress.getBot");
        group.MapPut("/{id}", UpdateBot).WithName("botpress.updateBot");
        group.MapDelete("/{id}", DeleteBot).WithName("botpress.deleteBot").Bodiless();
    }

    private static async Task<IResult> CreateBot(WorkspaceCaller caller, IntegrationDispatcher dispatcher)
    {
        var body = await caller.BodyAsync();
        var (bot, calls) = caller.Write(state =>
        {
            var plan = BotRules.Create(caller.Rules, body);
            var calls = IntegrationRegistration.Plan(null, plan.Bot, state);
            BotRules.Commit(state, plan);
            return (plan.Bot, calls);
        });
        await IntegrationRegistration.RunAsync(calls, bot, caller.State, caller.Http.Request, dispatcher, caller.Http.RequestAborted);
        return caller.Read(state => caller.Ok(new { bot = BotViews.Full(OwnBot(caller, bot.Id), state, caller.Http.Request) }));
    }

    private static IResult GetBot(WorkspaceCaller caller, string id)
    {
        caller.Query();
        return caller.Read(state => caller.Ok(new { bot = BotViews.Full(OwnBot(caller, id), state, caller.Http.Request) }));
    }

    /// <summary>updateBot; then the platform registers what it installed or reconfigured (see <see cref="IntegrationRegistration"/>).</summary>
    private static async Task<IResult> UpdateBot(WorkspaceCaller caller, string id, IntegrationDispatcher dispatcher)
    {
        var body = await caller.BodyAsync();
        var (bot, calls) = caller.Write(state =>
        {
            var current = OwnBot(caller, id);
            var plan = BotRules.Update(caller.Rules, current, body);
            var calls = IntegrationRegistration.Plan(current, plan.Bot, state);
            BotRules.Commit(state, plan);
            return (plan.Bot, calls);
        });
        await IntegrationRegistration.RunAsync(calls, bot, caller.State, caller.Http.Request, dispatcher, caller.Http.RequestAborted);
        return caller.Read(state => caller.Ok(new { bot = BotViews.Full(OwnBot(caller, id), state, caller.Http.Request) }));
    }

    private static async Task<IResult> DeleteBot(WorkspaceCaller caller, string id, IntegrationDispatcher dispatcher)
    {
        var (bot, calls) = caller.Write(state =>
        {
            var bot = OwnBot(caller, id);
            var calls = IntegrationRegistration.Plan(bot, null, state);
            BotRules.Delete(state, bot);
            return (bot, calls);
        });
        await IntegrationRegistration.RunAsync(calls, bot, caller.State, caller.Http.Request, dispatcher, caller.Http.RequestAborted);
        return caller.Ok(new { });
    }

    /// <summary>
    /// listBots: the workspace's production bots, or its dev bots with <c>dev=true</c> ("Otherwise, only production bots
    /// are returned"), filtered by tags (every given tag must match), by createdAt (default) or updatedAt, ascending (default)
    /// or descending. Keyset pages of <see cref="PageSize"/> (the client's <c>pageSize</c>, up to <see cref="MaxPageSize"/>).
    /// </summary>
    private static IResult ListBots(WorkspaceCaller caller)
    {
        var query = caller.Query();
        var dev = query["dev"]?.Type == JTokenType.Boolean && query["dev"]!.Value<bool>();
        var tags = TagFilter(caller.Http.Request.Query);
        var byUpdate = (string?)query["sortField"] == "updatedAt";
        var descending = (string?)query["sortDirection"] == "desc";
        var pageSize = PageSizeOf(caller, query);
        var signature = string.Join('\u001f', dev, byUpdate, descending, string.Join('\u001e', tags.Select(t => t.Key + "=" + t.Value)));
        string Key(Bot bot) => KeysetPager.NumericKey((byUpdate ? bot.UpdatedAt : bot.CreatedAt).UtcTicks, descending) + "|" + bot.Id;

        return caller.Read(state =>
        {
            var ordered = state.Bots.Values
                .Where(b => b.WorkspaceId == caller.WorkspaceId && b.Dev == dev && tags.All(t => b.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
                .OrderBy(Key, StringComparer.Ordinal).ToList();
            return caller.OkPage("bots", ordered, Key, pageSize, $"{caller.WorkspaceId}|{signature}", b => BotViews.ListItem(b));
        });
    }

    /// <summary>A bot of the caller's workspace, or 404 (another workspace's bots do not exist here).</summary>
    public static Bot OwnBot(WorkspaceCaller caller, string id) =>
        caller.State.Bots.TryGetValue(id, out var bot) && bot.WorkspaceId == caller.WorkspaceId
            ? bot
            : throw caller.Errors.ResourceNotFound($"Bot \"{id}\" not found in workspace \"{caller.WorkspaceId}\"");

    // The client writes the tags object as `tags.<key>=<value>` (qs-style `tags[<key>]=<value>` is read too).
    private static SortedDictionary<string, string> TagFilter(IQueryCollection query)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (key.StartsWith("tags.", StringComparison.Ordinal) && key.Length > 5) tags[key[5..]] = values.ToString();
            else if (key.StartsWith("tags[", StringComparison.Ordinal) && key.EndsWith(']') && key.Length > 6) tags[key[5..^1]] = values.ToString();
        }
        return tags;
    }

    // Not in the spec's listBots parameters, but @botpress/client sends pageSize when it is given.
    private static int PageSizeOf(WorkspaceCaller caller, JObject query)
    {
        if (query["pageSize"] is not { } raw) return PageSize;
        return int.TryParse(raw.ToString(), out var size) && size >= 1
            ? Math.Min(size, MaxPageSize)
            : throw caller.Errors.InvalidQueryParameter($"pageSize: must be a whole number of at least 1, not \"{raw}\"");
    }
}
