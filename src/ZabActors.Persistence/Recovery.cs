using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence;

/// <summary>
/// How a persistent actor recovers (Akka's <c>Recovery</c>): which snapshot it may start from,
/// the last record it replays and how many records at most.
/// </summary>
public sealed record Recovery
{
    public Recovery(SnapshotSelectionCriteria fromSnapshot, long toSequenceNr = long.MaxValue, long replayMax = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(fromSnapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        ArgumentOutOfRangeException.ThrowIfNegative(replayMax);
        FromSnapshot = fromSnapshot;
        ToSequenceNr = toSequenceNr;
        ReplayMax = replayMax;
    }

    /// <summary>The newest snapshot, then every later record.</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>No snapshot and no replay: the actor starts empty and continues after the highest stored sequence nr.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, toSequenceNr: 0);

    public SnapshotSelectionCriteria FromSnapshot { get; }

    public long ToSequenceNr { get; }

    public long ReplayMax { get; }
}
