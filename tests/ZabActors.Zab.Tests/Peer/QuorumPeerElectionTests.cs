namespace ZabActors.Zab.Tests.Peer;

/// <summary>Whole peers elect a leader and reach broadcast, driven through the PeerDriver in virtual time.</summary>
public sealed class QuorumPeerElectionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(5, 4)]
    public void Voters_should_elect_one_leader_and_all_reach_broadcast(int voters, int seed)
    {
        var cluster = new PeerCluster(voters, seed: seed);

        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(), Within));

        var leader = cluster.EstablishedLeader!;
        Assert.Equal(voters, leader.Sid);
        Assert.All(cluster.Nodes.Values, node => Assert.Equal(leader.Sid, node.Peer.LeaderSid));
        Assert.All(cluster.Nodes.Values, node => Assert.Equal(leader.Peer.Epoch, node.Peer.Epoch));
        Assert.Single(leader.EventsOf<PeerLeaderEstablished>());
        Assert.Equal(ServerState.Following, cluster[1].Peer.State);
    }

    [Fact]
    public void Peer_should_publish_its_phases_with_election_and_establish_timings()
    {
        var cluster = new PeerCluster(3);

        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(), Within));

        var follower = cluster[1];
        var phases = follower.EventsOf<PeerPhaseChanged>().Select(changed => (changed.State, changed.Phase)).ToList();
        Assert.Equal(
            [
                (ServerState.Looking, ZabState.Election),
                (ServerState.Following, ZabState.Discovery),
                (ServerState.Following, ZabState.Synchronization),
                (ServerState.Following, ZabState.Broadcast),
            ],
            phases);
        var elected = Assert.Single(follower.EventsOf<PeerElected>());
        Assert.Equal(3, elected.LeaderSid);
        Assert.True(elected.Took > TimeSpan.Zero);
        Assert.Single(follower.EventsOf<PeerEstablished>());
        Assert.Single(follower.EventsOf<PeerRecovered>());
        Assert.Contains(new PeerPhaseChanged(ServerState.Leading, 3, 0, ZabState.Synchronization), cluster[3].Events);
    }

    [Fact]
    public void Observer_should_learn_the_leader_and_observe_without_voting()
    {
        var cluster = new PeerCluster(3, observers: [4]);

        Assert.True(cluster.RunUntil(() => cluster.AllInBroadcast(), Within));

        var observer = cluster[4];
        Assert.Equal(ServerState.Observing, observer.Peer.State);
        Assert.Equal(3, observer.Peer.LeaderSid);
        Assert.Contains(cluster.Packets, p => p.From == 4 && p.Packet is ObserverInfo);
    }

    [Fact]
    public void Leader_should_step_down_and_look_again_when_it_loses_its_quorum()
    {
        var cluster = new PeerCluster(3);
        cluster.Establish();
        var leader = cluster[3];

        cluster.Isolate(1);
        cluster.Isolate(2);
        Assert.True(cluster.RunUntil(() => leader.Peer.State == ServerState.Looking, Within));

        var ended = Assert.Single(leader.EventsOf<PeerRoleEnded>());
        Assert.Equal(ServerState.Leading, ended.State);
        Assert.StartsWith("Not sufficient followers synced", ended.Reason);
        cluster.Heal(1);
        cluster.Heal(2);
        cluster.Establish();
        Assert.NotNull(cluster.EstablishedLeader);
    }

    [Fact]
    public void Leader_should_send_its_epoch_only_once_it_is_durable()
    {
        var cluster = new PeerCluster(3);
        cluster.HoldDisk(3);

        cluster.RunUntil(() => cluster[3].Peer.State == ServerState.Leading && cluster[3].Storage.Trace.OfType<SaveEpochs>().Any(), Within);
        cluster.Settle(Within);

        var save = Assert.Single(cluster[3].Storage.Trace.OfType<SaveEpochs>());
        Assert.Equal(new SaveEpochs(1, null), save);
        Assert.DoesNotContain(cluster.Packets, p => p.From == 3 && p.Packet is LeaderInfo);

        cluster.ReleaseDisk(3);
        cluster.Establish();
        Assert.Contains(cluster.Packets, p => p.From == 3 && p.Packet is LeaderInfo info && info.NewEpoch == 1);
        Assert.Equal(1, cluster[3].Storage.AcceptedEpoch);
        Assert.Equal(1, cluster[3].Storage.CurrentEpoch);
    }

    [Fact]
    public void Peer_should_drop_a_notification_from_a_non_member()
    {
        var cluster = new PeerCluster(3);
        var peer = cluster[1];

        peer.Driver.Step(new NotificationReceived(9, new Notification(9, Zxid.Zero, 1, ServerState.Looking, 9, 0)));

        Assert.Contains(new ProtocolViolation(9, "notification from a non-member"), peer.Events);
    }
}
