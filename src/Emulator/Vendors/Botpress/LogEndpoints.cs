using System.Globalization;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// getIntegrationLogs: <c>GET /v1/admin/integrations/{id}/logs</c>. Oldest first from <c>timeStart</c>,
/// 100 lines a page, the token top-level (<c>{logs, nextToken?}</c>, no <c>meta</c>). Creating, updating and
/// verifying an integration write lines; the seeded ones come with history.
/// </summary>
internal static class LogEndpoints
{
    public const int PageSize = 100;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/integrations/{id}/logs", GetIntegrationLogs).WithName("botpress.getIntegrationLogs").WithTags("botpress integrations");

    private static IResult GetIntegrationLogs(WorkspaceCaller caller, string id)
    {
        var query = caller.Query();
        var timeStart = Time(caller, "timeStart", (string?)query["timeStart"])!.Value;
        var timeEnd = Time(caller, "timeEnd", (string?)query["timeEnd"]);
        string? level = (string?)query["level"], userId = (string?)query["userId"],
            conversationId = (string?)query["conversationId"], contains = (string?)query["messageContains"];
        return caller.Read(state =>
        {
            caller.OwnIntegration(id);
            var lines = state.Logs.GetValueOrDefault(id) ?? [];
            var selected = lines
                .Select((line, index) => (line, index))
                .Where(x => x.line.Timestamp >= timeStart && (timeEnd is null || x.line.Timestamp <= timeEnd)
                    && (level is null || string.Equals(x.line.Level, level, StringComparison.OrdinalIgnoreCase))
                    && (userId is null || x.line.UserId == userId)
                    && (conversationId is null || x.line.ConversationId == conversationId)
                    && (contains is null || x.line.Message.Contains(contains, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(x => x.line.Timestamp).ThenBy(x => x.index)
                .ToList();

            var scope = $"botpress|{caller.TenantKey}|{caller.Operation.Id}|{caller.WorkspaceId}|{id}|{timeStart:O}|{timeEnd:O}|{level}|{userId}|{conversationId}|{contains}";
            var skip = 0;
            if ((string?)query["nextToken"] is { } token
                && (!caller.Service.PageTokens.TryUnprotect(scope, token, out var position) || !int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out skip)))
                throw caller.Errors.InvalidPageToken("nextToken");
            var page = selected.Skip(skip).Take(PageSize).Select(x => View(x.line)).ToList();
            var next = skip + PageSize < selected.Count ? caller.Service.PageTokens.Protect(scope, (skip + PageSize).ToString(CultureInfo.InvariantCulture)) : null;
            return caller.Ok(new { logs = page, nextToken = next });
        });
    }

    private static object View(LogLine line) => new
    {
        timestamp = BotpressViews.Iso(line.Timestamp),
        level = line.Level,
        message = line.Message,
        workflowId = line.WorkflowId,
        userId = line.UserId,
        conversationId = line.ConversationId,
    };

    private static DateTimeOffset? Time(WorkspaceCaller caller, string name, string? text)
    {
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw caller.Errors.InvalidQueryParameter($"{name}: \"{text}\" is not an ISO 8601 date-time");
    }
}
