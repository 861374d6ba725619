using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>The workspace's own integrations: <c>/v1/admin/integrations...</c> (x-workspace-id required).</summary>
internal static class IntegrationEndpoints
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
        group.MapDelete("/{id}", DeleteIntegration).WithName("botpress.deleteIntegration").Bodiless();
        group.MapGet("/{name}/{version}", GetIntegrationByName).WithName("botpress.getIntegrationByName");
        group.MapPost("/{id}/signing-secrets/rotate", RotateIntegrationSigningSecrets).WithName("botpress.rotateIntegrationSigningSecrets");
    }

    private static async Task<IResult> CreateIntegration(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync();
        return caller.Write(state =>
        {
            var rules = caller.Rules;
            var plan = IntegrationRules.PlanCreate(rules, body);
            IntegrationRules.Commit(rules, plan, created: true);
            return caller.Ok(new { integration = BotpressViews.Full(plan.Integration, state) });
        });
    }

    private static async Task<IResult> ValidateIntegrationCreation(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync();
        caller.Read(_ => IntegrationRules.PlanCreate(caller.Rules, body));
        return caller.Ok(new { });
    }

    private static IResult ListIntegrations(WorkspaceCaller caller)
    {
        var query = IntegrationListQuery.From(caller.Query(), hub: false, caller.Errors);
        // Page inside the read; write the bytes after it.
        var page = caller.Read(_ => IntegrationPager.Page(caller, caller.Workspace.Integrations.Items, i => i.Dev == query.Dev, query, caller.WorkspaceId, hub: false));
        return caller.OkJson(BotpressViews.ListJson(page.Items, page.NextToken));
    }

    private static IResult GetIntegration(WorkspaceCaller caller, string id) =>
        caller.Read(state => caller.Ok(new { integration = BotpressViews.Full(caller.OwnIntegration(id), state) }));

    private static IResult GetIntegrationByName(WorkspaceCaller caller, string name, string version) => caller.Read(state =>
    {
        // Name and version identify production versions; dev versions are reached by id (bp dev keeps it).
        var production = caller.Workspace.VersionsOf(Uri.UnescapeDataString(name)).Where(i => !i.Dev);
        var integration = VersionSelector.Resolve(production, name, version, caller.Errors);
        return caller.Ok(new { integration = BotpressViews.Full(integration, state) });
    });

    private static async Task<IResult> UpdateIntegration(WorkspaceCaller caller, string id)
    {
        var body = await caller.BodyAsync();
        return caller.Write(state =>
        {
            var rules = caller.Rules;
            var plan = IntegrationRules.PlanUpdate(rules, caller.OwnIntegration(id), body);
            IntegrationRules.Commit(rules, plan, created: false);
            return caller.Ok(new { integration = BotpressViews.Full(plan.Integration, state) });
        });
    }

    private static async Task<IResult> ValidateIntegrationUpdate(WorkspaceCaller caller, string id)
    {
        var body = await caller.BodyAsync();
        caller.Read(_ => IntegrationRules.PlanUpdate(caller.Rules, caller.OwnIntegration(id), body));
        return caller.Ok(new { });
    }

    private static IResult DeleteIntegration(WorkspaceCaller caller, string id) => caller.Write(state =>
    {
        var integration = caller.OwnIntegration(id);
        if (integration.Visibility == Visibilities.Public && !integration.Dev)
            throw caller.Errors.Forbidden($"Integration \"{integration.Name}\" version \"{integration.Version}\" is public and cannot be deleted");
        if (state.Bots.Values.FirstOrDefault(b => b.HasInstalled(id)) is { } bot)
            throw caller.Errors.ReferenceConstraint($"Integration \"{id}\" is installed on bot \"{bot.Id}\"; uninstall it first");
        // Its API keys stop authenticating with it.
        foreach (var key in state.ApiKeys.Values.Where(k => k.IntegrationId == id)) caller.Service.Tenants.RemoveAlias(key.Value);
        state.Remove(integration);
        return caller.Ok(new { });
    });

    private static async Task<IResult> RequestIntegrationVerification(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync();
        var id = (string)body["integrationId"]!;
        return caller.Write(state =>
        {
            var integration = caller.OwnIntegration(id);
            if (!integration.IsPubliclyReadable)
                throw caller.Errors.InvalidPayload($"integrationId: only public or unlisted, non-dev integrations can be verified; \"{id}\" is {(integration.Dev ? "a dev integration" : integration.Visibility)}");
            if (integration.VerificationStatus == "approved")
                throw caller.Errors.InvalidPayload($"integrationId: integration \"{id}\" is already approved");
            integration.VerificationStatus = "pending";
            integration.UpdatedAt = caller.Now;
            state.Log(id, new LogLine(caller.Now, "info", "Verification requested"));
            return caller.Ok(new { });
        });
    }

    private static async Task<IResult> RotateIntegrationSigningSecrets(WorkspaceCaller caller, string id)
    {
        await caller.BodyAsync();
        return caller.Write(_ =>
        {
            var integration = caller.OwnIntegration(id);
            var secret = IntegrationRules.NewSigningSecret();
            // The previous secret keeps working for a while (24 h at Botpress): keep the last two.
            integration.SigningSecrets.Insert(0, secret);
            if (integration.SigningSecrets.Count > 2) integration.SigningSecrets.RemoveRange(2, integration.SigningSecrets.Count - 2);
            return caller.Ok(new { newSigningSecret = secret });
        });
    }
}
