namespace ZabActors.Actors;

/// <summary>
/// Receive timeout with one scheduler timer per period rather than one per message: each message
/// only records the time of the latest activity, and the periodic check compares against it.
/// </summary>
internal sealed partial class ActorCell
{
    private bool _receiveTimeoutEnabled;
    private TimeSpan _receiveTimeout;
    private TimeSpan _lastActivity;
    private long _receiveTimeoutGeneration;
    private ICancelable? _receiveTimeoutTask;

    public TimeSpan? ReceiveTimeout => _receiveTimeoutEnabled ? _receiveTimeout : null;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        StopReceiveTimeout();
        if (timeout is not { } value || value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan) return;
        _receiveTimeoutEnabled = true;
        _receiveTimeout = value;
        _lastActivity = System.Scheduler.MonotonicClock;
        ScheduleReceiveTimeoutCheck(value);
    }

    private void StopReceiveTimeout()
    {
        _receiveTimeoutEnabled = false;
        _receiveTimeoutGeneration++;
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
    }

    private void MarkReceiveActivity() => _lastActivity = System.Scheduler.MonotonicClock;

    private void ScheduleReceiveTimeoutCheck(TimeSpan delay) =>
        _receiveTimeoutTask = System.Scheduler.ScheduleTellOnce(
            delay, SelfRef, new ReceiveTimeoutCheck(_receiveTimeoutGeneration), ActorRefs.NoSender);

    private void HandleReceiveTimeoutCheck(ReceiveTimeoutCheck check)
    {
        if (!_receiveTimeoutEnabled || check.Generation != _receiveTimeoutGeneration) return;
        var idle = System.Scheduler.MonotonicClock - _lastActivity;
        if (idle < _receiveTimeout)
        {
            ScheduleReceiveTimeoutCheck(_receiveTimeout - idle);
            return;
        }
        _lastActivity = System.Scheduler.MonotonicClock;
        ScheduleReceiveTimeoutCheck(_receiveTimeout);
        ReceiveUser(Actors.ReceiveTimeout.Instance);
    }
}

/// <summary>The receive-timeout timer's tick; stale generations are ignored.</summary>
internal sealed record ReceiveTimeoutCheck(long Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout, IDeadLetterSuppression;
