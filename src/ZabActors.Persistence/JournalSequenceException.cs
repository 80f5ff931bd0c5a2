namespace ZabActors.Persistence;

/// <summary>
/// The rejection a journal returns for an <see cref="AtomicWrite"/> that does not start at the
/// next sequence number of its persistence id; nothing of that write is stored.
/// </summary>
public sealed class JournalSequenceException : Exception
{
    public JournalSequenceException(string persistenceId, long expectedSequenceNr, long actualSequenceNr)
        : base($"Rejected write for persistence id '{persistenceId}': expected sequence nr {expectedSequenceNr} "
               + $"but the write starts at {actualSequenceNr}; sequence numbers must be contiguous")
    {
        PersistenceId = persistenceId;
        ExpectedSequenceNr = expectedSequenceNr;
        ActualSequenceNr = actualSequenceNr;
    }

    public string PersistenceId { get; }

    public long ExpectedSequenceNr { get; }

    public long ActualSequenceNr { get; }
}
