namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary><c>POST /_emulator/faults</c>: installs a fault rule (400 names a field at fault).</summary>
    public Task<InstalledFault> AddFaultAsync(FaultDefinition fault, CancellationToken cancellationToken = default) =>
        PostAsync<InstalledFault>("faults", Json(fault), cancellationToken);

    /// <summary><c>GET /_emulator/faults</c>: the installed rules in installation order, with their hits.</summary>
    public async Task<IReadOnlyList<InstalledFault>> GetFaultsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<FaultList>("faults", cancellationToken).ConfigureAwait(false)).Faults;

    /// <summary><c>GET /_emulator/faults/{id}</c>: one rule, or null when there is none with that id.</summary>
    public async Task<InstalledFault?> GetFaultAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<InstalledFault>("faults/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false);
        }
        catch (EmulatorControlException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary><c>DELETE /_emulator/faults/{id}</c>: removes a rule; false when there was none with that id.</summary>
    public async Task<bool> RemoveFaultAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendNoContentAsync(HttpMethod.Delete, "faults/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EmulatorControlException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    /// <summary><c>DELETE /_emulator/faults</c>: removes every rule.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "faults", null, cancellationToken);
}
