using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;
using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>
/// The <see cref="TxnLogActor"/>'s durable behaviour on a real store, declared once and run per store
/// (<see cref="SqliteTxnLogSpec"/>, <see cref="PostgreSqlTxnLogSpec"/>). Every check reads back through a new
/// actor, i.e. through recovery, unless it says otherwise.
/// </summary>
public abstract class TxnLogSpec(Akka.Configuration.Config storeConfig, ITestOutputHelper output) : TxnLogSpecBase(storeConfig, output)
{
    [StoreFact]
    public void Appended_txns_are_acknowledged_once_durable_and_recovered_in_order()
    {
        var log = Start();
        Assert.Equal(new LogDurable(Z(3)), Call<LogDurable>(log, Append(1, 3)));
        Assert.Equal(new LogDurable(Z(5)), Call<LogDurable>(log, Append(4, 5)));
        StopAndWait(log);

        var disk = Recover();
        Assert.Equal(Range(1, 5).AsEnumerable(), disk.Txns.AsEnumerable());
        Assert.Equal(Z(5), disk.LastLoggedZxid);
        Assert.Null(disk.Snapshot);
    }

    [StoreFact]
    public void Requests_sent_without_waiting_are_carried_out_in_order()
    {
        var log = Start();
        var probe = CreateTestProbe();
        log.Tell(Append(1, 3), probe.Ref);
        log.Tell(new TruncateLog(Z(2)), probe.Ref);
        log.Tell(Append(3, 4), probe.Ref);
        log.Tell(new SaveEpochs(1, 1), probe.Ref);
        log.Tell(Append(5, 5), probe.Ref);
        log.Tell(TxnLogProtocol.ReadDisk.Instance, probe.Ref);

        Assert.Equal(new LogDurable(Z(3)), probe.ExpectMsg<LogDurable>(StoreTimeout));
        Assert.Equal(new TxnLogProtocol.Truncated(Z(2)), probe.ExpectMsg<TxnLogProtocol.Truncated>(StoreTimeout));
        Assert.Equal(new LogDurable(Z(4)), probe.ExpectMsg<LogDurable>(StoreTimeout));
        Assert.Equal(new EpochsDurable(1, 1), probe.ExpectMsg<EpochsDurable>(StoreTimeout));
        Assert.Equal(new LogDurable(Z(5)), probe.ExpectMsg<LogDurable>(StoreTimeout));
        Assert.Equal([Z(1), Z(2), Z(3), Z(4), Z(5)], Zxids(probe.ExpectMsg<TxnLogProtocol.DiskRead>(StoreTimeout)));
        StopAndWait(log);
        Assert.Equal([Z(1), Z(2), Z(3), Z(4), Z(5)], Zxids(Recover()));
    }

    [StoreFact]
    public void An_append_out_of_order_fails_and_writes_nothing()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 3));
        var failed = Call<StorageFailed>(log, Append(3, 4));
        Assert.Contains("out of order", failed.Reason);
        StopAndWait(log);

        Assert.Equal(Z(3), Recover().LastLoggedZxid);
    }

    [StoreFact]
    public void Epochs_are_durable_and_a_null_keeps_the_stored_value()
    {
        var log = Start();
        Assert.Equal(new EpochsDurable(4, null), Call<EpochsDurable>(log, new SaveEpochs(4, null)));
        Assert.Equal(new EpochsDurable(null, 3), Call<EpochsDurable>(log, new SaveEpochs(null, 3)));
        StopAndWait(log);

        var disk = Recover();
        Assert.Equal((4L, 3L), (disk.AcceptedEpoch, disk.CurrentEpoch));
    }

    [StoreFact]
    public void A_truncation_marker_drops_the_txns_logged_above_it_before_it()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 5));
        Assert.Equal(new TxnLogProtocol.Truncated(Z(3)), Call<TxnLogProtocol.Truncated>(log, new TruncateLog(Z(3))));
        Assert.Equal(Z(3), Read(log).LastLoggedZxid);
        Call<LogDurable>(log, Append(1, 2, epoch: 2));
        StopAndWait(log);

        var disk = Recover();
        Assert.Equal([Z(1), Z(2), Z(3), Z(1, 2), Z(2, 2)], Zxids(disk));
    }

    [StoreFact]
    public void A_snapshot_install_replaces_the_log_and_deletes_the_peers_newer_snapshots()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 10));
        var own = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(8)));
        Call<LogDurable>(log, Append(11, 12));

        Assert.Equal(new SnapshotDurable(Z(5)), Call<SnapshotDurable>(log, new InstallSnapshot(Snap(5))));
        var installed = Read(log);
        Assert.Equal((Z(5), Z(5)), (installed.SnapshotZxid, installed.LastLoggedZxid));
        Assert.Empty(installed.Txns);
        Call<LogDurable>(log, Append(1, 1, epoch: 2));
        StopAndWait(log);

        var disk = Recover();
        Assert.Equal(Snap(5), disk.Snapshot);
        Assert.Equal([Z(1, 2)], Zxids(disk));
        Assert.Null(LoadSnapshot(PersistenceId(), own.SequenceNr));
    }

    [StoreFact]
    public void Retention_keeps_the_newest_snapshots_and_purges_the_journal_below_the_oldest_kept()
    {
        var log = Start();
        Call<EpochsDurable>(log, new SaveEpochs(2, 1));
        Call<LogDurable>(log, Append(1, 3));
        var first = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)));
        Call<LogDurable>(log, Append(4, 6));
        var second = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(5)));
        Assert.Equal(0, second.PurgedToSequenceNr);
        Call<LogDurable>(log, Append(7, 9));
        var third = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(8)));
        StopAndWait(log);

        Assert.Equal(second.SequenceNr, third.PurgedToSequenceNr);
        Assert.Null(LoadSnapshot(PersistenceId(), first.SequenceNr));
        Assert.NotNull(LoadSnapshot(PersistenceId(), second.SequenceNr));
        Assert.All(JournalSequenceNrs(PersistenceId()), sequenceNr => Assert.True(sequenceNr > second.SequenceNr));
        var disk = Recover();
        Assert.Equal(Snap(8), disk.Snapshot);
        Assert.Equal([Z(9)], Zxids(disk));
        Assert.Equal((2L, 1L), (disk.AcceptedEpoch, disk.CurrentEpoch)); // their event was purged; the snapshot carries them
    }

    [StoreFact]
    public void After_a_purge_of_the_whole_journal_a_restarted_log_goes_on_with_new_sequence_nrs()
    {
        Settings = Settings with { SnapshotRetainCount = 1 };
        var log = Start();
        Call<LogDurable>(log, Append(1, 3));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)));
        Call<LogDurable>(log, Append(4, 4));
        var purged = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(4)));
        Assert.Equal(purged.SequenceNr, purged.PurgedToSequenceNr);
        StopAndWait(log);

        var restarted = Start();
        Assert.Equal(new LogDurable(Z(6)), Call<LogDurable>(restarted, Append(5, 6)));
        StopAndWait(restarted);
        var disk = Recover();
        Assert.Equal((Snap(4), Z(6)), (disk.Snapshot, disk.LastLoggedZxid));
        Assert.Equal([Z(5), Z(6)], Zxids(disk));
    }

    [StoreFact]
    public void A_snapshot_installed_on_an_empty_log_is_recovered_with_the_txns_after_it()
    {
        var log = Start();
        Assert.Equal(new SnapshotDurable(Z(4, 3)), Call<SnapshotDurable>(log, new InstallSnapshot(Snap(4, epoch: 3))));
        Call<EpochsDurable>(log, new SaveEpochs(3, 3));
        Call<LogDurable>(log, Append(5, 6, epoch: 3));
        StopAndWait(log);

        var disk = Recover();
        Assert.Equal(Snap(4, epoch: 3), disk.Snapshot);
        Assert.Equal([Z(5, 3), Z(6, 3)], Zxids(disk));
        Assert.Equal((3L, 3L), (disk.AcceptedEpoch, disk.CurrentEpoch));
    }

    [StoreFact]
    public void A_truncation_after_the_logs_end_writes_nothing_and_an_append_must_follow_the_log()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 2));
        Assert.Equal(new TxnLogProtocol.Truncated(Z(7)), Call<TxnLogProtocol.Truncated>(log, new TruncateLog(Z(7))));
        Assert.Contains("out of order", Call<StorageFailed>(log, Append(2, 3)).Reason);
        Call<LogDurable>(log, Append(3, 3));
        StopAndWait(log);

        Assert.Equal([Z(1), Z(2), Z(3)], Zxids(Recover()));
    }

    [StoreFact]
    public void A_truncation_below_the_newest_snapshot_deletes_it_and_reloads_from_the_older_one()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 6));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(3)));
        Call<LogDurable>(log, Append(7, 10));
        var newer = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(9)));

        Assert.Equal(new TxnLogProtocol.Truncated(Z(5)), Call<TxnLogProtocol.Truncated>(log, new TruncateLog(Z(5))));
        var reloaded = Read(log);
        Assert.Equal(Snap(3), reloaded.Snapshot);
        Assert.Equal([Z(4), Z(5)], Zxids(reloaded));
        StopAndWait(log);

        Assert.NotEqual(newer.SequenceNr, LoadSnapshot(PersistenceId(), long.MaxValue)?.Metadata.SequenceNr);
        Assert.Equal([Z(4), Z(5)], Zxids(Recover()));
    }

    [StoreFact]
    public void A_truncation_below_what_retention_purged_is_refused_even_after_a_reload()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 4));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)));
        Call<LogDurable>(log, Append(5, 6));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(4)));
        Call<LogDurable>(log, Append(7, 8));
        var purging = Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(6)));
        Assert.True(purging.PurgedToSequenceNr > 0);

        Call<TxnLogProtocol.Truncated>(log, new TruncateLog(Z(5))); // reloads from the snapshot at 4
        var refused = Call<StorageFailed>(log, new TruncateLog(Z(3)));
        Assert.Contains("purged", refused.Reason);
        var disk = Read(log);
        Assert.Equal((Z(4), Z(5)), (disk.SnapshotZxid, disk.LastLoggedZxid));
        StopAndWait(log);
        Assert.Equal([Z(5)], Zxids(Recover()));
    }

    [StoreFact]
    public void The_disk_read_builds_the_cores_peer_disk()
    {
        var log = Start();
        Call<EpochsDurable>(log, new SaveEpochs(2, 1));
        Call<LogDurable>(log, Append(1, 6));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)));
        var peer = Read(log).ToPeerDisk(lastAppliedZxid: Z(4), committedLogSize: 3);
        StopAndWait(log);

        Assert.Equal((2L, 1L, Z(6), Z(4)), (peer.AcceptedEpoch, peer.CurrentEpoch, peer.LastLoggedZxid, peer.LastAppliedZxid));
        var above = Call<TxnLogProtocol.TxnsRead>(Start(), new TxnLogProtocol.ReadTxns(Z(4)));
        Assert.Equal([Z(5), Z(6)], above.Txns.Select(txn => txn.Zxid));
        Assert.True(above.Complete);
        Assert.False(Call<TxnLogProtocol.TxnsRead>(Start(), new TxnLogProtocol.ReadTxns(Z(1))).Complete);
        Assert.Equal([Z(4), Z(5), Z(6)], peer.RecentTxns.Select(txn => txn.Zxid));
    }
}
