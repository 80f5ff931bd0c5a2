namespace ZabActors.Persistence;

/// <summary>
/// Raised when a stored snapshot fails its checksum; loading stops instead of handing damaged
/// state to an actor.
/// </summary>
public sealed class SnapshotCorruptedException : Exception
{
    public SnapshotCorruptedException(string persistenceId, long sequenceNr, string location, string reason)
        : base($"Snapshot corrupted at persistence id '{persistenceId}', sequence nr {sequenceNr} in {location}: {reason}")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Location = location;
        Reason = reason;
    }

    public string PersistenceId { get; }

    public long SequenceNr { get; }

    public string Location { get; }

    public string Reason { get; }
}
