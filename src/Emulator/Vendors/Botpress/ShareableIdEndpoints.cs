using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Routes keyed by (bot, installed integration): <c>/v1/admin/bots/{botId}/integrations/{integrationId}/...</c>
/// — shareable ids for the channel sandbox and unlinking sandboxed conversations. With
/// <c>integrationInstanceAlias</c> the installed instance is found by alias and the path id is ignored.
/// </summary>
internal static class ShareableIdEndpoints
{
    /// <summary>How long a shareable id stays valid (after that <c>isExpired</c> is true and create renews it).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly string[] Adjectives = ["amber", "brave", "calm", "dapper", "eager", "fuzzy", "gentle", "happy", "jolly", "lucky", "mellow", "nimble", "proud", "quiet", "rapid", "sunny", "tidy", "vivid", "witty", "zesty"];
    private static readonly string[] Animals = ["otter", "falcon", "badger", "heron", "lynx", "marmot", "panda", "quokka", "raven", "seal", "tapir", "walrus", "yak", "zebra", "bison", "koala", "lemur", "moose", "newt", "orca"];

    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/bots/{botId}/integrations/{integrationId}").WithTags("botpress bot integrations");
        group.MapPost("/shareable-id", CreateIntegrationShareableId).WithName("botpress.createIntegrationShareableId");
        group.MapGet("/shareable-id", GetIntegrationShareableId).WithName("botpress.getIntegrationShareableId");
        group.MapDelete("/shareable-id", DeleteIntegrationShareableId).WithName("botpress.deleteIntegrationShareableId").Bodiless();
        group.MapDelete("/sandboxed-conversations", UnlinkSandboxedConversations).WithName("botpress.unlinkSandboxedConversations").Bodiless();
    }

    private static async Task<IResult> CreateIntegrationShareableId(WorkspaceCaller caller, string botId, string integrationId)
    {
        await caller.BodyAsync();
        var alias = Alias(caller);
        return caller.Write(state =>
        {
            var pair = Installed(caller, alias, botId, integrationId);
            if (!state.ShareableIds.TryGetValue(pair, out var link) || IsExpired(caller, link))
                state.ShareableIds[pair] = link = new ShareableLink(NewShareableId(caller), caller.Now);
            return caller.Ok(new { shareableId = link.ShareableId });
        });
    }

    private static IResult GetIntegrationShareableId(WorkspaceCaller caller, string botId, string integrationId)
    {
        var alias = Alias(caller);
        return caller.Read(_ =>
        {
            var link = Existing(caller, Installed(caller, alias, botId, integrationId));
            return caller.Ok(new { shareableId = link.ShareableId, isExpired = IsExpired(caller, link) });
        });
    }

    private static IResult DeleteIntegrationShareableId(WorkspaceCaller caller, string botId, string integrationId)
    {
        var alias = Alias(caller);
        return caller.Write(state =>
        {
            var pair = Installed(caller, alias, botId, integrationId);
            Existing(caller, pair);
            state.ShareableIds.Remove(pair);
            return caller.Ok(new { });
        });
    }

    private static IResult UnlinkSandboxedConversations(WorkspaceCaller caller, string botId, string integrationId)
    {
        var alias = Alias(caller);
        return caller.Write(state =>
        {
            var (bot, installedId) = Installed(caller, alias, botId, integrationId);
            state.Bots[bot].SandboxedConversations.Remove(installedId);
            return caller.Ok(new { });
        });
    }

    /// <summary>The <c>integrationInstanceAlias</c> of the query, if any (read before the tenant is, as a bad query is refused first).</summary>
    private static string? Alias(WorkspaceCaller caller) => (string?)caller.Query()["integrationInstanceAlias"];

    /// <summary>The (bot, integration version) pair the route names, checked: the bot is in this workspace and has it installed.</summary>
    private static (string BotId, string IntegrationId) Installed(WorkspaceCaller caller, string? alias, string botId, string integrationId)
    {
        if (!caller.State.Bots.TryGetValue(botId, out var bot) || bot.WorkspaceId != caller.WorkspaceId)
            throw caller.Errors.ResourceNotFound($"Bot \"{botId}\" not found");
        if (alias is not null)
        {
            return bot.Integrations.TryGetValue(alias, out var byAlias)
                ? (bot.Id, byAlias.IntegrationId)
                : throw caller.Errors.ResourceNotFound($"Bot \"{botId}\" has no integration installed under the alias \"{alias}\"");
        }
        caller.FindIntegration(integrationId, i => i.WorkspaceId == caller.WorkspaceId || i.IsPubliclyReadable);
        return bot.HasInstalled(integrationId)
            ? (bot.Id, integrationId)
            : throw caller.Errors.RelationConflict($"Integration \"{integrationId}\" is not installed on bot \"{botId}\"");
    }

    private static ShareableLink Existing(WorkspaceCaller caller, (string BotId, string IntegrationId) pair) =>
        caller.State.ShareableIds.TryGetValue(pair, out var link)
            ? link
            : throw caller.Errors.ResourceNotFound($"No shareable id for integration \"{pair.IntegrationId}\" on bot \"{pair.BotId}\"");

    private static bool IsExpired(WorkspaceCaller caller, ShareableLink link) => caller.Now >= link.CreatedAt + Lifetime;

    private static string NewShareableId(WorkspaceCaller caller)
    {
        var random = caller.Service.Random;
        return $"{Adjectives[random.Next(Adjectives.Length)]}-{Animals[random.Next(Animals.Length)]}-{random.Next(1000, 10000)}";
    }
}
