using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// The integration's runtime side: its events, development mode (events forwarded to a tunnel), tasks,
/// and ContentKit rendering. The emulator runs no integration code: rendering needs development mode and
/// is answered by the tunnel.
/// </summary>
internal static class EventEndpoints
{
    public const int MaxScheduleSeconds = 86400;

    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/integrations/{integrationName}").WithTags("gitbook runtime");
        group.MapGet("/events", ListIntegrationEvents).WithName("gitbook.listIntegrationEvents");
        group.MapGet("/events/{eventId}", GetIntegrationEvent).WithName("gitbook.getIntegrationEvent");
        group.MapPut("/dev", SetIntegrationDevelopmentMode).WithName("gitbook.setIntegrationDevelopmentMode");
        group.MapDelete("/dev", DisableIntegrationDevelopmentMode).WithName("gitbook.disableIntegrationDevelopmentMode").Bodiless();
        group.MapPost("/tasks", QueueIntegrationTask).WithName("gitbook.queueIntegrationTask");
        // The GET's `request` query parameter carries what the POST's body does, checked against the same schema.
        group.MapGet("/render", RenderIntegrationUIWithGet).WithName("gitbook.renderIntegrationUIWithGet").Schemas(request: "renderIntegrationUIWithPost");
        group.MapPost("/render", RenderIntegrationUIWithPost).WithName("gitbook.renderIntegrationUIWithPost");
    }

    private static IResult ListIntegrationEvents(GitBookCaller caller, string integrationName)
    {
        var query = caller.Query();
        return caller.Read(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            // Newest first.
            var items = state.Events.Where(e => e.IntegrationName == integrationName).OrderByDescending(e => e.Seq).ToList();
            return caller.OkJson(caller.Page("events|" + integrationName, query, items,
                e => KeysetPager.NumericKey(e.Seq, descending: true), e => GitBookViews.Event(e)));
        });
    }

    private static IResult GetIntegrationEvent(GitBookCaller caller, string integrationName, string eventId) => caller.Read(state =>
    {
        IntegrationEndpoints.Find(caller, integrationName);
        caller.EnsureMayActOn(integrationName);
        var record = state.Events.FirstOrDefault(e => e.Id == eventId && e.IntegrationName == integrationName)
            ?? throw caller.Errors.NotFound($"Event \"{eventId}\" of integration \"{integrationName}\" not found");
        var body = new JsonObject { ["event"] = GitBookViews.Event(record) };
        if (record.Logs.Count > 0) body["trace"] = new JsonObject { ["logs"] = new JsonArray([.. record.Logs.Select(l => l.DeepClone())]) };
        return caller.Ok(body);
    });

    private static async Task<IResult> SetIntegrationDevelopmentMode(GitBookCaller caller, string integrationName)
    {
        var body = await caller.BodyAsync();
        var tunnelUrl = (string)body["tunnelUrl"]!;
        if (!Uri.TryCreate(tunnelUrl, UriKind.Absolute, out var tunnel) || tunnel.Scheme is not ("http" or "https"))
            throw caller.Errors.BadRequest($"tunnelUrl: \"{tunnelUrl}\" is not an http(s) URL");
        caller.Write(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            state.DevelopmentModes[integrationName] = new DevelopmentMode(tunnelUrl, body["all"]?.GetValue<bool>() ?? false);
        });
        return GitBookCaller.Empty(StatusCodes.Status204NoContent);
    }

    private static IResult DisableIntegrationDevelopmentMode(GitBookCaller caller, string integrationName)
    {
        caller.Write(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            state.DevelopmentModes.Remove(integrationName);
        });
        return GitBookCaller.Empty(StatusCodes.Status205ResetContent);
    }

    private static async Task<IResult> QueueIntegrationTask(GitBookCaller caller, string integrationName)
    {
        var body = await caller.BodyAsync();
        var schedule = body["schedule"]?.GetValue<double>() ?? 0;
        if (schedule is < 0 or > MaxScheduleSeconds) throw caller.Errors.BadRequest($"schedule: must be 0 to {MaxScheduleSeconds} seconds, not {schedule}");
        var tasks = caller.Http.RequestServices.GetRequiredService<GitBookTasks>();
        var delivery = caller.Write(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            return tasks.Queue(state, caller.Origin, integrationName, body["task"]!.AsObject(), TimeSpan.FromSeconds(schedule));
        });
        await caller.Service.Events.DeliverAsync([delivery]);
        return GitBookCaller.Empty(StatusCodes.Status204NoContent);
    }

    private static Task<IResult> RenderIntegrationUIWithGet(GitBookCaller caller, string integrationName)
    {
        var compressed = (string)caller.Query()["request"]!;
        var json = LzString.DecompressFromEncodedUriComponent(compressed)
            ?? throw caller.Errors.BadRequest("request: not an lz-string compressToEncodedURIComponent value");
        JsonObject request;
        try
        {
            request = StrictJson.Parse(json) as JsonObject ?? throw caller.Errors.BadRequest("request: must decompress to a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw caller.Errors.BadRequest("request: decompresses to invalid JSON: " + e.Message);
        }
        var registry = caller.Schemas;
        var violations = registry.Validate(GitBookModule.VendorName, caller.Operation.Request, SchemaPart.Request, JsonTokens.From(request));
        if (violations.Count > 0) throw caller.Errors.BadRequest("request: " + SchemaViolation.Describe(violations));
        return RenderAsync(caller, integrationName, request);
    }

    private static async Task<IResult> RenderIntegrationUIWithPost(GitBookCaller caller, string integrationName) =>
        await RenderAsync(caller, integrationName, await caller.BodyAsync());

    /// <summary>Records a <c>ui_render</c> event and answers with what the tunnel renders (development mode only).</summary>
    private static async Task<IResult> RenderAsync(GitBookCaller caller, string integrationName, JsonObject request)
    {
        var delivery = caller.Write(state =>
        {
            IntegrationEndpoints.Find(caller, integrationName);
            caller.EnsureMayActOn(integrationName);
            if (!state.DevelopmentModes.ContainsKey(integrationName))
                throw caller.Errors.PreconditionFailed($"Integration \"{integrationName}\" has no runtime in the emulator: enable development mode (PUT /v1/integrations/{integrationName}/dev) and render through your tunnel");
            // A UIRenderEvent is an installation event: the caller's installation (installation token), else the
            // integration's first installation in this tenant.
            var installationId = caller.ActingInstallationId
                ?? state.Installations.Values.Where(i => i.IntegrationName == integrationName).OrderBy(i => i.Seq).FirstOrDefault()?.Id ?? "";
            var fields = (JsonObject)request.DeepClone();
            fields["installationId"] = installationId;
            return caller.Service.Events.Record(state, caller.Origin, integrationName, installationId.Length > 0 ? installationId : null, "ui_render", fields)
                ?? throw caller.Errors.PreconditionFailed($"Integration \"{integrationName}\" is in development mode for its own organization only: enable it with `all` to render for installation \"{installationId}\" of another organization");
        });
        var (answer, detail) = await caller.Service.Events.RenderAsync(delivery, caller.Http.RequestAborted);
        var registry = caller.Schemas;
        var violations = answer is null ? [] : registry.Validate(GitBookModule.VendorName, caller.Operation.Response, SchemaPart.Response, JsonTokens.From(answer));
        caller.Write(_ =>
        {
            delivery.Event.Status = answer is not null && violations.Count == 0 ? "success" : "failed";
            delivery.Event.Logs.Add(new JsonObject { ["message"] = violations.Count > 0 ? "Not a ContentKitRenderOutput: " + SchemaViolation.Describe(violations) : detail, ["level"] = delivery.Event.Status == "success" ? "info" : "error" });
        });
        if (answer is null) throw caller.Errors.BadGateway($"Rendering through the tunnel failed: {detail}");
        if (violations.Count > 0) throw caller.Errors.BadGateway("The tunnel's answer is not a ContentKitRenderOutput: " + SchemaViolation.Describe(violations));
        caller.Http.Response.Headers.CacheControl = "no-store";
        return caller.Ok(answer);
    }
}
