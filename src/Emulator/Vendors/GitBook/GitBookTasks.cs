using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Emulator.Vendors.GitBook.Model;

namespace Emulator.Vendors.GitBook;

/// <summary>
/// Tasks queued with <c>schedule</c> seconds: each waits on a timer of the emulator's <see cref="TimeProvider"/>
/// (so a test that advances a fake clock sees it fire), then becomes a <c>task</c> event of its integration,
/// delivered to the tunnel in development mode.
/// </summary>
public sealed class GitBookTasks(TimeProvider clock, GitBookEvents events) : IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    /// <summary>Queues a task (lock held); a task due now is recorded at once and its delivery returned.</summary>
    public GitBookEvents.Delivery? Queue(GitBookState state, string integrationName, JsonObject task, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) return Fire(state, integrationName, task);
        var pending = new PendingTask("task_" + GitBookService.NewId(), integrationName, task, clock.GetUtcNow() + delay);
        state.PendingTasks[pending.Id] = pending;
        _timers[pending.Id] = clock.CreateTimer(_ => Due(state, pending.Id), null, delay, Timeout.InfiniteTimeSpan);
        return null;
    }

    private void Due(GitBookState state, string taskId)
    {
        if (_timers.TryRemove(taskId, out var timer)) timer.Dispose();
        GitBookEvents.Delivery? delivery;
        lock (state.Gate)
        {
            // Gone when its integration was unpublished meanwhile.
            if (!state.PendingTasks.Remove(taskId, out var pending)) return;
            delivery = Fire(state, pending.IntegrationName, pending.Task);
        }
        if (delivery is not null) _ = Task.Run(() => events.DeliverAsync([delivery]));
    }

    private GitBookEvents.Delivery? Fire(GitBookState state, string integrationName, JsonObject task) =>
        events.Record(state, integrationName, null, "task", new JsonObject { ["task"] = task.DeepClone() });

    public void Dispose()
    {
        foreach (var timer in _timers.Values) timer.Dispose();
        _timers.Clear();
    }
}
