namespace ZabActors.Actors;

/// <summary>
/// A parent's record of one child: the incarnation (uid) it created and how often that child was
/// restarted within the supervisor strategy's time window.
/// </summary>
public sealed class ChildRestartStats
{
    private TimeSpan? _windowStart;

    internal ChildRestartStats(IInternalActorRef child)
    {
        Child = child;
    }

    public IInternalActorRef Child { get; }

    public long Uid => Child.Path.Uid;

    /// <summary>Restarts counted in the current window.</summary>
    public int MaxNrOfRetriesCount { get; private set; }

    /// <summary>Set once the parent has asked this child to stop.</summary>
    internal bool IsStopping { get; set; }

    /// <summary>
    /// Counts a restart and says whether it is allowed (Akka's rules): a negative
    /// <paramref name="maxNrOfRetries"/> with no window means unlimited; with a window, at most
    /// <paramref name="maxNrOfRetries"/> (1 when negative) restarts inside it, and the window starts
    /// again at the first restart after it has passed.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, TimeSpan now)
    {
        if (withinTimeRange is null)
        {
            if (maxNrOfRetries < 0) return true;
            MaxNrOfRetriesCount++;
            return MaxNrOfRetriesCount <= maxNrOfRetries;
        }
        int retries = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var windowStart = _windowStart ??= now;
        if (now - windowStart <= withinTimeRange.Value)
        {
            MaxNrOfRetriesCount++;
            return MaxNrOfRetriesCount <= retries;
        }
        MaxNrOfRetriesCount = 1;
        _windowStart = now;
        return retries >= 1;
    }
}
