using System.Security.Cryptography;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Integration API keys (IAKs): <c>/v1/admin/integrations/iaks</c>. The value is shown once, at creation,
/// and authenticates as the tenant that minted it until the key is deleted.
/// </summary>
internal static class ApiKeyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/integrations/iaks").WithTags("botpress integration api keys");
        group.MapGet("", ListIntegrationApiKeys).WithName("botpress.listIntegrationApiKeys");
        group.MapPost("", CreateIntegrationApiKey).WithName("botpress.createIntegrationApiKey");
        group.MapDelete("/{id}", DeleteIntegrationApiKey).WithName("botpress.deleteIntegrationApiKey").Bodiless();
    }

    private static IResult ListIntegrationApiKeys(WorkspaceCaller caller)
    {
        var integrationId = (string)caller.Query()["integrationId"]!;
        return caller.Read(state =>
        {
            caller.OwnIntegration(integrationId);
            var keys = state.ApiKeys.Values
                .Where(k => k.IntegrationId == integrationId)
                .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)
                .Select(k => new { id = k.Id, createdAt = BotpressViews.Iso(k.CreatedAt), note = k.Note })
                .ToList();
            return caller.Ok(new { iaks = keys });
        });
    }

    private static async Task<IResult> CreateIntegrationApiKey(WorkspaceCaller caller)
    {
        var body = await caller.BodyAsync();
        var integrationId = (string)body["integrationId"]!;
        return caller.Write(state =>
        {
            caller.OwnIntegration(integrationId);
            var key = new IntegrationApiKey(
                caller.Service.NewId("iak_"), caller.WorkspaceId, integrationId, (string?)body["note"] ?? "", caller.Now,
                "bp_iak_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            state.ApiKeys[key.Id] = key;
            caller.Service.Tenants.AddAlias(key.Value, caller.TenantKey);
            return caller.Ok(new { id = key.Id, createdAt = BotpressViews.Iso(key.CreatedAt), note = key.Note, value = key.Value });
        });
    }

    private static IResult DeleteIntegrationApiKey(WorkspaceCaller caller, string id) => caller.Write(state =>
    {
        if (!state.ApiKeys.TryGetValue(id, out var key) || key.WorkspaceId != caller.WorkspaceId)
            throw caller.Errors.ResourceNotFound($"Integration API key \"{id}\" not found");
        state.ApiKeys.Remove(id);
        caller.Service.Tenants.RemoveAlias(key.Value);
        return caller.Ok(new { });
    });
}
