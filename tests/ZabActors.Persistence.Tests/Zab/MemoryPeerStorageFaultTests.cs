using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;
using ZabSnapshot = ZabActors.Zab.Snapshot;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>
/// The peer storage under the memory plugins' fault hooks: failed and hung writes, crashes that
/// keep or lose an unacknowledged flush, failed snapshot saves.
/// </summary>
public sealed class MemoryPeerStorageFaultTests
{
    private const string Prefix = "peer-7";

    private readonly MemoryJournalStorage journalStorage = new();
    private readonly MemorySnapshotStorage snapshotStorage = new();

    private MemoryJournal journal = null!;
    private MemorySnapshotStore snapshots = null!;

    private JournalPeerStorage Open(TimeSpan? timeout = null)
    {
        journal = new MemoryJournal(journalStorage);
        snapshots = new MemorySnapshotStore(snapshotStorage);
        var settings = PeerStorageSettings.Default with { OperationTimeout = timeout ?? TimeSpan.FromSeconds(10) };
        return JournalPeerStorage.Open(journal, snapshots, Prefix, settings);
    }

    private static Txn T(long counter) => new(Zxid.Make(1, counter), Bytes.FromUtf8($"t{counter}"));

    private static void AppendAll(JournalPeerStorage storage, long from, long to)
    {
        for (var counter = from; counter <= to; counter++)
            storage.Log.Append(T(counter));
    }

    [Fact]
    public void A_failed_flush_makes_the_log_refuse_work_until_reopened()
    {
        var storage = Open();
        AppendAll(storage, 1, 2);
        storage.Log.Flush();
        AppendAll(storage, 3, 4);
        journal.FailNextWrite(new IOException("disk gone"));
        var error = Assert.Throws<PeerStorageException>(() => storage.Log.Flush());
        Assert.Contains("disk gone", error.Message);
        Assert.Contains(JournalPeerStorage.TxnLogPersistenceId(Prefix), error.Message);
        var refused = Assert.Throws<PeerStorageException>(() => storage.Log.Append(T(5)));
        Assert.Contains("failed earlier", refused.Message);
        Assert.Throws<PeerStorageException>(() => storage.Log.ReadAfter(Zxid.Zero));

        var reopened = Open();
        Assert.Equal([T(1), T(2)], reopened.Log.ReadAfter(Zxid.Zero));
    }

    [Fact]
    public void A_flush_the_journal_never_completes_times_out_and_a_crash_loses_it()
    {
        var storage = Open(TimeSpan.FromMilliseconds(1));
        journal.HoldWrites = true;
        AppendAll(storage, 1, 3);
        var error = Assert.Throws<PeerStorageException>(() => storage.Log.Flush());
        Assert.IsType<TimeoutException>(error.InnerException);
        journal.SimulateCrash(survivingUnflushedOperations: 0);

        Assert.Empty(Open().Log.ReadAfter(Zxid.Zero));
    }

    [Fact]
    public void An_unacknowledged_flush_that_reached_the_disk_is_there_whole_after_the_crash()
    {
        var storage = Open(TimeSpan.FromMilliseconds(1));
        journal.HoldWrites = true;
        AppendAll(storage, 1, 3);
        Assert.Throws<PeerStorageException>(() => storage.Log.Flush());
        journal.SimulateCrash(survivingUnflushedOperations: 1);

        var reopened = Open();
        Assert.Equal([T(1), T(2), T(3)], reopened.Log.ReadAfter(Zxid.Zero));
        Assert.Equal(Zxid.Make(1, 3), reopened.Log.LastZxid);
    }

    [Fact]
    public void A_failed_epoch_save_keeps_the_old_epochs_and_refuses_later_saves()
    {
        var storage = Open();
        storage.Epochs.Save(1, 1);
        journal.FailNextWrite();
        Assert.Throws<PeerStorageException>(() => storage.Epochs.Save(2, null));
        Assert.Equal(1, storage.Epochs.AcceptedEpoch);
        Assert.Throws<PeerStorageException>(() => storage.Epochs.Save(3, null));
        Assert.Equal((1L, 1L), (Open().Epochs.AcceptedEpoch, Open().Epochs.CurrentEpoch));
    }

    [Fact]
    public void A_failed_snapshot_save_is_reported_and_the_store_stays_usable()
    {
        var storage = Open();
        snapshots.FailNextSave(new IOException("no space"));
        var error = Assert.Throws<PeerStorageException>(() => storage.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, 4), Bytes.FromUtf8("s"))));
        Assert.Contains("no space", error.Message);
        Assert.Empty(storage.Snapshots.KnownZxids);
        storage.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, 5), Bytes.FromUtf8("s5")));
        Assert.Equal(Zxid.Make(1, 5), Open().Snapshots.LoadLatest()!.Zxid);
    }

    [Fact]
    public void A_crashed_journal_fails_open_with_the_cause()
    {
        Open();
        journal.SimulateCrash();
        var error = Assert.Throws<PeerStorageOpenException>(() =>
            JournalPeerStorage.Open(journal, snapshots, Prefix));
        Assert.Contains($"Cannot open the storage of peer '{Prefix}'", error.Message);
        Assert.Contains("crashed", error.Message);
    }

    [Fact]
    public void Purge_waits_until_it_knows_enough_snapshots()
    {
        var storage = Open();
        AppendAll(storage, 1, 10);
        storage.Log.Flush();
        storage.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, 4), Bytes.Empty));
        storage.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, 8), Bytes.Empty));
        storage.Purge();
        Assert.Equal(10, storage.Log.DurableCount);
        storage.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, 9), Bytes.Empty));
        storage.Purge();
        Assert.Equal(Zxid.Make(1, 4), storage.Log.FirstDurableZxid);
        Assert.Equal(3, snapshotStorage.SnapshotCount);
        storage.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, 10), Bytes.Empty));
        storage.Purge();
        Assert.Equal(Zxid.Make(1, 8), storage.Log.FirstDurableZxid);
        Assert.Equal(3, snapshotStorage.SnapshotCount);
        Assert.Equal([Zxid.Make(1, 10), Zxid.Make(1, 9), Zxid.Make(1, 8)], storage.Snapshots.KnownZxids);
    }
}
