using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>The pure fold recovery and the actor share: one rule per test, no actor system.</summary>
public sealed class TxnLogStateSpec
{
    private static TxnLogState Logged(long from, long to) =>
        Range(from, to).Aggregate(TxnLogState.Empty, (state, txn) => state.Apply(new TxnLogged(txn)));

    [Fact]
    public void A_txn_that_does_not_follow_the_log_fails_the_fold()
    {
        Assert.Throws<InvalidDataException>(() => Logged(1, 3).Apply(new TxnLogged(Txn(3))));
    }

    [Fact]
    public void A_truncation_marker_keeps_its_zxid_and_drops_the_rest()
    {
        var state = Logged(1, 5).Apply(new LogTruncated(Z(2)));
        Assert.Equal([Z(1), Z(2)], state.Txns.Select(txn => txn.Zxid));
        Assert.Equal(Z(2), state.LastZxid);
    }

    [Fact]
    public void A_truncation_marker_carries_the_purge_watermark_past_an_older_snapshot()
    {
        var older = Logged(1, 6).WithSnapshot(Snap(2), 2).WithSnapshot(Snap(4), 4);
        var state = older.Apply(new LogTruncated(Z(5), PurgedToSequenceNr: 4));
        Assert.Equal(4, state.PurgedToSequenceNr);
        Assert.Equal([new SnapshotEntry(4, Z(4))], state.Snapshots.AsEnumerable());
        Assert.Contains("purged", state.RewindTarget(Z(3)).Refusal);
    }

    [Fact]
    public void A_truncation_marker_below_the_snapshot_fails_the_fold()
    {
        var state = Logged(1, 5).WithSnapshot(Snap(4), sequenceNr: 5);
        Assert.Throws<InvalidDataException>(() => state.Apply(new LogTruncated(Z(3))));
    }

    [Fact]
    public void A_periodic_snapshot_keeps_only_the_txns_above_it_and_replaces_one_at_the_same_sequence_nr()
    {
        var state = Logged(1, 5).WithSnapshot(Snap(2), 5).WithSnapshot(Snap(3), 5);
        Assert.Equal([Z(4), Z(5)], state.Txns.Select(txn => txn.Zxid));
        Assert.Equal([new SnapshotEntry(5, Z(3))], state.Snapshots.AsEnumerable());
    }

    [Fact]
    public void An_install_forgets_the_log_and_the_snapshots_above_it()
    {
        var state = Logged(1, 9).WithSnapshot(Snap(2), 4).WithSnapshot(Snap(8), 9).WithInstalled(Snap(5), 12);
        Assert.Empty(state.Txns);
        Assert.Equal([new SnapshotEntry(4, Z(2)), new SnapshotEntry(12, Z(5))], state.Snapshots.AsEnumerable());
        Assert.Equal(12, state.InstalledAtSequenceNr);
        Assert.Equal(state, state.Apply(new SnapshotInstalled(Z(5))));
        Assert.Throws<InvalidDataException>(() => state.Apply(new SnapshotInstalled(Z(6))));
    }

    [Fact]
    public void A_rewind_is_refused_below_a_purge_or_across_an_install()
    {
        var purged = Logged(1, 9).WithSnapshot(Snap(3), 3).WithSnapshot(Snap(8), 9).WithPurgedBefore(new SnapshotEntry(3, Z(3)));
        Assert.Equal((new SnapshotEntry(3, Z(3)), (string?)null), purged.RewindTarget(Z(5)));
        Assert.Contains("purged", purged.RewindTarget(Z(2)).Refusal);

        var installed = Logged(1, 4).WithSnapshot(Snap(2), 4).WithInstalled(Snap(6), 6).Apply(new TxnLogged(Txn(7)));
        Assert.Contains("SNAP", installed.RewindTarget(Z(5)).Refusal);
    }
}
