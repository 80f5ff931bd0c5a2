namespace ZabActors.Simulation.Runtime;

/// <summary>
/// The run's global virtual time and its pending events: a priority queue ordered by due time, then by
/// the order of scheduling, so equal times fire first-scheduled-first and a run replays from its seed.
/// One event is one simulation step; nothing runs concurrently.
/// </summary>
public sealed class VirtualScheduler
{
    /// <summary>Pending events at most; more means something schedules without bound.</summary>
    private const int PendingMax = 4_000_000;

    private readonly PriorityQueue<Action, (long Due, long Seq)> queue = new();
    private long nextSeq;

    /// <summary>Global virtual time since the start of the run.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Events run so far.</summary>
    public long Steps { get; private set; }

    public int Pending => queue.Count;

    public void ScheduleAt(TimeSpan due, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (queue.Count >= PendingMax)
        {
            throw new InvalidOperationException($"more than {PendingMax} pending events: the simulation schedules without bound");
        }
        queue.Enqueue(action, ((due < Elapsed ? Elapsed : due).Ticks, nextSeq++));
    }

    public void ScheduleOnce(TimeSpan delay, Action action) => ScheduleAt(Elapsed + delay, action);

    /// <summary>
    /// Runs events due within <paramref name="duration"/> from now, calling <paramref name="afterStep"/>
    /// after each; stops early (true) when it returns true, at that event's time; otherwise time ends at now + duration.
    /// </summary>
    public bool RunFor(TimeSpan duration, Func<bool> afterStep)
    {
        var end = Elapsed + duration;
        while (queue.TryPeek(out _, out var key) && key.Due <= end.Ticks)
        {
            var action = queue.Dequeue();
            Elapsed = TimeSpan.FromTicks(key.Due);
            Steps++;
            action();
            if (afterStep())
            {
                return true;
            }
        }
        Elapsed = end;
        return false;
    }
}
