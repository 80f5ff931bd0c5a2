namespace ZabActors.Remote.Tests.Support;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>; timers due on the way fire in
/// due order on the calling thread. Lets heartbeat, timeout and back-off behaviour be tested without sleeping.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private long _nowTicks = TimeSpan.FromHours(1).Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
            return _nowTicks;
    }

    public override DateTimeOffset GetUtcNow() => Epoch + TimeSpan.FromTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>True when a timer is armed to fire <paramref name="fromNow"/> from now, e.g. once a background loop has started waiting.</summary>
    public bool HasTimerDueIn(TimeSpan fromNow)
    {
        lock (_gate)
            return _timers.Any(t => t.DueTicks == _nowTicks + fromNow.Ticks);
    }

    public void Advance(TimeSpan by)
    {
        long target;
        lock (_gate)
            target = _nowTicks + by.Ticks;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueTicks <= target).MinBy(t => t.DueTicks);
                if (next is null)
                {
                    _nowTicks = target;
                    return;
                }
                _nowTicks = Math.Max(_nowTicks, next.DueTicks);
                next.Reschedule();
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private long _periodTicks;

        public long DueTicks { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan)
                    return true;
                DueTicks = owner._nowTicks + Math.Max(0, dueTime.Ticks);
                owner._timers.Add(this);
            }
            return true;
        }

        // Called under the owner's lock when the timer is about to fire.
        public void Reschedule()
        {
            owner._timers.Remove(this);
            if (_periodTicks > 0)
            {
                DueTicks += _periodTicks;
                owner._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
                owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
