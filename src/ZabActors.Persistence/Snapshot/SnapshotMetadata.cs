namespace ZabActors.Persistence.Snapshot;

/// <summary>
/// Identifies one snapshot: whose state it is, the journal position it covers and when it was
/// taken (Akka's <c>SnapshotMetadata</c>). The timestamp is supplied by the caller, never read
/// from a clock here, so simulated runs stay deterministic; pass UTC.
/// </summary>
public sealed record SnapshotMetadata
{
    public SnapshotMetadata(string persistenceId, long sequenceNr, DateTime timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNr);
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Timestamp = timestamp;
    }

    public string PersistenceId { get; }

    /// <summary>The last journal record the snapshot includes.</summary>
    public long SequenceNr { get; }

    public DateTime Timestamp { get; }
}
