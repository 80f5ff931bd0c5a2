namespace ZabActors.Persistence.Journal;

/// <summary>
/// The journal plugin contract, shaped after Akka.Persistence's <c>AsyncWriteJournal</c>: it owns
/// the durable, per-persistence-id, gap-free log of serialized events.
/// </summary>
/// <remarks>
/// <para>Sequence numbers of one persistence id are contiguous from 1. A write that does not start
/// at the next number is rejected (nothing of it stored). Deleting a prefix does not lower the
/// highest sequence number: the next write still continues after it.</para>
/// <para><see cref="TruncateAfterAsync"/> is our addition to Akka's shape: ZAB's TRUNC makes a
/// follower drop the suffix of its log that the new leader never committed (ZooKeeper's
/// <c>TxnLog.truncate</c>), and Akka only ever deletes prefixes.</para>
/// <para>Tasks complete only when the change is durable. A faulted task is a journal failure (the
/// store is in trouble); a rejection is reported per write in the result list.</para>
/// </remarks>
public interface IAsyncWriteJournal : IAsyncDisposable
{
    /// <summary>
    /// Stores each <see cref="AtomicWrite"/> atomically and returns one entry per write, in order:
    /// null when it was stored, or the exception explaining why it was rejected (for example a
    /// <see cref="JournalSequenceException"/>). The writes of one call may be for different
    /// persistence ids; the writes of one id are applied in list order.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages);

    /// <summary>
    /// Calls <paramref name="recoveryCallback"/> for each stored record of
    /// <paramref name="persistenceId"/> with <paramref name="fromSequenceNr"/> &lt;= nr &lt;=
    /// <paramref name="toSequenceNr"/>, in order, at most <paramref name="max"/> records.
    /// Throws <see cref="JournalCorruptedException"/> when a record fails its checksum.
    /// </summary>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback);

    /// <summary>
    /// The highest sequence number ever stored for the id (0 when none), remembered across
    /// <see cref="DeleteMessagesToAsync"/>. <paramref name="fromSequenceNr"/> is a hint, as in Akka.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr);

    /// <summary>Deletes every record with sequence nr &lt;= <paramref name="toSequenceNr"/>.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr);

    /// <summary>
    /// Our addition to Akka's shape: deletes every record with sequence nr &gt;
    /// <paramref name="sequenceNr"/>, so the highest sequence nr becomes at most
    /// <paramref name="sequenceNr"/> and the next write continues right after it.
    /// </summary>
    Task TruncateAfterAsync(string persistenceId, long sequenceNr);
}
