namespace ZabActors.Actors;

/// <summary>
/// The keyed timers of one actor on the system scheduler. Each start gets a fresh generation number;
/// the scheduled message carries it, and on arrival it is delivered only if its key still maps to
/// that generation, which is what filters out stale messages from cancelled or replaced timers.
/// </summary>
internal sealed class ActorTimers : ITimerScheduler
{
    private readonly ActorCell _cell;
    private readonly Dictionary<object, ActiveTimer> _timers = new();
    private long _generation;

    public ActorTimers(ActorCell cell)
    {
        _cell = cell;
    }

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public void StartSingleTimer(object key, object message, TimeSpan timeout) =>
        Start(key, message, timeout, TimeSpan.Zero);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "a periodic timer needs a positive interval");
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task.Cancel();
        _timers.Clear();
    }

    /// <summary>True when <paramref name="message"/> comes from a timer that is still current; a single timer is then done.</summary>
    internal bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this)
            || !_timers.TryGetValue(message.Key, out var timer)
            || timer.Generation != message.Generation)
            return false;
        if (!timer.Periodic) _timers.Remove(message.Key);
        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        long generation = ++_generation;
        var envelope = new TimerMessage(key, generation, message, this);
        var scheduler = _cell.System.Scheduler;
        var task = interval > TimeSpan.Zero
            ? scheduler.ScheduleTellRepeatedly(delay, interval, _cell.Self, envelope, ActorRefs.NoSender)
            : scheduler.ScheduleTellOnce(delay, _cell.Self, envelope, ActorRefs.NoSender);
        _timers[key] = new ActiveTimer(generation, interval > TimeSpan.Zero, task);
    }

    /// <summary>A running timer: the generation its messages must carry and the scheduler task to cancel.</summary>
    private sealed record ActiveTimer(long Generation, bool Periodic, ICancelable Task);

    /// <summary>What a timer actually sends: the user message tagged with its key and generation.</summary>
    internal sealed record TimerMessage(object Key, long Generation, object Message, ActorTimers Owner)
        : IAutoReceivedMessage, INotInfluenceReceiveTimeout, IDeadLetterSuppression;
}
