namespace ZabActors.Persistence;

/// <summary>
/// What a corruption error says about the damaged stored record: whose it is, its sequence nr, where it
/// is kept and what is wrong with it. Journals and snapshot stores raise their own kind of it.
/// </summary>
public abstract class CorruptedRecordException : Exception
{
    /// <param name="kind">What holds the record, opening the message ("Journal", "Snapshot").</param>
    protected CorruptedRecordException(string kind, string persistenceId, long sequenceNr, string location, string reason)
        : base($"{kind} corrupted at persistence id '{persistenceId}', sequence nr {sequenceNr} in {location}: {reason}")
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
