using Microsoft.Extensions.Logging;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Tests.Support;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;
using ZabSnapshot = ZabActors.Zab.Snapshot;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>
/// The conformance suite of a ZAB peer's storage (txn log, epochs, snapshots) on a journal and
/// snapshot plugin, shared by the memory, SQLite and PostgreSQL plugins like the journal spec.
/// A restart abandons the open storage without closing it, as a crash would, and opens a new
/// one on the same store.
/// </summary>
public abstract class PeerStorageSpec : IAsyncLifetime
{
    protected const string Prefix = "peer-1";
    protected static readonly string TxnLogId = JournalPeerStorage.TxnLogPersistenceId(Prefix);
    protected static readonly string SnapshotsId = JournalPeerStorage.SnapshotsPersistenceId(Prefix);

    private readonly List<JournalPeerStorage> opened = [];
    private JournalPeerStorage? storage;

    protected JournalPeerStorage Storage => storage ?? throw new InvalidOperationException("storage not opened");

    protected CapturingLoggerFactory Logging { get; } = new();

    /// <summary>Opens the peer's storage on this test's store; later calls reopen the same store.</summary>
    protected abstract JournalPeerStorage OpenStorage(ILoggerFactory logging);

    /// <summary>Damages one stored txn-log record behind the storage's back.</summary>
    protected abstract Task CorruptRecordAsync(string persistenceId, long sequenceNr);

    /// <summary>Damages one stored snapshot behind the storage's back.</summary>
    protected abstract Task CorruptSnapshotAsync(string persistenceId, long sequenceNr);

    /// <summary>The file or table a corruption report must name.</summary>
    protected abstract string ExpectedLocation { get; }

    /// <summary>How many journal transactions (fsyncs) the storage's journal has committed.</summary>
    protected abstract long BatchesCommitted(JournalPeerStorage storage);

    public virtual Task InitializeAsync()
    {
        storage = Open();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var open in opened)
            await open.DisposeAsync();
    }

    protected JournalPeerStorage Open()
    {
        var open = OpenStorage(Logging);
        opened.Add(open);
        return open;
    }

    /// <summary>Abandons the current storage (no close, no flush) and reopens the store.</summary>
    protected void Crash()
    {
        storage = null;
        storage = Open();
    }

    protected static Zxid Z(long counter, long epoch = 1) => Zxid.Make(epoch, counter);

    protected static Txn T(long counter, long epoch = 1) => new(Z(counter, epoch), Bytes.FromUtf8($"txn {epoch}:{counter}"));

    protected static Txn[] Txns(long from, long to, long epoch = 1) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => T(n, epoch))];

    protected void FlushAll(params Txn[] txns)
    {
        foreach (var txn in txns)
            Storage.Log.Append(txn);
        Storage.Log.Flush();
    }

    protected List<Txn> ReadAll() => [.. Storage.Log.ReadAfter(Zxid.Zero)];

    [PluginFact]
    public void An_empty_store_opens_empty()
    {
        Assert.Equal(Zxid.Zero, Storage.Log.LastZxid);
        Assert.Empty(ReadAll());
        Assert.Equal(0, Storage.Epochs.AcceptedEpoch);
        Assert.Equal(0, Storage.Epochs.CurrentEpoch);
        Assert.Null(Storage.Snapshots.LoadLatest());
    }

    [PluginFact]
    public void Flushed_txns_survive_a_crash_in_order()
    {
        FlushAll(Txns(1, 5));
        FlushAll(T(1, epoch: 2));
        Crash();
        Assert.Equal([.. Txns(1, 5), T(1, epoch: 2)], ReadAll());
        Assert.Equal(Z(1, epoch: 2), Storage.Log.LastZxid);
        Assert.Equal(Z(1, epoch: 2), Storage.Log.LastDurableZxid);
    }

    [PluginFact]
    public void A_flush_of_many_buffered_txns_is_one_journal_batch()
    {
        var before = BatchesCommitted(Storage);
        foreach (var txn in Txns(1, 50))
            Storage.Log.Append(txn);
        Storage.Log.Flush();
        Assert.Equal(before + 1, BatchesCommitted(Storage));
        Storage.Log.Flush();
        Assert.Equal(before + 1, BatchesCommitted(Storage));
        Assert.Equal(50, Storage.Log.DurableCount);
    }

    [PluginFact]
    public void Appended_but_unflushed_txns_are_lost_in_a_crash()
    {
        FlushAll(Txns(1, 3));
        Storage.Log.Append(T(4));
        Storage.Log.Append(T(5));
        Assert.Equal(Z(5), Storage.Log.LastZxid);
        Assert.Equal(Z(3), Storage.Log.LastDurableZxid);
        Assert.Equal(Txns(1, 5), ReadAll());
        Crash();
        Assert.Equal(Txns(1, 3), ReadAll());
        Assert.Equal(Z(3), Storage.Log.LastZxid);
    }

    [PluginFact]
    public void Appends_must_ascend()
    {
        FlushAll(T(5));
        Assert.Throws<InvalidOperationException>(() => Storage.Log.Append(T(5)));
        Assert.Throws<InvalidOperationException>(() => Storage.Log.Append(T(4)));
        FlushAll(T(6));
        Assert.Equal([T(5), T(6)], ReadAll());
    }

    [PluginFact]
    public void ReadAfter_returns_the_later_txns_durable_then_buffered()
    {
        FlushAll(Txns(1, 10));
        Storage.Log.Append(T(11));
        Storage.Log.Append(T(12));
        Assert.Equal(Txns(8, 12), Storage.Log.ReadAfter(Z(7)));
        Assert.Equal(Txns(12, 12), Storage.Log.ReadAfter(Z(11)));
        Assert.Empty(Storage.Log.ReadAfter(Z(12)));
    }

    [PluginFact]
    public void Payloads_are_read_back_verbatim()
    {
        var large = new byte[200_000];
        for (var i = 0; i < large.Length; i++)
            large[i] = (byte)(i * 31);
        Txn[] txns = [new(Z(1), Bytes.Empty), new(Z(2), Bytes.Wrap(large)), new(Z(3), Bytes.CopyFrom([0, 255, 0]))];
        FlushAll(txns);
        Crash();
        Assert.Equal(txns, ReadAll());
    }

    [PluginFact]
    public void TruncateAfter_drops_the_suffix_durably_and_appends_continue()
    {
        FlushAll(Txns(1, 10));
        Storage.Log.TruncateAfter(Z(6));
        Assert.Equal(Z(6), Storage.Log.LastZxid);
        Assert.Equal(Txns(1, 6), ReadAll());
        Crash();
        Assert.Equal(Txns(1, 6), ReadAll());
        FlushAll(T(1, epoch: 2));
        Crash();
        Assert.Equal([.. Txns(1, 6), T(1, epoch: 2)], ReadAll());
    }

    [PluginFact]
    public void TruncateAfter_drops_buffered_txns_above_the_point()
    {
        FlushAll(Txns(1, 3));
        Storage.Log.Append(T(4));
        Storage.Log.Append(T(5));
        Storage.Log.TruncateAfter(Z(4));
        Assert.Equal(Z(4), Storage.Log.LastZxid);
        Assert.Equal(1, Storage.Log.BufferedCount);
        Storage.Log.Flush();
        Crash();
        Assert.Equal(Txns(1, 4), ReadAll());
    }

    [PluginFact]
    public void TruncateAfter_below_every_txn_empties_the_log()
    {
        FlushAll(Txns(1, 3));
        Storage.Log.TruncateAfter(Zxid.Zero);
        Assert.Equal(Zxid.Zero, Storage.Log.LastZxid);
        FlushAll(T(1, epoch: 2));
        Crash();
        Assert.Equal([T(1, epoch: 2)], ReadAll());
    }

    [PluginFact]
    public void PurgeBefore_deletes_the_prefix_and_always_keeps_the_newest_txn()
    {
        FlushAll(Txns(1, 10));
        Storage.Log.PurgeBefore(Z(4));
        Assert.Equal(Z(4), Storage.Log.FirstDurableZxid);
        Assert.Equal(Txns(4, 10), ReadAll());
        Crash();
        Assert.Equal(Txns(4, 10), ReadAll());
        Assert.Equal(Z(10), Storage.Log.LastZxid);
        FlushAll(T(11));
        Storage.Log.PurgeBefore(Z(99));
        Crash();
        Assert.Equal([T(11)], ReadAll());
        Assert.Equal(Z(11), Storage.Log.LastZxid);
        FlushAll(T(12));
        Assert.Equal(Txns(11, 12), ReadAll());
    }

    [PluginFact]
    public void Epochs_are_durable_when_Save_returns_and_null_keeps_a_value()
    {
        Storage.Epochs.Save(3, null);
        Assert.Equal((3L, 0L), (Storage.Epochs.AcceptedEpoch, Storage.Epochs.CurrentEpoch));
        Storage.Epochs.Save(null, 3);
        Crash();
        Assert.Equal((3L, 3L), (Storage.Epochs.AcceptedEpoch, Storage.Epochs.CurrentEpoch));
        Storage.Epochs.Save(5, null);
        Storage.Epochs.Save(5, null);
        Crash();
        Assert.Equal((5L, 3L), (Storage.Epochs.AcceptedEpoch, Storage.Epochs.CurrentEpoch));
    }

    [PluginFact]
    public async Task The_epoch_id_keeps_only_its_newest_record()
    {
        for (var epoch = 1; epoch <= 4; epoch++)
            Storage.Epochs.Save(epoch, epoch);
        var records = new List<Persistent>();
        await Storage.Journal.ReplayMessagesAsync(JournalPeerStorage.EpochsPersistenceId(Prefix), 1, long.MaxValue, long.MaxValue, records.Add);
        Assert.Equal(4, Assert.Single(records).SequenceNr);
    }

    [PluginFact]
    public void Snapshots_load_the_newest_and_a_second_save_replaces_the_first()
    {
        Storage.Snapshots.Save(new ZabSnapshot(Z(3), Bytes.FromUtf8("s3")));
        Storage.Snapshots.Save(new ZabSnapshot(Z(7), Bytes.FromUtf8("old s7")));
        Storage.Snapshots.Save(new ZabSnapshot(Z(7), Bytes.FromUtf8("s7")));
        Crash();
        Assert.Equal(new ZabSnapshot(Z(7), Bytes.FromUtf8("s7")), Storage.Snapshots.LoadLatest());
        Assert.Equal([Z(7)], Storage.Snapshots.KnownZxids);
    }

    [PluginFact]
    public void Deleting_snapshots_after_a_zxid_keeps_that_one_and_those_before_durably()
    {
        foreach (var counter in new[] { 3, 5, 7, 9 })
            Storage.Snapshots.Save(new ZabSnapshot(Z(counter), Bytes.FromUtf8($"s{counter}")));
        Storage.Snapshots.DeleteAfter(Z(5));
        Assert.Equal([Z(5), Z(3)], Storage.Snapshots.KnownZxids);
        Crash();
        Assert.Equal(new ZabSnapshot(Z(5), Bytes.FromUtf8("s5")), Storage.Snapshots.LoadLatest());
        Storage.Snapshots.DeleteAfter(Zxid.Zero);
        Crash();
        Assert.Null(Storage.Snapshots.LoadLatest());
    }

    [PluginFact]
    public async Task A_corrupt_newest_snapshot_falls_back_to_the_previous_one_and_is_logged()
    {
        FlushAll(Txns(1, 10));
        Storage.Snapshots.Save(new ZabSnapshot(Z(4), Bytes.FromUtf8("s4")));
        Storage.Snapshots.Save(new ZabSnapshot(Z(8), Bytes.FromUtf8("s8")));
        await CorruptSnapshotAsync(SnapshotsId, Z(8).Value);
        Crash();
        Assert.Equal(new ZabSnapshot(Z(4), Bytes.FromUtf8("s4")), Storage.Snapshots.LoadLatest());
        var warning = Assert.Single(Logging.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(Z(8).ToString(), warning.Message);
        Assert.Contains(SnapshotsId, warning.Message);
    }

    [PluginFact]
    public async Task Snapshots_that_are_all_corrupt_are_an_error_not_a_missing_snapshot()
    {
        Storage.Snapshots.Save(new ZabSnapshot(Z(4), Bytes.FromUtf8("s4")));
        await CorruptSnapshotAsync(SnapshotsId, Z(4).Value);
        Crash();
        var error = Assert.Throws<PeerStorageException>(() => Storage.Snapshots.LoadLatest());
        Assert.Contains(SnapshotsId, error.Message);
        Assert.Contains("unusable", error.Message);
    }

    [PluginFact]
    public async Task Loading_does_not_fall_back_to_a_snapshot_the_purged_log_cannot_bridge()
    {
        FlushAll(Txns(1, 10));
        Storage.Snapshots.Save(new ZabSnapshot(Z(2), Bytes.FromUtf8("s2")));
        Storage.Snapshots.Save(new ZabSnapshot(Z(8), Bytes.FromUtf8("s8")));
        Storage.Log.PurgeBefore(Z(8));
        await CorruptSnapshotAsync(SnapshotsId, Z(8).Value);
        Crash();
        var error = Assert.Throws<PeerStorageException>(() => Storage.Snapshots.LoadLatest());
        Assert.Contains("no longer holds the transactions after it", error.Message);
    }

    [PluginFact]
    public void Snapshots_and_purge_then_a_crash_give_a_consistent_PeerDisk()
    {
        var machine = new SumMachine();
        for (var counter = 1; counter <= 15; counter++)
        {
            var txn = new Txn(Z(counter), Bytes.FromUtf8(counter.ToString()));
            FlushAll(txn);
            machine.Apply(txn);
            if (counter % 3 == 0 && counter <= 12)
            {
                Storage.Snapshots.Save(machine.TakeSnapshot());
                Storage.Purge();
            }
        }
        Storage.Epochs.Save(1, 1);
        Crash();

        var snapshot = Storage.Snapshots.LoadLatest()!;
        Assert.Equal(Z(12), snapshot.Zxid);
        Assert.Equal(Z(6), Storage.Log.FirstDurableZxid);
        var restored = new SumMachine();
        restored.Restore(snapshot);
        var disk = PeerDisk.Read(Storage.Log, Storage.Epochs, snapshot.Zxid, restored.LastApplied, committedLogSize: 500);
        Assert.Equal(Z(15), disk.LastLoggedZxid);
        Assert.Equal(Z(12), disk.LastAppliedZxid);
        Assert.Equal((1L, 1L), (disk.AcceptedEpoch, disk.CurrentEpoch));
        foreach (var txn in disk.ToLearnerStart().UnappliedTxns)
            restored.Apply(txn);
        Assert.Equal(machine.Sum, restored.Sum);
        Assert.Equal(machine.LastApplied, restored.LastApplied);
    }

    [PluginFact]
    public async Task After_a_purge_a_corrupt_newest_snapshot_still_recovers_from_a_kept_one()
    {
        var machine = new SumMachine();
        for (var counter = 1; counter <= 15; counter++)
        {
            var txn = new Txn(Z(counter), Bytes.FromUtf8(counter.ToString()));
            FlushAll(txn);
            machine.Apply(txn);
            if (counter % 3 == 0 && counter <= 12)
            {
                Storage.Snapshots.Save(machine.TakeSnapshot());
                Storage.Purge();
            }
        }
        await CorruptSnapshotAsync(SnapshotsId, Z(12).Value);
        Crash();

        var snapshot = Storage.Snapshots.LoadLatest()!;
        Assert.Equal(Z(9), snapshot.Zxid);
        var restored = new SumMachine();
        restored.Restore(snapshot);
        var disk = PeerDisk.Read(Storage.Log, Storage.Epochs, snapshot.Zxid, restored.LastApplied, committedLogSize: 500);
        foreach (var txn in disk.ToLearnerStart().UnappliedTxns)
            restored.Apply(txn);
        Assert.Equal(machine.Sum, restored.Sum);
    }

    [PluginFact]
    public async Task A_corrupt_txn_record_fails_open_naming_the_id_sequence_nr_and_location()
    {
        FlushAll(Txns(1, 5));
        await CorruptRecordAsync(TxnLogId, 3);
        var error = Assert.Throws<PeerStorageOpenException>(() => Open());
        Assert.Contains(TxnLogId, error.Message);
        Assert.Contains("sequence nr 3", error.Message);
        Assert.Contains(ExpectedLocation, error.Message);
        var corruption = FindInner<JournalCorruptedException>(error);
        Assert.Equal(TxnLogId, corruption.PersistenceId);
        Assert.Equal(3, corruption.SequenceNr);
        Assert.Equal(ExpectedLocation, corruption.Location);
    }

    [PluginFact]
    public async Task A_corrupt_epoch_record_fails_open()
    {
        Storage.Epochs.Save(1, 0);
        Storage.Epochs.Save(1, 1);
        var epochsId = JournalPeerStorage.EpochsPersistenceId(Prefix);
        await CorruptRecordAsync(epochsId, 2);
        var error = Assert.Throws<PeerStorageOpenException>(() => Open());
        Assert.Contains(epochsId, error.Message);
        Assert.Contains("sequence nr 2", error.Message);
        Assert.Contains(ExpectedLocation, error.Message);
    }

    [PluginFact]
    public async Task A_record_that_is_not_a_txn_fails_open()
    {
        FlushAll(Txns(1, 2));
        var results = await Storage.Journal.WriteMessagesAsync([new AtomicWrite(new Persistent(TxnLogId, 3, "app.event", [1, 2, 3]))]);
        Assert.Null(results[0]);
        var error = Assert.Throws<PeerStorageOpenException>(() => Open());
        Assert.Contains("sequence nr 3", error.Message);
        Assert.Contains("is not a transaction", error.Message);
    }

    protected static T FindInner<T>(Exception error) where T : Exception
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
                return found;
        }
        throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} inside {error}");
    }

    /// <summary>A replicated sum: each transaction's data is a number; a snapshot holds the sum.</summary>
    protected sealed class SumMachine : IStateMachine
    {
        public long Sum { get; private set; }

        public Zxid LastApplied { get; private set; } = Zxid.Zero;

        public void Apply(Txn txn)
        {
            Assert.True(txn.Zxid > LastApplied, $"applied {txn.Zxid} after {LastApplied}");
            Sum += long.Parse(txn.Data.ToUtf8());
            LastApplied = txn.Zxid;
        }

        public ZabSnapshot TakeSnapshot() => new(LastApplied, Bytes.FromUtf8(Sum.ToString()));

        public void Restore(ZabSnapshot snapshot)
        {
            Sum = long.Parse(snapshot.Data.ToUtf8());
            LastApplied = snapshot.Zxid;
        }
    }
}
