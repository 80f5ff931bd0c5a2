namespace ZabActors.Zab;

/// <summary>
/// Everything a <see cref="QuorumPeer"/> is configured with beyond its <see cref="PeerConfig"/>: the
/// snapshot cadence and retention, the learner's connect-retry delay, and the seed of the snapshot
/// jitter. The seed replaces the random generator ZooKeeper rolls its snapCount with, so the core stays
/// deterministic: the same seed gives the same snapshot points.
/// </summary>
public sealed record PeerOptions
{
    /// <summary>ZooKeeper never keeps fewer than three snapshots (PurgeTxnLog).</summary>
    public const int DefaultSnapshotRetainCount = 3;

    /// <summary>ZooKeeper's default leaderConnectDelayDuringRetryMs.</summary>
    public static readonly TimeSpan DefaultLearnerConnectRetryDelay = TimeSpan.FromMilliseconds(100);

    public PeerOptions(PeerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        SnapshotSeed = unchecked((ulong)config.MyId);
    }

    public PeerConfig Config { get; }

    public long MyId => Config.MyId;

    public ZabTiming Timing => Config.Timing;

    /// <summary>Transactions applied between two snapshots (ZooKeeper's snapCount); null means half the committed log.</summary>
    public int? SnapCount { get; init; }

    /// <summary>The snapshot interval in use: <see cref="SnapCount"/>, or half the committed log.</summary>
    public int EffectiveSnapCount => SnapCount ?? (Timing.CommittedLogSize > 1 ? Timing.CommittedLogSize / 2 : 1000);

    /// <summary>Snapshots kept on disk; after each new one, older snapshots and the log before the oldest kept one are purged.</summary>
    public int SnapshotRetainCount { get; init; } = DefaultSnapshotRetainCount;

    /// <summary>How long a learner waits before it connects again to a leader that refused it before saying anything.</summary>
    public TimeSpan LearnerConnectRetryDelay { get; init; } = DefaultLearnerConnectRetryDelay;

    /// <summary>Seeds the snapshot jitter (the draw in (snapCount/2, snapCount]); defaults to the server id.</summary>
    public ulong SnapshotSeed { get; init; }

    /// <summary>
    /// How long a client write may stay unanswered. A leader cannot tell a learner that it refused a
    /// forwarded REQUEST (ZooKeeper has no such packet; its clients time out), so the accepting peer gives up.
    /// </summary>
    public TimeSpan WriteTimeout => TimeSpan.FromMilliseconds(2L * Timing.TickTimeMs * Timing.SyncLimitTicks);

    public TimeSpan TickTime => TimeSpan.FromMilliseconds(Timing.TickTimeMs);

    /// <summary>A learner retries a refused connection only within init-limit ticks of starting to follow.</summary>
    public TimeSpan LearnerRetryWindow => TimeSpan.FromMilliseconds((long)Timing.TickTimeMs * Timing.InitLimitTicks);

    /// <summary>A voter not heard from for this long counts as reconnected (<see cref="PeerConnected"/>) when heard again.</summary>
    public TimeSpan ReconnectSilence => TimeSpan.FromMilliseconds((long)Timing.TickTimeMs * Timing.SyncLimitTicks);

    /// <summary>Throws on options a peer cannot run with.</summary>
    public PeerOptions Validate()
    {
        if (EffectiveSnapCount < 1)
        {
            throw new ArgumentException("SnapCount must be at least 1", nameof(SnapCount));
        }
        if (SnapshotRetainCount < 1)
        {
            throw new ArgumentException("SnapshotRetainCount must be at least 1", nameof(SnapshotRetainCount));
        }
        if (LearnerConnectRetryDelay <= TimeSpan.Zero || LearnerConnectRetryDelay >= LearnerRetryWindow)
        {
            throw new ArgumentException("LearnerConnectRetryDelay must be above 0 and below init-limit x tick-time", nameof(LearnerConnectRetryDelay));
        }
        return this;
    }
}
