using ZabActors.Persistence.Journal;
using ZabActors.Zab;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// A ZAB peer's transaction log (ZooKeeper's <c>FileTxnLog</c>) on a journal plugin: it owns one
/// persistence id whose records are the logged transactions, one per sequence nr, in zxid order.
/// </summary>
/// <remarks>
/// <para>Sequence nrs map 1:1 to log positions. The log keeps the zxid of every retained record in
/// memory (8 bytes each; <see cref="PurgeBefore"/> bounds it), read back by <see cref="Open"/>,
/// which verifies the whole retained log first: checksums, no holes, ascending zxids, nothing
/// missing at the tail. A log that fails any of these never opens, so a peer never starts from a
/// partial history.</para>
/// <para><see cref="Append"/> only buffers. <see cref="Flush"/> writes everything buffered as ONE
/// <see cref="AtomicWrite"/> (one journal transaction, one fsync) and returns once it is durable;
/// a crash before that leaves none or all of it, and none of it was acknowledged.</para>
/// <para>Any journal failure (error, timeout, rejection, corruption) makes the log refuse further
/// work: what is durable is then unknown, and only reopening reads it back.</para>
/// <para>Thread-safe: tests may read it while the peer's TxnLogActor writes.</para>
/// </remarks>
public sealed class JournalTxnLog : ITxnLog
{
    /// <summary>At most this many appended transactions wait for a flush.</summary>
    public const int MaxBufferedTxns = 1 << 16;

    private readonly object gate = new();
    private readonly IAsyncWriteJournal journal;
        private readonly string location;
    private readonly List<long> durableZxids = [];
    private readonly List<Txn> buffered = [];
    private long firstSequenceNr = 1;
    private readonly StorageOperations operations;

    private JournalTxnLog(IAsyncWriteJournal journal, string persistenceId, TimeSpan timeout)
    {
        this.journal = journal;
        operations = new StorageOperations($"txn log '{persistenceId}'", timeout);
        PersistenceId = persistenceId;
        location = JournalLocation.Describe(journal);
    }

    public string PersistenceId { get; }

    public Zxid LastZxid
    {
        get
        {
            lock (gate)
                return buffered.Count > 0 ? buffered[^1].Zxid : LastDurableZxidLocked();
        }
    }

    /// <summary>The zxid of the last flushed transaction; Zero when the log holds none.</summary>
    public Zxid LastDurableZxid
    {
        get
        {
            lock (gate)
                return LastDurableZxidLocked();
        }
    }

    /// <summary>The oldest transaction still in the journal (older ones were purged); Zero when none.</summary>
    public Zxid FirstDurableZxid
    {
        get
        {
            lock (gate)
                return durableZxids.Count > 0 ? new Zxid(durableZxids[0]) : Zxid.Zero;
        }
    }

    /// <summary>Transactions in the journal (flushed, not purged).</summary>
    public int DurableCount
    {
        get
        {
            lock (gate)
                return durableZxids.Count;
        }
    }

    /// <summary>Transactions appended but not flushed.</summary>
    public int BufferedCount
    {
        get
        {
            lock (gate)
                return buffered.Count;
        }
    }

    /// <summary>
    /// Opens the log of <paramref name="persistenceId"/>, reading back and verifying every
    /// retained record. Throws <see cref="PeerStorageException"/> (with the journal's
    /// <see cref="JournalCorruptedException"/> inside for damaged records).
    /// </summary>
    public static JournalTxnLog Open(IAsyncWriteJournal journal, string persistenceId, TimeSpan? operationTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var log = new JournalTxnLog(journal, persistenceId, operationTimeout ?? PeerStorageSettings.Default.OperationTimeout);
        log.Load();
        return log;
    }

    /// <summary>Buffers <paramref name="txn"/>; zxids must ascend. Durable only after <see cref="Flush"/>.</summary>
    public void Append(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        lock (gate)
        {
            operations.ThrowIfFailed();
            var last = buffered.Count > 0 ? buffered[^1].Zxid : LastDurableZxidLocked();
            if (txn.Zxid <= last || txn.Zxid.Value <= 0)
                throw new InvalidOperationException($"txn log '{PersistenceId}': append out of order, {txn.Zxid} after {last}");
            if (buffered.Count >= MaxBufferedTxns)
                throw new InvalidOperationException(
                    $"txn log '{PersistenceId}': {MaxBufferedTxns} transactions are waiting for a flush; flush before appending more");
            buffered.Add(txn);
        }
    }

    /// <summary>Writes every buffered transaction as one atomic journal write and returns once it is durable.</summary>
    public void Flush()
    {
        lock (gate)
        {
            operations.ThrowIfFailed();
            if (buffered.Count == 0)
                return;
            var next = NextSequenceNr;
            var write = new AtomicWrite(buffered.Select((txn, i) => TxnRecord.Encode(PersistenceId, next + i, txn)).ToList());
            var operation = $"flush of {buffered.Count} txn(s) at sequence nr {next}";
            var results = operations.Run(() => journal.WriteMessagesAsync([write]), operation);
            if (SingleWriteRejection(results) is { } rejection)
                throw operations.Fail(rejection, operation);
            durableZxids.AddRange(buffered.Select(txn => txn.Zxid.Value));
            buffered.Clear();
        }
    }

    /// <summary>
    /// Removes every transaction above <paramref name="zxid"/>: buffered ones at once, durable
    /// ones with one journal truncate that is durable when this returns.
    /// </summary>
    public void TruncateAfter(Zxid zxid)
    {
        lock (gate)
        {
            operations.ThrowIfFailed();
            buffered.RemoveAll(txn => txn.Zxid > zxid);
            var keep = CountAtOrBelow(zxid);
            if (keep == durableZxids.Count)
                return;
            // Buffered transactions follow the durable ones, and a durable one above zxid goes.
            if (buffered.Count != 0)
                throw new InvalidOperationException($"txn log '{PersistenceId}': buffered transactions below a truncated durable one");
            var to = firstSequenceNr + keep - 1;
            operations.Run(() => journal.TruncateAfterAsync(PersistenceId, to), $"truncate after {zxid} (sequence nr {to})");
            durableZxids.RemoveRange(keep, durableZxids.Count - keep);
        }
    }

    /// <summary>The transactions above <paramref name="zxid"/>, durable ones read back from the journal, then buffered ones.</summary>
    public IEnumerable<Txn> ReadAfter(Zxid zxid)
    {
        lock (gate)
        {
            operations.ThrowIfFailed();
            var start = CountAtOrBelow(zxid);
            var txns = new List<Txn>(durableZxids.Count - start + buffered.Count);
            if (start < durableZxids.Count)
                ReadDurable(start, txns);
            txns.AddRange(buffered.Where(txn => txn.Zxid > zxid));
            return txns;
        }
    }

    /// <summary>
    /// Deletes the transactions below <paramref name="zxid"/> (a snapshot's: it covers them), as
    /// ZooKeeper's <c>PurgeTxnLog</c>. The newest transaction always stays, so the log's end is
    /// known after a reopen. Durable when this returns.
    /// </summary>
    public void PurgeBefore(Zxid zxid)
    {
        lock (gate)
        {
            operations.ThrowIfFailed();
            var purge = Math.Min(CountAtOrBelow(new Zxid(zxid.Value - 1)), durableZxids.Count - 1);
            if (purge <= 0)
                return;
            var to = firstSequenceNr + purge - 1;
            operations.Run(() => journal.DeleteMessagesToAsync(PersistenceId, to), $"purge before {zxid} (sequence nr {to})");
            durableZxids.RemoveRange(0, purge);
            firstSequenceNr += purge;
        }
    }

    /// <summary>
    /// True when every transaction above <paramref name="zxid"/> that was ever flushed (and not
    /// truncated) is still in the journal, so replaying from a snapshot at that zxid is complete.
    /// </summary>
    public bool HoldsEverythingAfter(Zxid zxid)
    {
        lock (gate)
        {
            if (firstSequenceNr == 1)
                return true;
            // Purged transactions all lie below the first retained one.
            return durableZxids.Count > 0 && durableZxids[0] - 1 <= zxid.Value;
        }
    }

    /// <summary>The rejection of a single-write request; a result list of the wrong length counts as one.</summary>
    internal static Exception? SingleWriteRejection(IReadOnlyList<Exception?> results) =>
        results.Count == 1 ? results[0] : new InvalidOperationException($"the journal answered {results.Count} results for one write");

    private long NextSequenceNr => firstSequenceNr + durableZxids.Count;

    private Zxid LastDurableZxidLocked() => durableZxids.Count > 0 ? new Zxid(durableZxids[^1]) : Zxid.Zero;

    /// <summary>How many durable transactions have a zxid of at most <paramref name="zxid"/>.</summary>
    private int CountAtOrBelow(Zxid zxid)
    {
        var index = durableZxids.BinarySearch(zxid.Value);
        return index >= 0 ? index + 1 : ~index;
    }

    private void Load()
    {
        var highest = operations.Run(() => journal.ReadHighestSequenceNrAsync(PersistenceId, 0), "reading the highest sequence nr");
        var previous = 0L;
        operations.Run(() => journal.ReplayMessagesAsync(PersistenceId, 1, highest, long.MaxValue, record =>
        {
            if (durableZxids.Count == 0)
                firstSequenceNr = record.SequenceNr;
            else if (record.SequenceNr != NextSequenceNr)
                throw TxnRecord.Corrupt(record, location, $"record {NextSequenceNr} is missing");
            var zxid = TxnRecord.ReadZxid(record, location);
            if (zxid.Value <= previous)
                throw TxnRecord.Corrupt(record, location, $"zxid {zxid} does not follow {new Zxid(previous)}");
            durableZxids.Add(zxid.Value);
            previous = zxid.Value;
        }), "reading the log");
        if (durableZxids.Count == 0)
            firstSequenceNr = highest + 1;
        else if (NextSequenceNr - 1 != highest)
            throw operations.Fail(new JournalCorruptedException(PersistenceId, NextSequenceNr, location,
                $"records {NextSequenceNr}..{highest} are missing at the end of the log"), "reading the log");
    }

    private void ReadDurable(int start, List<Txn> into)
    {
        var from = firstSequenceNr + start;
        var to = NextSequenceNr - 1;
        operations.Run(() => journal.ReplayMessagesAsync(PersistenceId, from, to, long.MaxValue, record =>
        {
            var index = start + into.Count;
            var txn = TxnRecord.Decode(record, location);
            if (record.SequenceNr != firstSequenceNr + index || index >= durableZxids.Count)
                throw TxnRecord.Corrupt(record, location, $"the journal replayed it where record {firstSequenceNr + index} belongs");
            if (txn.Zxid.Value != durableZxids[index])
                throw TxnRecord.Corrupt(record, location, $"holds {txn.Zxid} where the log held {new Zxid(durableZxids[index])}");
            into.Add(txn);
        }), $"reading records {from}..{to}");
        if (into.Count != to - from + 1)
            throw operations.Fail(new JournalCorruptedException(PersistenceId, from + into.Count, location, "the record is missing"),
                $"reading records {from}..{to}");
    }




}
