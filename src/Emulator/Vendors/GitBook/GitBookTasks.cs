using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IntegrationsApiEmulator.Core;
using IntegrationsApiEmulator.Vendors.GitBook.Model;

namespace IntegrationsApiEmulator.Vendors.GitBook;

/// <summary>
/// Tasks queued with <c>schedule</c> seconds: each waits on a timer of the emulator's <see cref="TimeProvider"/>
/// (so a test that advances a fake clock sees it fire), then becomes a <c>task</c> event of its integration,
/// delivered to the tunnel in development mode.
/// </summary>
internal sealed class GitBookTasks(TimeProvider clock, GitBookEvents events, TenantRegistry<GitBookState> tenants) : IDisposable
{
    // Keyed by tenant and task id: task ids of different tenants may be equal (a snapshot can hold any).
    private readonly ConcurrentDictionary<(GitBookState State, string TaskId), ITimer> _timers = new();

    /// <summary>Queues a task (lock held); a task due now is recorded at once and its delivery returned.</summary>
    public GitBookEvents.Delivery? Queue(GitBookState state, GitBookEvents.Origin origin, string integrationName, JsonObject task, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) return Fire(state, origin, integrationName, task);
        var pending = new PendingTask("task_" + GitBookService.NewId(), integrationName, task, clock.GetUtcNow() + delay, origin.ApiEndpoint);
        state.PendingTasks[pending.Id] = pending;
        Arm(state, pending);
        return null;
    }

    /// <summary>Starts the timer of a pending task (one queued, or one imported from a snapshot: overdue ones fire now).</summary>
    public void Arm(GitBookState state, PendingTask pending)
    {
        var delay = pending.Due - clock.GetUtcNow();
        var timer = clock.CreateTimer(_ => Due(state, pending.Id), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        if (_timers.TryGetValue((state, pending.Id), out var previous)) previous.Dispose();
        _timers[(state, pending.Id)] = timer;
    }

    /// <summary>Stops every timer (state import: the tenants they belong to are being replaced).</summary>
    public void CancelAll() => Dispose();

    private void Due(GitBookState state, string taskId)
    {
        if (_timers.TryRemove((state, taskId), out var timer)) timer.Dispose();
        var delivery = state.Write(s =>
            // Gone when its integration was unpublished meanwhile.
            s.PendingTasks.Remove(taskId, out var pending) ? Fire(s, OriginOf(s, pending), pending.IntegrationName, pending.Task) : null);
        if (delivery is not null) _ = Task.Run(() => events.DeliverAsync([delivery]));
    }

    private GitBookEvents.Delivery? Fire(GitBookState state, GitBookEvents.Origin origin, string integrationName, JsonObject task) =>
        events.Record(state, origin, integrationName, null, "task", new JsonObject { ["task"] = task.DeepClone() });

    // A timer knows its tenant's state, not its key: found by identity (only when a task comes due).
    private GitBookEvents.Origin OriginOf(GitBookState state, PendingTask pending)
    {
        var key = tenants.Contents().Tenants.FirstOrDefault(t => ReferenceEquals(t.Value, state)).Key ?? "";
        return new GitBookEvents.Origin(key, pending.ApiEndpoint ?? GitBookEvents.FallbackApiEndpoint);
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values) timer.Dispose();
        _timers.Clear();
    }
}
