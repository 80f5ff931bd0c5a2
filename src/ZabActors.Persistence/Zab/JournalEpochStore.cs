using ZabActors.Persistence.Journal;
using ZabActors.Zab;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// A ZAB peer's epoch files (ZooKeeper's <c>acceptedEpoch</c> and <c>currentEpoch</c>) on a
/// journal plugin: it owns one persistence id whose newest record holds both epochs.
/// </summary>
/// <remarks>
/// <see cref="Save"/> appends a record with both values and returns once it is durable; it then
/// deletes the older records, so the id holds one record (or two after a crash in between,
/// which is harmless: the newest wins). Any journal failure makes the store refuse further
/// saves until the peer reopens it. Thread-safe.
/// </remarks>
public sealed class JournalEpochStore : IEpochStore
{
    private readonly object gate = new();
    private readonly IAsyncWriteJournal journal;
        private readonly string location;
    private long acceptedEpoch;
    private long currentEpoch;
    private long highestSequenceNr;
    private readonly StorageOperations operations;

    private JournalEpochStore(IAsyncWriteJournal journal, string persistenceId, TimeSpan timeout)
    {
        this.journal = journal;
        operations = new StorageOperations($"epoch store '{persistenceId}'", timeout);
        PersistenceId = persistenceId;
        location = JournalLocation.Describe(journal);
    }

    public string PersistenceId { get; }

    public long AcceptedEpoch
    {
        get
        {
            lock (gate)
                return acceptedEpoch;
        }
    }

    public long CurrentEpoch
    {
        get
        {
            lock (gate)
                return currentEpoch;
        }
    }

    /// <summary>Opens the epochs of <paramref name="persistenceId"/> (both 0 when none were saved).</summary>
    public static JournalEpochStore Open(IAsyncWriteJournal journal, string persistenceId, TimeSpan? operationTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var store = new JournalEpochStore(journal, persistenceId, operationTimeout ?? PeerStorageSettings.Default.OperationTimeout);
        store.Load();
        return store;
    }

    /// <summary>Durably writes the epochs before it returns; a null keeps the stored value.</summary>
    public void Save(long? acceptedEpoch, long? currentEpoch)
    {
        if (acceptedEpoch < 0 || currentEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(acceptedEpoch), "epochs are never negative");
        lock (gate)
        {
            operations.ThrowIfFailed();
            var accepted = acceptedEpoch ?? this.acceptedEpoch;
            var current = currentEpoch ?? this.currentEpoch;
            if (accepted == this.acceptedEpoch && current == this.currentEpoch && highestSequenceNr > 0)
                return; // already durable
            var sequenceNr = highestSequenceNr + 1;
            var record = EpochRecord.Encode(PersistenceId, sequenceNr, accepted, current);
            var operation = $"saving epochs {accepted}/{current} at sequence nr {sequenceNr}";
            var results = operations.Run(() => journal.WriteMessagesAsync([new AtomicWrite(record)]), operation);
            if (JournalTxnLog.SingleWriteRejection(results) is { } rejection)
                throw operations.Fail(rejection, operation);
            highestSequenceNr = sequenceNr;
            this.acceptedEpoch = accepted;
            this.currentEpoch = current;
            if (sequenceNr > 1)
                operations.Run(() => journal.DeleteMessagesToAsync(PersistenceId, sequenceNr - 1), "deleting older epoch records");
        }
    }

    private void Load()
    {
        highestSequenceNr = operations.Run(() => journal.ReadHighestSequenceNrAsync(PersistenceId, 0), "reading the highest sequence nr");
        if (highestSequenceNr == 0)
            return;
        Persistent? newest = null;
        operations.Run(() => journal.ReplayMessagesAsync(PersistenceId, highestSequenceNr, highestSequenceNr, 1, record => newest = record),
            "reading the epochs");
        if (newest is null || newest.SequenceNr != highestSequenceNr)
            throw operations.Fail(new JournalCorruptedException(PersistenceId, highestSequenceNr, location, "the newest epoch record is missing"),
                "reading the epochs");
        try
        {
            (acceptedEpoch, currentEpoch) = EpochRecord.Decode(newest, location);
        }
        catch (JournalCorruptedException e)
        {
            throw operations.Fail(e, "reading the epochs");
        }
    }



}
