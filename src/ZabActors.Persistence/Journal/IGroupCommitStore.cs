namespace ZabActors.Persistence.Journal;

/// <summary>
/// The storage operations a <see cref="GroupCommitWriter"/> drives. Every method is called from
/// the writer's single thread, one at a time, so an implementation may keep one connection and
/// its prepared statements without locking. Each method is one durable transaction: when it
/// returns the change survives a crash; when it throws nothing of it is stored.
/// </summary>
public interface IGroupCommitStore
{
    /// <summary>The highest sequence nr ever stored for the id (0 when none), deletions included.</summary>
    long ReadHighestSequenceNr(string persistenceId);

    /// <summary>
    /// Stores all <paramref name="writes"/> in ONE transaction with one commit (one fsync). The
    /// writer has already checked that each write continues its id's sequence.
    /// </summary>
    void CommitBatch(IReadOnlyList<AtomicWrite> writes);

    /// <summary>
    /// Deletes records with nr &lt;= <paramref name="toSequenceNr"/> and remembers
    /// <paramref name="highestSequenceNr"/> so the sequence survives the deletion of every record.
    /// </summary>
    void DeleteMessagesTo(string persistenceId, long toSequenceNr, long highestSequenceNr);

    /// <summary>Deletes records with nr &gt; <paramref name="sequenceNr"/> and lowers the remembered highest.</summary>
    void TruncateAfter(string persistenceId, long sequenceNr);
}
