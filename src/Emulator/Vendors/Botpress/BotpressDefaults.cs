namespace IntegrationsApiEmulator;

/// <summary>Fixed identifiers of the seeded Botpress template, the same for every seed and tenant.</summary>
public static class BotpressDefaults
{
    /// <summary>The workspace the seeded template's own integrations and bots live in.</summary>
    public const string WorkspaceId = "wkspace_01JEMULATEDEFAULTWORKSPACE";

    /// <summary>A bot of the default workspace with several hub integrations installed (alias = integration name).</summary>
    public const string BotId = "bot_01JEMULATEDEFAULTBOT000000";

    /// <summary>
    /// The user a tenant (bearer token) stands for: owner of the tenant's own workspaces (the default one, fixture
    /// workspaces and any id a caller sends) and creator of its bots. Hub workspaces belong to other users.
    /// </summary>
    public const string UserId = "user_01JEMULATEDEFAULTUSER00000";
}
