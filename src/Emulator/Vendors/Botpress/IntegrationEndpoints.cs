using System.Text.Json.Nodes;
using Emulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Emulator.Vendors.Botpress;

/// <summary>The workspace's own integrations: <c>/v1/admin/integrations...</c> (x-workspace-id required).</summary>
public static class IntegrationEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/integrations").WithTags("botpress integrations");
        group.MapPost("", CreateIntegration).WithName("botpress.createIntegration");
        group.MapGet("", ListIntegrations).WithName("botpress.listIntegrations");
        group.MapPost("/validate", ValidateIntegrationCreation).WithName("botpress.validateIntegrationCreation");
        group.MapPost("/request-verification", RequestIntegrationVerification).WithName("botpress.requestIntegrationVerification");
        group.MapGet("/{id}", GetIntegration).WithName("botpress.getIntegration");
        group.MapPut("/{id}", UpdateIntegration).WithName("botpress.updateIntegration");
        group.MapPut("/{id}/validate", ValidateIntegrationUpdate).WithName("botpress.validateIntegrationUpdate");
        group.MapDelete("/{id}", DeleteIntegration).WithName("botpress.deleteIntegration");
        group.MapGet("/{name}/{version}", GetIntegrationByName).WithName("botpress.getIntegrationByName");
        group.MapPost("/{id}/signing-secrets/rotate", RotateIntegrationSigningSecrets).WithName("botpress.rotateIntegrationSigningSecrets");
    }

    private static async Task<IResult> CreateIntegration(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync("createIntegration");
        lock (caller.State.Gate)
        {
            var rules = caller.Rules;
            var plan = IntegrationRules.PlanCreate(rules, body);
            IntegrationRules.Commit(rules, plan, created: true);
            return caller.Ok("createIntegration", new { integration = BotpressViews.Full(plan.Integration, caller.State) });
        }
    }

    private static async Task<IResult> ValidateIntegrationCreation(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync("validateIntegrationCreation");
        lock (caller.State.Gate) IntegrationRules.PlanCreate(caller.Rules, body);
        return caller.Ok("validateIntegrationCreation", new { });
    }

    private static IResult ListIntegrations(WorkspaceCaller caller)
    {
        var query = IntegrationListQuery.From(caller.Query("listIntegrations"), hub: false, caller.Errors);
        IntegrationPage page;
        // Page under the lock; write the bytes after releasing it.
        lock (caller.State.Gate) page = IntegrationPager.Page(caller, caller.Workspace.Integrations.Items, i => i.Dev == query.Dev, query,
                "listIntegrations|" + caller.WorkspaceId, hub: false);
        return caller.OkJson("listIntegrations", BotpressViews.ListJson(page.Items, page.NextToken));
    }

    private static IResult GetIntegration(WorkspaceCaller caller, string id)
    {
        lock (caller.State.Gate)
            return caller.Ok("getIntegration", new { integration = BotpressViews.Full(caller.OwnIntegration(id), caller.State) });
    }

    private static IResult GetIntegrationByName(WorkspaceCaller caller, string name, string version)
    {
        lock (caller.State.Gate)
        {
            // Name and version identify production versions; dev versions are reached by id (bp dev keeps it).
            var production = caller.Workspace.VersionsOf(Uri.UnescapeDataString(name)).Where(i => !i.Dev);
            var integration = VersionSelector.Resolve(production, name, version, caller.Errors);
            return caller.Ok("getIntegrationByName", new { integration = BotpressViews.Full(integration, caller.State) });
        }
    }

    private static async Task<IResult> UpdateIntegration(WorkspaceCaller caller, string id)
    {
        var body = await caller.BodyAsync("updateIntegration");
        lock (caller.State.Gate)
        {
            var rules = caller.Rules;
            var plan = IntegrationRules.PlanUpdate(rules, caller.OwnIntegration(id), body);
            IntegrationRules.Commit(rules, plan, created: false);
            return caller.Ok("updateIntegration", new { integration = BotpressViews.Full(plan.Integration, caller.State) });
        }
    }

    private static async Task<IResult> ValidateIntegrationUpdate(WorkspaceCaller caller, string id)
    {
        var body = await caller.BodyAsync("validateIntegrationUpdate");
        lock (caller.State.Gate) IntegrationRules.PlanUpdate(caller.Rules, caller.OwnIntegration(id), body);
        return caller.Ok("validateIntegrationUpdate", new { });
    }

    private static async Task<IResult> DeleteIntegration(WorkspaceCaller caller, string id)
    {
        await caller.BodyAsync("deleteIntegration");
        lock (caller.State.Gate)
        {
            var integration = caller.OwnIntegration(id);
            if (integration.Visibility == Visibilities.Public && !integration.Dev)
                throw caller.Errors.Forbidden($"Integration \"{integration.Name}\" version \"{integration.Version}\" is public and cannot be deleted");
            if (caller.State.Bots.Values.FirstOrDefault(b => b.HasInstalled(id)) is { } bot)
                throw caller.Errors.ReferenceConstraint($"Integration \"{id}\" is installed on bot \"{bot.Id}\"; uninstall it first");
            // Its API keys stop authenticating with it.
            foreach (var key in caller.State.ApiKeys.Values.Where(k => k.IntegrationId == id)) caller.Service.Tenants.RemoveAlias(key.Value);
            caller.State.Remove(integration);
            return caller.Ok("deleteIntegration", new { });
        }
    }

    private static async Task<IResult> RequestIntegrationVerification(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync("requestIntegrationVerification");
        var id = (string)body["integrationId"]!;
        lock (caller.State.Gate)
        {
            var integration = caller.OwnIntegration(id);
            if (!integration.IsPubliclyReadable)
                throw caller.Errors.InvalidPayload($"integrationId: only public or unlisted, non-dev integrations can be verified; \"{id}\" is {(integration.Dev ? "a dev integration" : integration.Visibility)}");
            if (integration.VerificationStatus == "approved")
                throw caller.Errors.InvalidPayload($"integrationId: integration \"{id}\" is already approved");
            integration.VerificationStatus = "pending";
            integration.UpdatedAt = caller.Now;
            integration.InvalidateViews();
            caller.State.Log(id, new LogLine(caller.Now, "info", "Verification requested"));
            return caller.Ok("requestIntegrationVerification", new { });
        }
    }

    private static async Task<IResult> RotateIntegrationSigningSecrets(WorkspaceCaller caller, string id)
    {
        await caller.BodyAsync("rotateIntegrationSigningSecrets");
        lock (caller.State.Gate)
        {
            var integration = caller.OwnIntegration(id);
            var secret = IntegrationRules.NewSigningSecret();
            // The previous secret keeps working for a while (24 h at Botpress): keep the last two.
            integration.SigningSecrets.Insert(0, secret);
            if (integration.SigningSecrets.Count > 2) integration.SigningSecrets.RemoveRange(2, integration.SigningSecrets.Count - 2);
            return caller.Ok("rotateIntegrationSigningSecrets", new { newSigningSecret = secret });
        }
    }
}
