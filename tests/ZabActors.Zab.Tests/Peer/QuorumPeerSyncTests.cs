namespace ZabActors.Zab.Tests.Peer;

/// <summary>How whole peers bring a returning learner in line: DIFF, TRUNC or SNAP, and the storage order of a rewind.</summary>
public sealed class QuorumPeerSyncTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private static ZabTiming SmallCommittedLog => Z.Timing with { CommittedLogSize = 4 };

    [Fact]
    public void Leader_should_send_Diff_when_follower_is_behind()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 1, "before"));
        cluster.Crash(1);
        for (var i = 2; i <= 4; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, i, $"missed {i}"));
        }
        var sentBefore = cluster.Packets.Count;

        cluster.Start(1);
        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2, 3), Within));
        cluster.Settle(Within);

        var toFollower = cluster.Packets.Skip(sentBefore).Where(p => p.To == 1).Select(p => p.Packet).ToList();
        Assert.Contains(toFollower, packet => packet is Diff);
        Assert.DoesNotContain(toFollower, packet => packet is Trunc or Snap);
        Assert.Equal(cluster[3].AppliedTxns, cluster[1].AppliedTxns);
    }

    [Fact]
    public void Leader_should_send_Trunc_when_follower_is_ahead()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 1, "committed"));
        var common = cluster[3].AppliedTxns[^1].Zxid;
        // Leader 3 logs a proposal nobody else receives, then dies.
        cluster.Isolate(3);
        cluster.Write(3, 2, "only on 3");
        Assert.Contains(cluster[3].Storage.Log, txn => txn.Zxid > common);
        cluster.Crash(3);
        cluster.Heal(3);
        // The new leader has committed nothing past the common zxid, so 3's tail lies beyond its history.
        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2), Within));
        var sentBefore = cluster.Packets.Count;

        cluster.Start(3);
        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2, 3), Within));
        cluster.Settle(Within);

        var toReturning = cluster.Packets.Skip(sentBefore).Where(p => p.To == 3).Select(p => p.Packet).ToList();
        var trunc = Assert.Single(toReturning.OfType<Trunc>());
        Assert.Equal(common, trunc.TruncateAfter);
        Assert.DoesNotContain(cluster[3].Storage.Log, txn => txn.Zxid > common && txn.Zxid.Epoch == common.Epoch);
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 3, "after the rewind"));
        cluster.Settle(Within);
        Assert.Equal(cluster[2].AppliedTxns, cluster[3].AppliedTxns);
        Assert.Equal(2, cluster[3].AppliedTxns.Count);
        var trace = cluster[3].Storage.Trace;
        var delete = trace.FindIndex(op => op is DeleteSnapshotsAfter d && d.Zxid == common);
        var truncate = trace.FindIndex(op => op is TruncateLog t && t.After == common);
        Assert.InRange(delete, 0, truncate - 1);
    }

    [Fact]
    public void Leader_should_send_Snap_when_follower_is_far_behind()
    {
        var cluster = new PeerCluster(3, timing: SmallCommittedLog, tune: options => options with { SnapCount = 4 });
        cluster.Establish();
        cluster.Crash(1);
        for (var i = 1; i <= 12; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, i, $"w{i}"));
        }
        var sentBefore = cluster.Packets.Count;

        cluster.Start(1);
        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2, 3), Within));
        cluster.Settle(Within);

        var snap = cluster.Packets.Skip(sentBefore).Where(p => p.To == 1).Select(p => p.Packet).OfType<Snap>().Single();
        Assert.Equal(cluster[3].AppliedTxns, cluster[1].AppliedTxns);
        Assert.Contains(snap.Snapshot.Zxid, cluster[1].Storage.Snapshots.Keys);
    }

    [Fact]
    public void Snap_should_write_the_snapshot_then_delete_newer_snapshots_then_truncate_then_purge()
    {
        var cluster = new PeerCluster(3, timing: SmallCommittedLog, tune: options => options with { SnapCount = 4 });
        cluster.Establish();
        cluster.Crash(1);
        for (var i = 1; i <= 12; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, i, $"w{i}"));
        }
        cluster.Start(1);
        // A snapshot of a history the peer is about to give up (simulation finding 3).
        var stale = new Snapshot(Zxid.Make(99, 1), Bytes.FromUtf8("0"));
        cluster[1].Storage.Snapshots[stale.Zxid] = stale;

        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2, 3), Within));

        var trace = cluster[1].Storage.Trace;
        var write = trace.FindIndex(op => op is WriteSnapshot);
        var z = ((WriteSnapshot)trace[write]).Snapshot.Zxid;
        var delete = trace.FindIndex(op => op is DeleteSnapshotsAfter d && d.Zxid == z);
        var truncate = trace.FindIndex(op => op is TruncateLog t && t.After == z);
        var purge = trace.FindIndex(op => op is PurgeBefore p && p.OldestKept == z);
        Assert.True(write < delete && delete < truncate && truncate < purge, string.Join(", ", trace));
        Assert.DoesNotContain(stale.Zxid, cluster[1].Storage.Snapshots.Keys);
        Assert.All(cluster[1].Storage.Snapshots.Keys, kept => Assert.True(kept >= z));
    }

    [Fact]
    public void Peers_should_recover_their_history_from_snapshot_and_log_after_all_restart()
    {
        var cluster = new PeerCluster(3, timing: SmallCommittedLog, tune: options => options with { SnapCount = 3 });
        cluster.Establish();
        for (var i = 1; i <= 10; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit((i % 3) + 1, i, $"w{i}"));
        }
        cluster.Settle(Within);
        var history = cluster[3].AppliedTxns;

        foreach (var sid in new long[] { 1, 2, 3 })
        {
            cluster.Crash(sid);
        }
        foreach (var sid in new long[] { 1, 2, 3 })
        {
            cluster.Start(sid);
        }
        cluster.Establish();
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(1, 11, "after restart"));
        cluster.Settle(Within);

        Assert.All(cluster.Nodes.Values, node => Assert.Equal(history, node.AppliedTxns.Take(10)));
        Assert.All(cluster.Nodes.Values, node => Assert.Equal(11, node.AppliedTxns.Count));
    }
}
