using IntegrationsApiEmulator.Vendors.Botpress.Model;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Who writes through <see cref="IntegrationRules"/> and <see cref="BotRules"/>: the tenant, the workspace, the time, the
/// error factory, and where new ids come from (random for the API, seeded for fixtures).
/// </summary>
internal sealed record RuleContext(BotpressState State, string WorkspaceId, DateTimeOffset Now, BotpressErrors Errors, Func<string, string> NewId)
{
    /// <summary>The workspace written to, created on first reference (a fixture may name a new one; an API caller's exists).</summary>
    public Workspace Workspace => State.WorkspaceFor(WorkspaceId);
}
