using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;
using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>
/// Journal and snapshot-store failures injected with Akka.Persistence.TestKit's test plugins: each becomes a
/// <see cref="StorageFailed"/> reply and a listener event naming store, persistence id and sequence nr, and
/// the durable state afterwards holds no part of the failed operation.
/// </summary>
public sealed class StoreFailureSpec : TxnLogSpecBase
{
    private static readonly Config TestPlugins = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.test"
        akka.persistence.snapshot-store.test {
          class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """).WithFallback(ZabJournalConfig.Reference);

    public StoreFailureSpec(ITestOutputHelper output) : base(TestPlugins, output)
    {
        var persistence = Persistence.Instance.Apply(Sys);
        Journal = TestJournal.FromRef(persistence.JournalFor(null));
        Snapshots = TestSnapshotStore.FromRef(persistence.SnapshotStoreFor(null));
    }

    private ITestJournal Journal { get; }

    private ITestSnapshotStore Snapshots { get; }

    [Fact]
    public async Task A_failed_journal_write_is_reported_with_its_sequence_nr_and_nothing_of_it_is_kept()
    {
        var listener = CreateTestProbe();
        var log = Start(listener: listener.Ref);
        Call<LogDurable>(log, Append(1, 2));
        Watch(log);
        await Journal.OnWrite.Fail();

        var failed = Call<StorageFailed>(log, Append(3, 5));
        Output?.WriteLine(failed.Reason);
        Assert.StartsWith($"akka.persistence.journal.test: persistence id {PersistenceId()}, sequence nr 3: append of 3 txn(s) up to {Z(5)} failed", failed.Reason);
        Assert.Equal(failed.Reason, listener.ExpectMsg<TxnLogProtocol.WriteFailed>().Reason);
        ExpectTerminated(log, StoreTimeout);

        await Journal.OnWrite.Pass();
        var disk = Recover();
        Assert.Equal([Z(1), Z(2)], Zxids(disk));
    }

    [Fact]
    public async Task A_rejected_write_is_reported_and_the_log_goes_on()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 2));
        await Journal.OnWrite.Reject();

        var failed = Call<StorageFailed>(log, new SaveEpochs(7, null));
        Assert.StartsWith($"akka.persistence.journal.test: persistence id {PersistenceId()}, sequence nr 3: epochs 7/0 rejected", failed.Reason);
        Assert.Equal(0, Read(log).AcceptedEpoch);

        await Journal.OnWrite.Pass();
        Assert.Equal(new LogDurable(Z(3)), Call<LogDurable>(log, Append(3, 3)));
        StopAndWait(log);
        Assert.Equal((0L, Z(3)), (Recover().AcceptedEpoch, Recover().LastLoggedZxid));
    }

    [Fact]
    public async Task A_failed_recovery_is_reported_to_the_listener_and_the_event_stream()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 2));
        StopAndWait(log);
        await Journal.OnRecovery.Fail();
        var stream = CreateTestProbe();
        Sys.EventStream.Subscribe(stream.Ref, typeof(TxnLogProtocol.RecoveryFailed));

        var listener = CreateTestProbe();
        Start(listener: listener.Ref);
        var failed = listener.ExpectMsg<TxnLogProtocol.RecoveryFailed>(StoreTimeout);
        Assert.StartsWith($"akka.persistence.journal.test: persistence id {PersistenceId()}, after sequence nr 0: recovery failed", failed.Reason);
        Assert.Equal(failed, stream.ExpectMsg<TxnLogProtocol.RecoveryFailed>());
    }

    [Fact]
    public async Task A_failed_snapshot_save_is_reported_and_leaves_the_log_as_it_was()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 4));
        await Snapshots.OnSave.Fail();

        var failed = Call<StorageFailed>(log, new TxnLogProtocol.SaveSnapshot(Snap(3)));
        Assert.StartsWith($"akka.persistence.snapshot-store.test: persistence id {PersistenceId()}, sequence nr 4: saving snapshot {Z(3)} failed", failed.Reason);
        var install = Call<StorageFailed>(log, new InstallSnapshot(Snap(9)));
        Assert.Contains($"installing snapshot {Z(9)} failed", install.Reason);
        var disk = Read(log);
        Assert.Null(disk.Snapshot);
        Assert.Equal([Z(1), Z(2), Z(3), Z(4)], Zxids(disk));

        await Snapshots.OnSave.Pass();
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(3)));
        StopAndWait(log);
        Assert.Equal((Z(3), Z(4)), (Recover().SnapshotZxid, Recover().LastLoggedZxid));
    }

    [Fact]
    public async Task A_failed_retention_purge_is_reported_after_the_snapshot_is_durable()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 3));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(1)));
        Call<LogDurable>(log, Append(4, 4));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)));
        Call<LogDurable>(log, Append(5, 5));
        await Snapshots.OnDelete.Fail();

        var failed = Call<StorageFailed>(log, new TxnLogProtocol.SaveSnapshot(Snap(3)));
        Output?.WriteLine(failed.Reason);
        Assert.Contains($"persistence id {PersistenceId()}", failed.Reason);
        Assert.Contains("purging before snapshot", failed.Reason);
        Assert.Equal(Z(3), Read(log).SnapshotZxid);
        await Snapshots.OnDelete.Pass();
        StopAndWait(log);
        Assert.Equal(Snap(3), Recover().Snapshot);
    }

    [Fact]
    public async Task A_snap_install_saves_the_snapshot_then_writes_the_marker_then_deletes_the_newer_snapshots()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 6));
        var own = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(6)));
        Call<LogDurable>(log, Append(7, 7));

        // 1. The snapshot store refuses: no marker reaches the journal, the log is untouched.
        await Snapshots.OnSave.Fail();
        Assert.Contains("installing snapshot", Call<StorageFailed>(log, new InstallSnapshot(Snap(3))).Reason);
        Assert.Equal(7, JournalSequenceNrs(PersistenceId()).Max());
        await Snapshots.OnSave.Pass();

        // 2. The snapshot is saved and the marker written before the newer snapshot is deleted.
        await Snapshots.OnDelete.Fail();
        var failed = Call<StorageFailed>(log, new InstallSnapshot(Snap(3)));
        Assert.Contains($"sequence nr {own.SequenceNr}: deleting 1 snapshot(s) above {Z(3)} failed", failed.Reason);
        Assert.Equal(8, JournalSequenceNrs(PersistenceId()).Max());
        await Snapshots.OnDelete.Pass();

        // 3. The journal refuses the marker: the saved snapshot alone already holds the installed state.
        await Journal.OnWrite.Fail();
        Watch(log);
        var marker = Call<StorageFailed>(log, new InstallSnapshot(Snap(2)));
        Assert.Contains("sequence nr 9: marking the install of snapshot", marker.Reason);
        ExpectTerminated(log, StoreTimeout);
        await Journal.OnWrite.Pass();
        var disk = Recover();
        Assert.Equal((Snap(2), Z(2)), (disk.Snapshot, disk.LastLoggedZxid));
        Assert.Empty(disk.Txns);
    }
}
