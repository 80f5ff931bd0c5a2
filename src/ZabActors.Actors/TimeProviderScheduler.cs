using System.Collections.Concurrent;

namespace ZabActors.Actors;

/// <summary>
/// The real-time scheduler: one <see cref="TimeProvider"/> timer per scheduled item, tracked so that
/// system shutdown cancels whatever is still pending.
/// </summary>
internal sealed class TimeProviderScheduler : IScheduler, IDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly Action<Exception> _onError;
    private readonly ConcurrentDictionary<Entry, byte> _active = new();
    private volatile bool _disposed;

    public TimeProviderScheduler(TimeProvider time, Action<Exception> onError)
    {
        _time = time;
        _onError = onError;
        _startTimestamp = time.GetTimestamp();
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public TimeSpan MonotonicClock => _time.GetElapsedTime(_startTimestamp);

    public ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleOnce(delay, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleRepeatedly(initialDelay, interval, () => receiver.Tell(message, sender));

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Start(delay, Timeout.InfiniteTimeSpan, action);

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        return Start(initialDelay, Clamp(interval), action);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _active.Keys) entry.Cancel();
    }

    private ICancelable Start(TimeSpan delay, TimeSpan period, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_disposed) return Cancelable.CreateCanceled();
        var entry = new Entry(this, action, period != Timeout.InfiniteTimeSpan);
        _active.TryAdd(entry, 0);
        entry.Attach(_time.CreateTimer(static state => ((Entry)state!).Fire(), entry, Clamp(delay), period));
        if (_disposed) entry.Cancel();
        return entry;
    }

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;

    /// <summary>One scheduled item; cancelling it disposes its timer.</summary>
    private sealed class Entry : ICancelable
    {
        private readonly TimeProviderScheduler _owner;
        private readonly Action _action;
        private readonly bool _repeating;
        private ITimer? _timer;
        private int _cancelled;

        public Entry(TimeProviderScheduler owner, Action action, bool repeating)
        {
            _owner = owner;
            _action = action;
            _repeating = repeating;
        }

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Attach(ITimer timer)
        {
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested) timer.Dispose();
        }

        public void Fire()
        {
            if (IsCancellationRequested) return;
            if (!_repeating) Cancel();
            try
            {
                _action();
            }
            catch (Exception e)
            {
                _owner._onError(e);
            }
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0) return;
            _owner._active.TryRemove(this, out _);
            Volatile.Read(ref _timer)?.Dispose();
        }
    }
}
