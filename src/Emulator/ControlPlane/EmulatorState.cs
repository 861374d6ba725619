using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// State snapshots: export, import and the state file. A snapshot is
/// <c>{"version":1,"clock":{"now","frozen"},"pageTokenKey":"…","vendors":{"&lt;vendor&gt;":{"tenants":{"&lt;tenantKey&gt;":{...}},"aliases":{"&lt;minted credential&gt;":"&lt;tenantKey&gt;"}}}}</c>;
/// each vendor writes and reads its tenants' state (<c>Vendors/*/*Snapshot.cs</c>). The template is not in it:
/// it is rebuilt from the seed, and a tenant that does not exist yet is still created from it on first use.
/// <para>
/// Import is two-phase: every vendor parses and builds its tenants first (a bad snapshot throws
/// <see cref="SnapshotException"/> naming the JSON path and changes nothing), then the clock is set and
/// every vendor swaps its tenants in (GitBook re-arms its pending tasks on the clock).
/// </para>
/// </summary>
internal sealed class EmulatorState(IServiceProvider services, EmulatorOptions options, TimeProvider clock, VendorDirectory vendors, ILogger<EmulatorState> logger)
    : IHostedLifecycleService
{
    /// <summary>The snapshot format this emulator writes and reads.</summary>
    public const int Version = 1;

    // One export, import or save at a time: a save never writes a half-imported state, and saves land in order.
    private readonly Lock _gate = new();
    private bool _loaded;

    public JsonObject Export()
    {
        lock (_gate) return ExportLocked();
    }

    /// <summary>The snapshot as written to the state file and by <c>GET /_emulator/state</c> (indented UTF-8 JSON).</summary>
    public byte[] ExportBytes() => JsonSerializer.SerializeToUtf8Bytes(Export(), SnapshotWrite.Options);

    /// <summary>Replaces all state with a snapshot; throws <see cref="SnapshotException"/> (and changes nothing) when it is not one.</summary>
    public void Import(JsonNode? snapshot)
    {
        var root = new SnapshotReader(snapshot, "$");
        root.Object();
        var version = root["version"];
        if (version.Node is not JsonValue versionValue || !versionValue.TryGetValue<int>(out var number) || number != Version)
            throw version.Error($"must be {Version} (the snapshot format this emulator reads), not {(version.IsNull ? "missing" : version.Node!.ToJsonString())}");

        // A host-supplied clock is the host's to drive: its snapshot time is ignored.
        var virtualClock = services.GetService<VirtualClock>();
        (DateTimeOffset Now, bool Frozen)? clockState = null;
        var clockNode = root["clock"];
        if (virtualClock is not null && !clockNode.IsNull) clockState = (clockNode["now"].Time(), clockNode["frozen"].Bool());

        // Optional (snapshots written before 2026-11-27 have none): without it, tokens from before do not carry over.
        var keyNode = root["pageTokenKey"];
        var pageTokenKey = keyNode.IsNull ? null : PageTokens.ParseKey(keyNode.String()) ?? throw keyNode.Error("must be the 32-byte key a snapshot export writes (base64url)");

        var vendorsNode = root["vendors"];
        var given = vendorsNode.Object();
        foreach (var (name, node) in vendorsNode.Entries())
        {
            if (vendors.Modules.All(m => m.Name != name))
                throw node.Error($"unknown vendor; the vendors are {string.Join(", ", vendors.Modules.Select(m => m.Name))}");
        }
        var prepared = new List<(IVendorModule Module, object Prepared)>();
        foreach (var module in vendors.Modules)
        {
            try
            {
                prepared.Add((module, module.PrepareImport(services, given.TryGetPropertyValue(module.Name, out var node) ? node : null)));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                // Defensive: a snapshot the readers did not foresee (duplicate property names, ...) is still a 400.
                throw new SnapshotException("$.vendors." + module.Name, e.Message);
            }
        }

        lock (_gate)
        {
            if (clockState is { } set)
            {
                if (set.Frozen) virtualClock!.Freeze();
                else virtualClock!.Unfreeze();
                virtualClock.Set(set.Now);
            }
            foreach (var (module, state) in prepared) module.CommitImport(services, state);
            if (pageTokenKey is not null) services.GetRequiredService<PageTokens>().ImportKey(pageTokenKey);
        }
    }

    /// <summary>Writes the snapshot to <see cref="EmulatorOptions.StateFile"/> atomically: a temporary file, flushed to disk, renamed over it.</summary>
    public void Save()
    {
        var path = options.StateFile ?? throw new InvalidOperationException("No state file is configured (EmulatorOptions.StateFile, --state-file).");
        lock (_gate)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(ExportLocked(), SnapshotWrite.Options);
            var full = Path.GetFullPath(path);
            var temporary = $"{full}.tmp-{Guid.NewGuid():N}";
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, full, overwrite: true);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }
    }

    /// <summary>
    /// Loads the state file when it exists (once: the host calls it at start unless the server already did). A file that cannot be read or is not a snapshot stops start-up
    /// (<see cref="InvalidDataException"/> naming the file and the reason): it is never replaced by fresh seed data.
    /// </summary>
    public void Load()
    {
        if (_loaded || options.StateFile is not { } path)
        {
            _loaded = true;
            return;
        }
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new InvalidDataException($"state file {full}: is a directory");
        if (!Directory.Exists(Path.GetDirectoryName(full))) throw new InvalidDataException($"state file {full}: its directory does not exist");
        if (!File.Exists(full))
        {
            _loaded = true;
            return;
        }
        // Left by a process killed while saving; never the state itself.
        foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full) + ".tmp-*")) TryDelete(stale);

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"state file {full}: cannot be read: {e.Message}", e);
        }
        JsonNode? snapshot;
        try
        {
            snapshot = JsonNode.Parse(bytes, documentOptions: SnapshotParse.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"state file {full}: not valid JSON: {e.Message}", e);
        }
        try
        {
            Import(snapshot);
        }
        catch (SnapshotException e)
        {
            throw new InvalidDataException($"state file {full}: not a state snapshot: {e.Message}", e);
        }
        _loaded = true;
        logger.LogInformation("Loaded state from {StateFile}", full);
    }

    private JsonObject ExportLocked()
    {
        var vendorsJson = new JsonObject();
        foreach (var module in vendors.Modules) vendorsJson[module.Name] = module.ExportState(services);
        return new JsonObject
        {
            ["version"] = Version,
            ["clock"] = new JsonObject
            {
                ["now"] = SnapshotWrite.Time(clock.GetUtcNow()),
                ["frozen"] = services.GetService<VirtualClock>()?.IsFrozen ?? false,
            },
            ["pageTokenKey"] = services.GetRequiredService<PageTokens>().ExportKey(),
            ["vendors"] = vendorsJson,
        };
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless.
        }
    }

    // Load before any hosted service starts (so no request sees the seeded state); save after the server stopped.
    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken)
    {
        Load();
        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken)
    {
        // Not after a failed start: the file that failed to load must stay as it is.
        if (!_loaded || options.StateFile is null) return Task.CompletedTask;
        try
        {
            Save();
            logger.LogInformation("Saved state to {StateFile}", Path.GetFullPath(options.StateFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Could not save state to {StateFile}", options.StateFile);
        }
        return Task.CompletedTask;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
