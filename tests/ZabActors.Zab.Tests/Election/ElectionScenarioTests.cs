namespace ZabActors.Zab.Tests;

/// <summary>Whole elections among several <see cref="FastLeaderElection"/> machines wired by <see cref="ElectionNet"/>.</summary>
public class ElectionScenarioTests
{
    [Fact]
    public void Five_servers_started_one_by_one_with_growing_zxids_should_elect_the_third()
    {
        var net = ElectionNet.Majority(5);
        for (var sid = 1L; sid <= 5; sid++)
        {
            net.Start(sid, Z.X(1, sid));
            net.Advance(1000);
            if (sid < 3)
            {
                Assert.Empty(net.Decisions);
            }
        }

        Assert.Equal(ServerState.Leading, net.Decisions[3].State);
        foreach (var sid in new long[] { 1, 2, 4, 5 })
        {
            Assert.Equal(ServerState.Following, net.Decisions[sid].State);
            Assert.Equal(3, net.Decisions[sid].Leader);
        }
    }

    [Fact]
    public void Election_should_break_a_zxid_tie_by_the_highest_server_id()
    {
        var net = ElectionNet.Majority(3);
        foreach (var sid in new long[] { 1, 2, 3 })
        {
            net.Start(sid, Z.X(1, 7));
        }
        net.Advance(1000);

        Assert.All(net.Decisions.Values, d => Assert.Equal(3, d.Leader));
        Assert.Equal(ServerState.Leading, net.Decisions[3].State);
    }

    [Fact]
    public void Election_should_prefer_the_higher_peer_epoch_over_a_higher_zxid()
    {
        var net = ElectionNet.Majority(3);
        net.Start(1, Z.X(2, 1), currentEpoch: 2);
        net.Start(2, Z.X(1, 900), currentEpoch: 1);
        net.Start(3, Z.X(1, 900), currentEpoch: 1);
        net.Advance(1000);

        Assert.All(net.Decisions.Values, d => Assert.Equal(1, d.Leader));
    }

    [Fact]
    public void Restarted_server_should_join_the_established_leader_without_a_new_round()
    {
        var net = ElectionNet.Majority(3);
        foreach (var sid in new long[] { 1, 2, 3 })
        {
            net.Start(sid, Z.X(1, 5));
        }
        net.Advance(1000);
        var roundOfOthers = net[3].LogicalClock;

        // Server 1 lost its leader and looks again, in a later round than the ensemble's.
        net.Start(1, Z.X(1, 5));
        Assert.True(net[1].LogicalClock > roundOfOthers);
        net.Advance(1000);

        Assert.Equal(new Decided(3, ServerState.Following, net.Decisions[1].Vote), net.Decisions[1]);
        Assert.Equal(roundOfOthers, net[1].LogicalClock);
        Assert.Equal(ServerState.Leading, net[3].State);
        Assert.Equal(roundOfOthers, net[3].LogicalClock);
        Assert.Equal(ServerState.Following, net[2].State);
    }

    [Fact]
    public void Server_with_a_higher_zxid_should_follow_an_established_leader_it_would_have_beaten()
    {
        var net = ElectionNet.Majority(3);
        net.Start(1, Z.X(1, 1));
        net.Start(2, Z.X(1, 2));
        net.Advance(1000);
        Assert.Equal(2, net.Decisions[1].Leader);

        net.Start(3, Z.X(1, 9), freshInstance: true);
        net.Advance(1000);

        Assert.Equal(ServerState.Following, net.Decisions[3].State);
        Assert.Equal(2, net.Decisions[3].Leader);
    }

    [Fact]
    public void Minority_partition_should_never_elect()
    {
        var net = ElectionNet.Majority(5);
        net.Partition([1, 2]);
        foreach (var sid in new long[] { 1, 2, 3, 4, 5 })
        {
            net.Start(sid, Z.X(1, sid));
        }
        net.Advance(60_000);

        Assert.False(net.Decisions.ContainsKey(1));
        Assert.False(net.Decisions.ContainsKey(2));
        Assert.Equal(ServerState.Leading, net.Decisions[5].State);
        Assert.Equal(5, net.Decisions[3].Leader);
        Assert.Equal(ServerState.Looking, net[1].State);
    }

    [Fact]
    public void Observers_should_never_vote_nor_be_elected()
    {
        var net = ElectionNet.Majority(3, 4, 5);
        // Observers have the highest zxids: they still must not become leader.
        net.Start(3, Z.X(1, 1));
        net.Start(4, Z.X(1, 9));
        net.Start(5, Z.X(1, 9));
        net.Advance(30_000);

        Assert.Empty(net.Decisions);

        // Server 3 has backed off; it re-sends its vote within the maximum notification interval.
        net.Start(2, Z.X(1, 1));
        net.Advance(Z.Timing.MaxNotificationIntervalMs + 1000);

        Assert.Equal(ServerState.Leading, net.Decisions[3].State);
        Assert.Equal(ServerState.Following, net.Decisions[2].State);
        Assert.Equal(new[] { 3L, 3L }, new[] { net.Decisions[4].Leader, net.Decisions[5].Leader });
        Assert.Equal(ServerState.Observing, net.Decisions[4].State);
        Assert.Equal(ServerState.Observing, net.Decisions[5].State);
    }

    [Fact]
    public void Observer_should_learn_an_established_leader()
    {
        var net = ElectionNet.Majority(3, 4);
        foreach (var sid in new long[] { 1, 2, 3 })
        {
            net.Start(sid, Z.X(1, sid));
        }
        net.Advance(1000);

        net.Start(4, Z.Zero());
        net.Advance(1000);

        Assert.Equal(new Decided(3, ServerState.Observing, net.Decisions[4].Vote), net.Decisions[4]);
    }

    [Fact]
    public void Observer_notifications_should_only_be_sent_to_voters()
    {
        var net = ElectionNet.Majority(3, 4, 5);
        net.Start(4, Z.Zero());

        Assert.Equal(new long[] { 1, 2, 3 }, net.SentBy(4).Select(e => e.To).Order());
    }

    [Fact]
    public void Hierarchical_ensemble_should_never_elect_a_server_of_weight_zero()
    {
        var verifier = new QuorumHierarchical(
            new Dictionary<long, IReadOnlyCollection<long>> { [1] = [1, 2, 3] },
            new Dictionary<long, long> { [3] = 0 });
        var net = new ElectionNet(verifier, [1, 2, 3]);
        net.Start(1, Z.X(1, 1));
        net.Start(2, Z.X(1, 1));
        net.Start(3, Z.X(1, 99));
        net.Advance(1000);

        Assert.All(net.Decisions.Values, d => Assert.Equal(2, d.Leader));
    }

    [Fact]
    public void Observer_in_a_later_round_should_not_bounce_notifications_with_a_voter()
    {
        var net = ElectionNet.Majority(3, 4);
        for (var round = 0; round < 3; round++)
        {
            net.Start(4, Z.Zero());
        }
        net.Start(1, Z.X(1, 1), freshInstance: true);
        net.Advance(100);

        Assert.True(net.Delivered < 50, $"{net.Delivered} notifications delivered");
    }
}
