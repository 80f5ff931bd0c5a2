namespace ZabActors.Zab;

/// <summary>
/// The time limits and bounds of the protocol, with ZooKeeper's defaults. The core never reads a
/// clock: election timers are in milliseconds advanced through <c>FastLeaderElection.Tick(ms)</c>;
/// everything else counts ticks the driver delivers once every <see cref="TickTimeMs"/>.
/// </summary>
public sealed record ZabTiming
{
    public int TickTimeMs { get; init; } = 2000;

    /// <summary>Ticks the leader waits in each of discovery, epoch acknowledgement and NEWLEADER acknowledgement.</summary>
    public int InitLimitTicks { get; init; } = 10;

    /// <summary>Ticks a synced peer may stay silent (and an outstanding proposal unacknowledged).</summary>
    public int SyncLimitTicks { get; init; } = 5;

    public int FinalizeWaitMs { get; init; } = 200;

    public int MinNotificationIntervalMs { get; init; } = 200;

    public int MaxNotificationIntervalMs { get; init; } = 60000;

    /// <summary>Committed transactions the leader keeps in memory to sync learners with a DIFF.</summary>
    public int CommittedLogSize { get; init; } = 500;

    /// <summary>Proposals the leader keeps outstanding before it refuses new ones.</summary>
    public int MaxOutstandingProposals { get; init; } = 1000;

    /// <summary>Packets a learner handler buffers (while a snapshot is taken) or tracks unacknowledged.</summary>
    public int LearnerQueueLimit { get; init; } = 100_000;

    public static ZabTiming Default { get; } = new();

    /// <summary>Throws on settings the protocol cannot run with; called once when a peer is configured.</summary>
    public ZabTiming Validate()
    {
        Require(TickTimeMs > 0, nameof(TickTimeMs));
        Require(InitLimitTicks > 0, nameof(InitLimitTicks));
        Require(SyncLimitTicks > 0, nameof(SyncLimitTicks));
        Require(FinalizeWaitMs > 0, nameof(FinalizeWaitMs));
        Require(MinNotificationIntervalMs > 0, nameof(MinNotificationIntervalMs));
        Require(MaxNotificationIntervalMs >= MinNotificationIntervalMs, nameof(MaxNotificationIntervalMs));
        Require(CommittedLogSize >= 0, nameof(CommittedLogSize));
        Require(MaxOutstandingProposals > 0, nameof(MaxOutstandingProposals));
        Require(LearnerQueueLimit > 0, nameof(LearnerQueueLimit));
        return this;
    }

    private static void Require(bool condition, string setting)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid Zab setting {setting}", setting);
        }
    }
}
