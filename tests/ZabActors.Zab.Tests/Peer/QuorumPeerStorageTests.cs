namespace ZabActors.Zab.Tests.Peer;

/// <summary>The peer's durability policy: group commit, acks only after confirmation, snapshot retention, storage failure.</summary>
public sealed class QuorumPeerStorageTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public void Leader_should_group_appends_made_while_a_flush_is_in_flight_into_one_write()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var leader = cluster[3];
        var appendsBefore = leader.Storage.Trace.OfType<AppendTxns>().Count();
        cluster.HoldDisk(3);

        cluster.Write(3, 1, "a");
        cluster.Write(3, 2, "b");
        cluster.Write(3, 3, "c");

        var appends = leader.Storage.Trace.OfType<AppendTxns>().Skip(appendsBefore).ToList();
        Assert.Single(Assert.Single(appends).Txns);

        cluster.ReleaseDisk(3);
        Assert.True(cluster.RunUntil(() => Enumerable.Range(1, 3).All(i => cluster.Answer(3, i) is PeerWriteCommitted), Within));
        appends = leader.Storage.Trace.OfType<AppendTxns>().Skip(appendsBefore).ToList();
        Assert.Equal([1, 2], appends.Select(append => append.Txns.Length));
    }

    [Fact]
    public void Follower_should_ack_proposals_only_after_its_log_confirms_them()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var follower = cluster[1];
        var appendsBefore = follower.Storage.Trace.OfType<AppendTxns>().Count();
        var sentBefore = cluster.Packets.Count;
        cluster.HoldDisk(1);

        for (var i = 1; i <= 3; i++)
        {
            cluster.Write(3, i, $"w{i}");
        }
        Assert.True(cluster.RunUntil(() => follower.Storage.Log.Count == 1 && cluster.Packets.Skip(sentBefore).Count(p => p.To == 1 && p.Packet is Proposal) == 3, Within));
        cluster.Settle(Within);

        Assert.DoesNotContain(cluster.Packets.Skip(sentBefore), p => p.From == 1 && p.Packet is Ack);
        Assert.Single(follower.Storage.Trace.OfType<AppendTxns>().Skip(appendsBefore));

        cluster.ReleaseDisk(1);
        Assert.True(cluster.RunUntil(() => cluster.Packets.Skip(sentBefore).Count(p => p.From == 1 && p.Packet is Ack) == 3, Within));
        var appends = follower.Storage.Trace.OfType<AppendTxns>().Skip(appendsBefore).ToList();
        Assert.Equal([1, 2], appends.Select(append => append.Txns.Length));
        var acks = cluster.Packets.Skip(sentBefore).Where(p => p.From == 1 && p.Packet is Ack).Select(p => ((Ack)p.Packet).Zxid).ToList();
        Assert.Equal(appends.SelectMany(append => append.Txns).Select(txn => txn.Zxid), acks);
    }

    [Fact]
    public void Peer_should_snapshot_every_few_applied_transactions_and_keep_only_the_newest_snapshots()
    {
        var cluster = new PeerCluster(3, tune: options => options with { SnapCount = 4, SnapshotRetainCount = 2 });
        cluster.Establish();

        for (var i = 1; i <= 20; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, i, $"w{i}"));
        }
        cluster.Settle(Within);

        foreach (var node in cluster.Nodes.Values)
        {
            var taken = node.EventsOf<PeerSnapshotTaken>().Select(taken => taken.Zxid).ToList();
            var applied = node.AppliedTxns.Select(txn => txn.Zxid).ToList();
            var points = taken.Select(zxid => applied.IndexOf(zxid) + 1).Prepend(0).ToList();
            Assert.All(points.Zip(points.Skip(1)), gap => Assert.InRange(gap.Second - gap.First, 3, 4));
            Assert.Equal(2, node.Storage.Snapshots.Count);
            Assert.Equal(taken.TakeLast(2), node.Storage.Snapshots.Keys);
            Assert.Contains(node.Storage.Trace, op => op is PurgeBefore);
        }
    }

    [Fact]
    public void Storage_failure_should_stop_the_peer_with_an_event()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        cluster[1].Storage.FailNext = op => op is AppendTxns;

        Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 1, "survives"));
        cluster.RunUntil(() => cluster[1].Peer.IsStopped, Within);

        var stopped = Assert.Single(cluster[1].EventsOf<PeerStopped>());
        Assert.Contains("AppendTxns", stopped.Reason);
        Assert.Null(cluster[1].Peer.NextDeadline);
        cluster.Write(1, 2, "to a stopped peer");
        Assert.Null(cluster.Answer(1, 2));
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 3, "two of three still commit"));
    }

    [Fact]
    public void A_failed_periodic_snapshot_should_only_warn()
    {
        var cluster = new PeerCluster(3, tune: options => options with { SnapCount = 2 });
        cluster.Establish();
        cluster[1].Storage.FailNext = op => op is WriteSnapshot;

        for (var i = 1; i <= 4; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, i, $"w{i}"));
        }
        cluster.Settle(Within);

        Assert.Single(cluster[1].EventsOf<PeerStorageWarning>());
        Assert.False(cluster[1].Peer.IsStopped);
        Assert.True(cluster[1].Peer.IsBroadcasting);
    }
}
