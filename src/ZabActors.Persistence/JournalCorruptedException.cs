namespace ZabActors.Persistence;

/// <summary>
/// Raised when recovery meets a stored record that fails its checksum or breaks the contiguous
/// sequence; recovery stops, because replaying past a damaged record would rebuild wrong state.
/// </summary>
public sealed class JournalCorruptedException(string persistenceId, long sequenceNr, string location, string reason)
    : CorruptedRecordException("Journal", persistenceId, sequenceNr, location, reason);
