namespace ZabActors.Actors;

/// <summary>
/// The virtual clock and timer queue of a <see cref="DeterministicRuntime"/>. Time moves only when the
/// runtime is advanced; timers fire in due-time order, ties in the order they were scheduled.
/// Cancelled timers stay in the queue until they reach its head and are then discarded.
/// </summary>
public sealed class VirtualScheduler : IScheduler
{
    private readonly object _lock = new();
    private readonly PriorityQueue<VirtualTimer, (TimeSpan Due, long Sequence)> _timers = new();
    private readonly DeterministicRuntime _runtime;
    private readonly DateTimeOffset _start;
    private TimeSpan _elapsed;
    private long _sequence;

    internal VirtualScheduler(DeterministicRuntime runtime, DateTimeOffset start)
    {
        _runtime = runtime;
        _start = start;
    }

    public DateTimeOffset Now => _start + Elapsed;

    public TimeSpan MonotonicClock => Elapsed;

    /// <summary>Virtual time since the runtime was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock) return _elapsed;
        }
    }

    /// <summary>Number of timers still queued (cancelled ones included until discarded).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock) return _timers.Count;
        }
    }

    /// <summary>When the next live timer is due, or null when none is pending.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (_lock)
            {
                DiscardCancelledHead();
                return _timers.TryPeek(out _, out var key) ? key.Due : null;
            }
        }
    }

    /// <summary>Same as <see cref="DeterministicRuntime.Advance"/>: moves time forward, running due timers and the messages they cause.</summary>
    public void Advance(TimeSpan duration) => _runtime.Advance(duration);

    public ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        Add(delay, TimeSpan.Zero, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleRepeatedly(initialDelay, interval, () => receiver.Tell(message, sender));

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Add(delay, TimeSpan.Zero, action);

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        return Add(initialDelay, interval, action);
    }

    /// <summary>Fires the earliest timer if it is due; false when none is due yet.</summary>
    internal bool TryFireNextDue()
    {
        VirtualTimer timer;
        lock (_lock)
        {
            DiscardCancelledHead();
            if (!_timers.TryPeek(out timer!, out var key) || key.Due > _elapsed) return false;
            _timers.Dequeue();
            if (timer.Interval > TimeSpan.Zero) _timers.Enqueue(timer, (key.Due + timer.Interval, _sequence++));
        }
        timer.Action();
        return true;
    }

    internal void MoveTo(TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (elapsed < _elapsed) throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, $"virtual time cannot go back from {_elapsed}");
            _elapsed = elapsed;
        }
    }

    private ICancelable Add(TimeSpan delay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var timer = new VirtualTimer(action, interval);
        lock (_lock)
        {
            var due = _elapsed + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
            _timers.Enqueue(timer, (due, _sequence++));
        }
        return timer;
    }

    private void DiscardCancelledHead()
    {
        while (_timers.TryPeek(out var head, out _) && head.IsCancellationRequested) _timers.Dequeue();
    }

    /// <summary>One queued timer; periodic ones are re-queued at due + interval each time they fire.</summary>
    private sealed class VirtualTimer : ICancelable
    {
        private volatile bool _cancelled;

        public VirtualTimer(Action action, TimeSpan interval)
        {
            Action = action;
            Interval = interval;
        }

        public Action Action { get; }

        public TimeSpan Interval { get; }

        public bool IsCancellationRequested => _cancelled;

        public void Cancel() => _cancelled = true;
    }
}
