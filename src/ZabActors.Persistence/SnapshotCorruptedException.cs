namespace ZabActors.Persistence;

/// <summary>
/// Raised when a stored snapshot fails its checksum; loading stops instead of handing damaged
/// state to an actor.
/// </summary>
public sealed class SnapshotCorruptedException(string persistenceId, long sequenceNr, string location, string reason)
    : CorruptedRecordException("Snapshot", persistenceId, sequenceNr, location, reason);
