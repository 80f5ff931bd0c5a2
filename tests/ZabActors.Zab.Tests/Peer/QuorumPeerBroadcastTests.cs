namespace ZabActors.Zab.Tests.Peer;

/// <summary>Client writes through whole peers: committed everywhere in zxid order, answered where they were submitted.</summary>
public sealed class QuorumPeerBroadcastTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Writes_via_leader_and_followers_should_commit_everywhere_in_order(int seed)
    {
        var cluster = new PeerCluster(3, seed: seed);
        cluster.Establish();

        for (var i = 1; i <= 9; i++)
        {
            cluster.Write(sid: (i % 3) + 1, requestId: i, payload: $"w{i}");
        }
        Assert.True(cluster.RunUntil(() => Enumerable.Range(1, 9).All(i => cluster.Answer((i % 3) + 1, i) is PeerWriteCommitted), Within));
        cluster.Settle(Within);

        var history = cluster[3].AppliedTxns;
        Assert.Equal(9, history.Count);
        Assert.Equal(history.Select(t => t.Zxid).Order(), history.Select(t => t.Zxid));
        Assert.All(cluster.Nodes.Values, node => Assert.Equal(history, node.AppliedTxns));
        Assert.Equal(
            Enumerable.Range(1, 9).Select(i => $"w{i}").Order(),
            history.Select(t => System.Text.Encoding.UTF8.GetString(TxnOrigin.Payload(t).Span)).Order());
    }

    [Fact]
    public void Observer_should_learn_committed_writes_through_Inform()
    {
        var cluster = new PeerCluster(3, observers: [4]);
        cluster.Establish();

        Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 1, "via leader"));
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(4, 2, "via observer"));
        cluster.Settle(Within);

        Assert.Equal(cluster[3].AppliedTxns, cluster[4].AppliedTxns);
        Assert.Equal(2, cluster[4].AppliedTxns.Count);
        Assert.Contains(cluster.Packets, p => p.To == 4 && p.Packet is Inform);
        Assert.DoesNotContain(cluster.Packets, p => p.To == 4 && p.Packet is Proposal);
        Assert.Contains(cluster.Packets, p => p.From == 4 && p.Packet is Request);
    }

    [Fact]
    public void Leader_crash_should_elect_a_new_leader_without_losing_an_acknowledged_write()
    {
        var cluster = new PeerCluster(3, seed: 3);
        cluster.Establish();
        for (var i = 1; i <= 5; i++)
        {
            Assert.IsType<PeerWriteCommitted>(cluster.Commit(sid: i % 2 == 0 ? 1 : 3, requestId: i, payload: $"w{i}"));
        }
        var acked = cluster.Nodes.Values.SelectMany(node => node.EventsOf<PeerWriteCommitted>()).Select(c => c.Zxid).ToHashSet();
        var firstEpoch = cluster[3].Peer.Epoch;

        cluster.Crash(3);
        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2), Within));

        var leader = cluster.EstablishedLeader!;
        Assert.Equal(2, leader.Sid);
        Assert.True(leader.Peer.Epoch > firstEpoch);
        Assert.IsType<PeerWriteCommitted>(cluster.Commit(1, 6, "after failover"));
        Assert.All(acked, zxid => Assert.Contains(zxid, leader.AppliedTxns.Select(t => t.Zxid)));

        cluster.Start(3);
        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(1, 2, 3), Within));
        cluster.Settle(Within);
        Assert.Equal(leader.AppliedTxns, cluster[3].AppliedTxns);
        Assert.Equal(6, cluster[3].AppliedTxns.Count);
    }

    [Fact]
    public void Follower_should_fail_a_pending_write_when_its_leader_is_lost()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        cluster.Write(1, 1, "never forwarded");

        cluster.Crash(3);
        Assert.True(cluster.RunUntil(() => cluster.Answer(1, 1) is not null, Within));

        var failed = Assert.IsType<PeerWriteFailed>(cluster.Answer(1, 1));
        Assert.StartsWith("lost the leader", failed.Reason);
    }

    [Fact]
    public void Peer_should_refuse_a_write_while_looking()
    {
        var cluster = new PeerCluster(3);

        cluster.Write(1, 1, "too early");

        var failed = Assert.IsType<PeerWriteFailed>(cluster.Answer(1, 1));
        Assert.Equal("no leader: server 1 is LOOKING", failed.Reason);
    }

    [Fact]
    public void Write_should_expire_when_it_is_not_applied_in_time()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var leader = cluster[3];
        // The followers commit it, but the leader's own log never confirms, so it never applies here.
        cluster.HoldDisk(3);

        cluster.Write(3, 1, "stuck");
        cluster.RunFor(leader.Peer.Options.WriteTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Null(cluster.Answer(3, 1));
        cluster.RunFor(TimeSpan.FromMilliseconds(2));

        var failed = Assert.IsType<PeerWriteFailed>(cluster.Answer(3, 1));
        Assert.Equal("timed out waiting for the commit", failed.Reason);
        Assert.True(leader.Peer.IsBroadcasting);
    }

    [Fact]
    public void Leader_should_give_up_its_epoch_when_the_zxid_counter_rolls_over()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var leader = cluster[3];
        var firstEpoch = leader.Peer.Epoch;
        leader.Peer.Core.SkipZxidCounterTo(Zxid.CounterMax - 2);

        var last = Assert.IsType<PeerWriteCommitted>(cluster.Commit(3, 1, "last of the epoch"));
        Assert.Equal(Zxid.CounterMax - 1, last.Zxid.Counter);
        Assert.IsType<PeerWriteFailed>(cluster.Commit(3, 2, "one too many"));

        Assert.Contains(leader.Events, evt => evt is PeerRoleEnded ended && ended.Reason.Contains("rolled over", StringComparison.Ordinal));
        cluster.Establish();
        var next = Assert.IsType<PeerWriteCommitted>(cluster.Commit(1, 3, "new epoch"));
        Assert.True(next.Zxid.Epoch > firstEpoch);
    }
}
