using ZabActors.Actors;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

public sealed class TxnLogActorSpec() : TestKit(TestKitOptions.VirtualTime(seed: 2))
{
    private readonly InMemoryPeerStorage storage = new();
    private readonly PeerProgress progress = new();

    [Fact]
    public void Appends_queued_together_are_flushed_once_and_confirmed_once_per_requester()
    {
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var leader = CreateTestProbe("proposals");
        var other = CreateTestProbe("other");
        for (var i = 1; i <= 100; i++)
        {
            log.Tell(new StorageRequest(new AppendTxns([T(1, i)])), (i % 2 == 0 ? leader : other).Ref);
        }
        Assert.Equal(new LogDurable(X(1, 100)), leader.ExpectMsg<LogDurable>());
        Assert.Equal(new LogDurable(X(1, 99)), other.ExpectMsg<LogDurable>());
        leader.ExpectNoMsg(TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, storage.Log.FlushCount);
        Assert.Equal(100, storage.Log.DurableTxns().Count);
        Assert.Equal(X(1, 100), progress.LastLoggedZxid);
    }

    [Fact]
    public void Operations_are_carried_out_in_order_and_earlier_appends_are_durable_before_them()
    {
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var learner = CreateTestProbe("learner");
        log.Tell(new StorageRequest(new AppendTxns([T(1, 1), T(1, 2), T(1, 3)])), learner.Ref);
        log.Tell(new StorageRequest(new SaveEpochs(2, null)), learner.Ref);
        log.Tell(new StorageRequest(new TruncateLog(X(1, 1))), learner.Ref);
        log.Tell(new StorageRequest(new SaveEpochs(null, 2)), learner.Ref);
        Assert.Equal(new LogDurable(X(1, 3)), learner.ExpectMsg<LogDurable>());
        Assert.Equal(new EpochsDurable(2, null), learner.ExpectMsg<EpochsDurable>());
        Assert.Equal(new EpochsDurable(null, 2), learner.ExpectMsg<EpochsDurable>());
        Assert.Equal([T(1, 1)], storage.Log.DurableTxns());
        Assert.Equal((2L, 2L), (storage.Epochs.AcceptedEpoch, storage.Epochs.CurrentEpoch));
    }

    [Fact]
    public void Installing_a_snapshot_saves_it_drops_the_log_above_it_and_purges_what_lies_below()
    {
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var learner = CreateTestProbe("learner");
        log.Tell(new StorageRequest(new AppendTxns([T(1, 1), T(1, 2), T(1, 3)])), learner.Ref);
        var snapshot = new Snapshot(X(1, 2), Bytes.FromUtf8("state"));
        log.Tell(new StorageRequest(new InstallSnapshot(snapshot)), learner.Ref);
        learner.ExpectMsg<LogDurable>();
        Assert.Equal(new SnapshotInstalled(snapshot), learner.ExpectMsg<SnapshotInstalled>());
        Assert.Equal(snapshot, storage.Snapshots.LoadLatest());
        // Below the snapshot the log may hold a history the leader's does not: it goes too.
        Assert.Equal([T(1, 2)], storage.Log.DurableTxns());
    }

    [Fact]
    public void Installing_a_snapshot_below_an_own_snapshot_deletes_the_newer_one_so_the_disk_reads_back()
    {
        // Seed 31495 (journal storage): a former leader snapshotted at 1:3, then its new leader SNAPped it
        // to 1:2; the kept 1:3 snapshot made the next disk read find the state machine behind its snapshot.
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var learner = CreateTestProbe("learner");
        log.Tell(new StorageRequest(new AppendTxns([T(1, 1), T(1, 2), T(1, 3)])), learner.Ref);
        log.Tell(new SaveSnapshot(new Snapshot(X(1, 3), Bytes.FromUtf8("own"))));
        var snapshot = new Snapshot(X(1, 2), Bytes.FromUtf8("leader's"));
        log.Tell(new StorageRequest(new InstallSnapshot(snapshot)), learner.Ref);
        learner.ExpectMsg<LogDurable>();
        Assert.Equal(new SnapshotInstalled(snapshot), learner.ExpectMsg<SnapshotInstalled>());
        Assert.Equal([X(1, 2)], storage.Snapshots.Zxids());

        log.Tell(new ReadDisk(false, X(1, 2)), learner.Ref);
        var read = learner.ExpectMsg<DiskRead>();
        Assert.Equal(snapshot, read.Snapshot);
        Assert.Equal((X(1, 2), X(1, 2)), (read.Disk.LastLoggedZxid, read.Disk.LastAppliedZxid));
    }

    [Fact]
    public void Truncating_the_log_deletes_the_snapshots_above_the_truncation_point()
    {
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var learner = CreateTestProbe("learner");
        log.Tell(new StorageRequest(new AppendTxns([T(1, 1), T(1, 2), T(1, 3)])), learner.Ref);
        log.Tell(new SaveSnapshot(new Snapshot(X(1, 1), Bytes.FromUtf8("s1"))));
        log.Tell(new SaveSnapshot(new Snapshot(X(1, 3), Bytes.FromUtf8("s3"))));
        log.Tell(new StorageRequest(new TruncateLog(X(1, 2))), learner.Ref);
        log.Tell(new StorageRequest(new SaveEpochs(2, null)), learner.Ref);
        learner.ExpectMsg<LogDurable>();
        learner.ExpectMsg<EpochsDurable>();
        Assert.Equal([X(1, 1)], storage.Snapshots.Zxids());
        Assert.Equal([T(1, 1), T(1, 2)], storage.Log.DurableTxns());
    }

    [Fact]
    public void A_failing_append_is_reported_and_the_actor_carries_on()
    {
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var requester = CreateTestProbe("requester");
        log.Tell(new StorageRequest(new AppendTxns([T(1, 2)])), requester.Ref);
        log.Tell(new StorageRequest(new AppendTxns([T(1, 1)])), requester.Ref);
        Assert.Contains("out of order", requester.ExpectMsg<StorageFailed>().Reason);
        Assert.Equal(new LogDurable(X(1, 2)), requester.ExpectMsg<LogDurable>());
        log.Tell(new StorageRequest(new SaveEpochs(1, 1)), requester.Ref);
        requester.ExpectMsg<EpochsDurable>();
    }

    [Fact]
    public void Reading_the_disk_reports_epochs_log_and_latest_snapshot()
    {
        storage.Log.Append(T(1, 1));
        storage.Log.Append(T(1, 2));
        storage.Log.Append(T(1, 3));
        storage.Log.Flush();
        storage.Epochs.Save(2, 1);
        var snapshot = new Snapshot(X(1, 1), Bytes.FromUtf8("s"));
        storage.Snapshots.Save(snapshot);
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500));
        var root = CreateTestProbe("root");
        log.Tell(new ReadDisk(true, Zxid.Zero), root.Ref);
        var read = root.ExpectMsg<DiskRead>();
        Assert.Equal(snapshot, read.Snapshot);
        Assert.Equal((2L, 1L, X(1, 3), X(1, 1)), (read.Disk.AcceptedEpoch, read.Disk.CurrentEpoch, read.Disk.LastLoggedZxid, read.Disk.LastAppliedZxid));
        Assert.Equal([T(1, 2), T(1, 3)], read.Disk.RecentTxns.ToArray());

        log.Tell(new ReadDisk(false, Zxid.Zero), root.Ref);
        Assert.Contains("behind its own snapshot", root.ExpectMsg<DiskReadFailed>().Reason);
    }

    [Fact]
    public void A_crash_loses_exactly_what_was_not_flushed()
    {
        storage.Log.Append(T(1, 1));
        storage.Log.Flush();
        storage.Log.Append(T(1, 2));
        storage.Epochs.Save(1, 1);
        Assert.Equal(X(1, 2), storage.Log.LastZxid);
        storage.Crash();
        Assert.Equal(X(1, 1), storage.Log.LastZxid);
        Assert.Equal((1L, 1L), (storage.Epochs.AcceptedEpoch, storage.Epochs.CurrentEpoch));
    }

    [Fact]
    public void Saving_snapshots_keeps_the_newest_three_and_purges_the_log_before_the_oldest_kept()
    {
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500, snapshotRetainCount: 3));
        var applier = CreateTestProbe("applier");
        log.Tell(new StorageRequest(new AppendTxns([.. Enumerable.Range(1, 50).Select(c => T(1, c))])), applier.Ref);
        applier.ExpectMsg<LogDurable>();
        foreach (var counter in new[] { 10, 20, 30 })
        {
            log.Tell(new SaveSnapshot(new Snapshot(X(1, counter), Bytes.FromUtf8($"s{counter}"))));
        }
        Runtime.RunUntilIdle();
        Assert.Equal([X(1, 10), X(1, 20), X(1, 30)], storage.Snapshots.Zxids());
        Assert.Equal(X(1, 10), storage.Log.DurableTxns()[0].Zxid);

        log.Tell(new SaveSnapshot(new Snapshot(X(1, 40), Bytes.FromUtf8("s40"))));
        Runtime.RunUntilIdle();
        Assert.Equal([X(1, 20), X(1, 30), X(1, 40)], storage.Snapshots.Zxids());
        // Every transaction from the oldest kept snapshot on stays, so any kept snapshot can be replayed.
        Assert.Equal([.. Enumerable.Range(20, 31).Select(c => T(1, c))], storage.Log.DurableTxns());
        Assert.Equal(X(1, 40), storage.Snapshots.LoadLatest()!.Zxid);
    }

    [Fact]
    public void The_snapshot_loaded_at_startup_counts_towards_the_kept_ones()
    {
        foreach (var counter in Enumerable.Range(1, 30))
        {
            storage.Log.Append(T(1, counter));
        }
        storage.Log.Flush();
        storage.Snapshots.Save(new Snapshot(X(1, 5), Bytes.FromUtf8("s5")));
        storage.Snapshots.Save(new Snapshot(X(1, 10), Bytes.FromUtf8("s10")));
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500, snapshotRetainCount: 3));
        var root = CreateTestProbe("root");
        log.Tell(new ReadDisk(true, Zxid.Zero), root.Ref);
        root.ExpectMsg<DiskRead>();
        log.Tell(new SaveSnapshot(new Snapshot(X(1, 20), Bytes.FromUtf8("s20"))));
        log.Tell(new SaveSnapshot(new Snapshot(X(1, 25), Bytes.FromUtf8("s25"))));
        Runtime.RunUntilIdle();
        // Known: 10 (loaded), 20, 25: snapshot 5, which this incarnation never saw, goes with the log before 10.
        Assert.Equal([X(1, 10), X(1, 20), X(1, 25)], storage.Snapshots.Zxids());
        Assert.Equal(X(1, 10), storage.Log.DurableTxns()[0].Zxid);
    }

    [Fact]
    public void Storage_without_purge_hooks_keeps_every_snapshot_and_transaction()
    {
        var plain = new PlainStorage(storage);
        var log = Sys.ActorOf(TxnLogActor.Props(plain, progress, 500, snapshotRetainCount: 3));
        var applier = CreateTestProbe("applier");
        log.Tell(new StorageRequest(new AppendTxns([.. Enumerable.Range(1, 20).Select(c => T(1, c))])), applier.Ref);
        applier.ExpectMsg<LogDurable>();
        foreach (var counter in new[] { 4, 8, 12, 16 })
        {
            log.Tell(new SaveSnapshot(new Snapshot(X(1, counter), Bytes.FromUtf8($"s{counter}"))));
        }
        Runtime.RunUntilIdle();
        Assert.Equal(4, storage.Snapshots.Zxids().Count);
        Assert.Equal(20, storage.Log.DurableTxns().Count);
    }

    [Fact]
    public void Under_the_deterministic_runtime_the_txn_log_runs_on_the_runtime_thread_whatever_its_dispatcher()
    {
        using var blocking = new BlockingFlushStorage();
        var settings = Settings(1, voters: 1);
        Assert.Equal(Dispatchers.PinnedDispatcherId, settings.TxnLogDispatcher);
        var peer = Sys.ActorOf(QuorumPeerActor.Props(settings, blocking, new InProcessQuorumNetwork(), () => new ListStateMachine()));
        Runtime.Advance(TimeSpan.FromSeconds(1));
        var client = CreateTestProbe("client");
        client.Send(peer, new ClientWrite(1, [1, 2, 3]));
        client.ExpectMsg<WriteCommitted>();
        Assert.Equal(Environment.CurrentManagedThreadId, blocking.LastFlushThreadId);
    }

    [Fact]
    public void Snapshot_intervals_lie_between_half_and_all_of_snap_count_differ_per_peer_and_replay()
    {
        static int[] Draw(long sid, int snapCount)
        {
            var interval = new SnapshotInterval(snapCount, sid);
            return [.. Enumerable.Range(0, 200).Select(_ => interval.Next())];
        }
        var peer1 = Draw(1, 100);
        Assert.All(peer1, n => Assert.InRange(n, 51, 100));
        Assert.True(peer1.Distinct().Count() > 20, "the interval is not randomized");
        Assert.Equal(peer1, Draw(1, 100));
        Assert.NotEqual(peer1, Draw(2, 100));
        Assert.All(Draw(3, 1), n => Assert.Equal(1, n));
        Assert.All(Draw(3, 2), n => Assert.Equal(2, n));
        Assert.All(Draw(3, 3), n => Assert.InRange(n, 2, 3));
    }

    /// <summary>The memory storage without its purge hooks, as a storage that cannot purge.</summary>
    private sealed class PlainStorage(InMemoryPeerStorage inner) : IPeerStorage
    {
        public ITxnLog Log { get; } = new PlainLog(inner.Log);

        public IEpochStore Epochs => inner.Epochs;

        public ISnapshotStore Snapshots { get; } = new PlainSnapshots(inner.Snapshots);

        private sealed class PlainLog(InMemoryTxnLog log) : ITxnLog
        {
            public Zxid LastZxid => log.LastZxid;

            public void Append(Txn txn) => log.Append(txn);

            public void Flush() => log.Flush();

            public void TruncateAfter(Zxid zxid) => log.TruncateAfter(zxid);

            public IEnumerable<Txn> ReadAfter(Zxid zxid) => log.ReadAfter(zxid);
        }

        private sealed class PlainSnapshots(InMemorySnapshotStore snapshots) : ISnapshotStore
        {
            public void Save(Snapshot snapshot) => snapshots.Save(snapshot);

            public Snapshot? LoadLatest() => snapshots.LoadLatest();
        }
    }
}
