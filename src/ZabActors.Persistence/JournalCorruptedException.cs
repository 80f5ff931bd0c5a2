namespace ZabActors.Persistence;

/// <summary>
/// Raised when recovery meets a stored record that fails its checksum or breaks the contiguous
/// sequence; recovery stops, because replaying past a damaged record would rebuild wrong state.
/// </summary>
public sealed class JournalCorruptedException : Exception
{
    public JournalCorruptedException(string persistenceId, long sequenceNr, string location, string reason)
        : base($"Journal corrupted at persistence id '{persistenceId}', sequence nr {sequenceNr} in {location}: {reason}")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Location = location;
        Reason = reason;
    }

    public string PersistenceId { get; }

    public long SequenceNr { get; }

    /// <summary>The file or table that holds the damaged record.</summary>
    public string Location { get; }

    public string Reason { get; }
}
