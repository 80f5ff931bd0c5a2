namespace ZabActors.Persistence.Snapshot;

/// <summary>
/// Which snapshots a load or delete considers (Akka's <c>SnapshotSelectionCriteria</c>): those
/// with MinSequenceNr &lt;= nr &lt;= MaxSequenceNr and MinTimestamp &lt;= timestamp &lt;= MaxTimestamp.
/// </summary>
public sealed record SnapshotSelectionCriteria
{
    public SnapshotSelectionCriteria(long maxSequenceNr, DateTime maxTimestamp, long minSequenceNr = 0, DateTime? minTimestamp = null)
    {
        MaxSequenceNr = maxSequenceNr;
        MaxTimestamp = maxTimestamp;
        MinSequenceNr = minSequenceNr;
        MinTimestamp = minTimestamp ?? DateTime.MinValue;
    }

    public SnapshotSelectionCriteria(long maxSequenceNr) : this(maxSequenceNr, DateTime.MaxValue) { }

    /// <summary>Selects every snapshot, so a load returns the newest.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTime.MaxValue);

    /// <summary>Selects nothing: recovery without a snapshot.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0L, DateTime.MinValue);

    public long MaxSequenceNr { get; }

    public DateTime MaxTimestamp { get; }

    public long MinSequenceNr { get; }

    public DateTime MinTimestamp { get; }

    public bool IsMatch(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimestamp
        && metadata.SequenceNr >= MinSequenceNr && metadata.Timestamp >= MinTimestamp;
}
