using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.Botpress.Model;

namespace IntegrationsApiEmulator.Vendors.Botpress;

/// <summary>
/// Everything one Botpress tenant has: workspaces and their integration versions, bots, integration API
/// keys, shareable ids, logs. Handlers read and change it through their caller's <c>Read</c> and <c>Write</c>, which hold its lock.
/// </summary>
internal sealed class BotpressState : TenantState<BotpressState>
{
    public required IReadOnlyDictionary<string, InterfaceDefinition> Interfaces { get; init; }
    public Dictionary<string, Workspace> Workspaces { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IntegrationVersion> Integrations { get; } = new(StringComparer.Ordinal);

    /// <summary>Every integration version of every workspace, in creation order (the hub reads this).</summary>
    public CreationIndex All { get; } = new();

    public Dictionary<string, Bot> Bots { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IntegrationApiKey> ApiKeys { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string BotId, string IntegrationId), ShareableLink> ShareableIds { get; } = [];
    public Dictionary<string, List<LogLine>> Logs { get; } = new(StringComparer.Ordinal);
    public long LastSeq { get; set; }

    /// <summary>
    /// The workspace, created empty on first reference (at <paramref name="now"/>, else the seed's reference time):
    /// any workspace id a caller sends is theirs.
    /// </summary>
    public Workspace WorkspaceFor(string id, DateTimeOffset? now = null)
    {
        if (!Workspaces.TryGetValue(id, out var workspace))
        {
            var time = now ?? Seeding.BotpressSeeder.Reference;
            Workspaces[id] = workspace = new Workspace { Id = id, Name = "Workspace " + id, CreatedAt = time, UpdatedAt = time };
        }
        return workspace;
    }

    /// <summary>
    /// Drops a workspace a request created by referring to it when that request was refused, unless something uses it
    /// by now: a refused request changes nothing.
    /// </summary>
    public void ForgetUnused(string id)
    {
        if (Workspaces.TryGetValue(id, out var workspace) && workspace.Integrations.Count == 0 && workspace.Handle is null
            && workspace.UpdatedAt == workspace.CreatedAt && !Bots.Values.Any(b => b.WorkspaceId == id))
            Workspaces.Remove(id);
    }

    /// <summary>The workspace holding <paramref name="handle"/>, if any (handles are unique across the tenant).</summary>
    public Workspace? HandleHolder(string handle) => Workspaces.Values.FirstOrDefault(w => w.Handle == handle);

    /// <summary>The bot and alias of the integration instance whose webhook id this is (the webhook route dispatches to it).</summary>
    public (Bot Bot, string Alias, BotIntegrationInstance Instance)? FindWebhook(string webhookId)
    {
        foreach (var bot in Bots.Values)
        {
            foreach (var (alias, instance) in bot.Integrations)
            {
                if (instance.WebhookId == webhookId) return (bot, alias, instance);
            }
        }
        return null;
    }

    public void Add(IntegrationVersion integration)
    {
        Integrations[integration.Id] = integration;
        All.Add(integration);
        var workspace = WorkspaceFor(integration.WorkspaceId, integration.CreatedAt);
        workspace.Integrations.Add(integration);
        if (!workspace.ByName.TryGetValue(integration.Name, out var versions)) workspace.ByName[integration.Name] = versions = [];
        versions.Add(integration);
        LastSeq = Math.Max(LastSeq, integration.Seq);
    }

    /// <summary>Swaps in an updated copy of a stored version (same id, creation time and seq, so the same place).</summary>
    public void Replace(IntegrationVersion updated)
    {
        var stored = Integrations[updated.Id];
        Integrations[updated.Id] = updated;
        All.Replace(stored, updated);
        var workspace = Workspaces[updated.WorkspaceId];
        workspace.Integrations.Replace(stored, updated);
        var versions = workspace.ByName[updated.Name];
        versions[versions.IndexOf(stored)] = updated;
    }

    public void Remove(IntegrationVersion integration)
    {
        Integrations.Remove(integration.Id);
        All.Remove(integration);
        var workspace = Workspaces[integration.WorkspaceId];
        workspace.Integrations.Remove(integration);
        workspace.ByName[integration.Name].Remove(integration);
        if (workspace.ByName[integration.Name].Count == 0) workspace.ByName.Remove(integration.Name);
        Logs.Remove(integration.Id);
        foreach (var key in ApiKeys.Values.Where(k => k.IntegrationId == integration.Id).ToList()) ApiKeys.Remove(key.Id);
        foreach (var pair in ShareableIds.Keys.Where(k => k.IntegrationId == integration.Id).ToList()) ShareableIds.Remove(pair);
    }

    public void Log(string integrationId, LogLine line)
    {
        if (!Logs.TryGetValue(integrationId, out var lines)) Logs[integrationId] = lines = [];
        lines.Add(line);
    }

    protected override IReadOnlyDictionary<string, int> Count()
    {
        return new Dictionary<string, int>
        {
            ["workspaces"] = Workspaces.Count,
            ["integrations"] = Integrations.Count,
            ["bots"] = Bots.Count,
            ["integrationApiKeys"] = ApiKeys.Count,
            ["shareableIds"] = ShareableIds.Count,
        };
    }

    protected override BotpressState Copy()
    {
        var copy = new BotpressState { Interfaces = Interfaces, LastSeq = LastSeq };
        foreach (var workspace in Workspaces.Values) copy.Workspaces[workspace.Id] = workspace.CloneAccount();
        foreach (var integration in All.Items) copy.Add(integration.Clone(shareJson: true));
        foreach (var bot in Bots.Values) copy.Bots[bot.Id] = bot.Clone();
        foreach (var key in ApiKeys.Values) copy.ApiKeys[key.Id] = key;
        foreach (var (pair, link) in ShareableIds) copy.ShareableIds[pair] = link;
        foreach (var (id, lines) in Logs) copy.Logs[id] = [.. lines];
        return copy;
    }
}
