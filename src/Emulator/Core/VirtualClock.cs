namespace IntegrationsApiEmulator;

/// <summary>
/// The emulator's own clock: real time plus an offset, which the control plane can freeze, advance and set.
/// Timers created from it (GitBook tasks) run on emulated time: advancing or setting the clock past a
/// timer's due time fires it, freezing holds it.
/// </summary>
public sealed class VirtualClock(TimeProvider? real = null) : TimeProvider, IDisposable
{
    private readonly TimeProvider _real = real ?? System;
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    public bool IsFrozen
    {
        get
        {
            lock (_gate) return _frozenAt is not null;
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return NowLocked();
    }

    /// <summary>Stops time at the current instant.</summary>
    public void Freeze() => Change(() => _frozenAt ??= NowLocked());

    /// <summary>Lets time run again from the instant it was frozen at.</summary>
    public void Unfreeze() => Change(() =>
    {
        if (_frozenAt is not { } frozenAt) return;
        _offset = frozenAt - _real.GetUtcNow();
        _frozenAt = null;
    });

    /// <summary>Moves time forward (frozen or not); timers due by then fire.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only advances; use Set to go back.");
        Change(() =>
        {
            if (_frozenAt is { } frozenAt) _frozenAt = frozenAt + by;
            else _offset += by;
        });
    }

    /// <summary>Jumps to an instant (keeping frozen or running); timers due by then fire.</summary>
    public void Set(DateTimeOffset to) => Change(() =>
    {
        if (_frozenAt is not null) _frozenAt = to;
        else _offset = to - _real.GetUtcNow();
    });

    /// <summary>Back to real time: not frozen, no offset (the clock reads what the machine's clock reads).</summary>
    public void UseRealTime() => Change(() =>
    {
        _frozenAt = null;
        _offset = TimeSpan.Zero;
    });

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _timers) timer.StopRealTimer();
            _timers.Clear();
        }
    }

    private DateTimeOffset NowLocked() => _frozenAt ?? _real.GetUtcNow() + _offset;

    private void Change(Action change)
    {
        List<VirtualTimer> due;
        lock (_gate)
        {
            change();
            due = Reschedule();
        }
        foreach (var timer in due) timer.Fire();
    }

    // With the lock held: the timers now due (to fire outside the lock); the others re-armed on a real timer.
    private List<VirtualTimer> Reschedule()
    {
        var now = NowLocked();
        var due = new List<VirtualTimer>();
        foreach (var timer in _timers.ToList())
        {
            if (timer.DueAt <= now)
            {
                due.Add(timer);
                timer.Advance(now, out var keep);
                if (!keep) _timers.Remove(timer);
            }
        }
        foreach (var timer in _timers) timer.Arm(_frozenAt is null ? timer.DueAt - now : null, _real);
        return due;
    }

    private void Register(VirtualTimer timer, bool active)
    {
        List<VirtualTimer> due;
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active) _timers.Add(timer);
            else timer.StopRealTimer();
            due = Reschedule();
        }
        foreach (var fired in due) fired.Fire();
    }

    private DateTimeOffset Now()
    {
        lock (_gate) return NowLocked();
    }

    private void RealTimerElapsed()
    {
        List<VirtualTimer> due;
        lock (_gate) due = Reschedule();
        foreach (var timer in due) timer.Fire();
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private ITimer? _real;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            var active = dueTime != Timeout.InfiniteTimeSpan;
            DueAt = active ? clock.Now() + dueTime : DateTimeOffset.MaxValue;
            clock.Register(this, active);
            return true;
        }

        // After firing: the next due time of a periodic timer, or done.
        public void Advance(DateTimeOffset now, out bool keep)
        {
            keep = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan;
            DueAt = keep ? now + _period : DateTimeOffset.MaxValue;
        }

        // A real timer wakes the clock when the (running) emulated time reaches this timer.
        public void Arm(TimeSpan? inRealTime, TimeProvider real)
        {
            StopRealTimer();
            if (inRealTime is { } wait)
                _real = real.CreateTimer(_ => clock.RealTimerElapsed(), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
        }

        public void StopRealTimer()
        {
            _real?.Dispose();
            _real = null;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose() => clock.Register(this, active: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
