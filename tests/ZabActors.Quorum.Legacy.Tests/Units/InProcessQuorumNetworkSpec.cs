using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

public sealed class InProcessQuorumNetworkSpec() : TestKit(TestKitOptions.VirtualTime(seed: 1))
{
    private static readonly Notification Vote = new(1, Zxid.Zero, 1, ServerState.Looking, 1, 0);

    [Fact]
    public void Election_messages_reach_the_registered_peer_stamped_with_the_sender()
    {
        var (network, peers) = Registered(1, 2);
        network.SendElection(1, 2, Vote);
        Assert.Equal(new PeerEnvelope(1, Vote), peers[2].ExpectMsg<PeerEnvelope>());
    }

    [Fact]
    public void Messages_to_unknown_servers_are_dropped_and_counted()
    {
        var (network, peers) = Registered(1);
        network.SendElection(1, 9, Vote);
        var connection = network.Connect(1, 9);
        Assert.Equal(connection, peers[1].ExpectMsg<ConnectionClosed>().Connection);
        Assert.Equal(2, network.DroppedCount);
    }

    [Fact]
    public void A_connection_is_FIFO_in_both_directions_and_closes_at_both_ends()
    {
        var (network, peers) = Registered(1, 2);
        var connection = network.Connect(1, 2);
        Assert.Equal(new ConnectionOpened(connection, 1), peers[2].ExpectMsg<ConnectionOpened>());
        for (var i = 1; i <= 5; i++)
        {
            network.Send(connection, 1, new Ack(Zxid.Make(1, i)));
        }
        network.Send(connection, 2, new Ping(Zxid.Zero));
        Assert.Equal([1L, 2, 3, 4, 5], peers[2].ReceiveN(5).Cast<ConnectionMessage>().Select(m => ((Ack)m.Packet).Zxid.Counter));
        Assert.Equal(new ConnectionMessage(connection, 2, new Ping(Zxid.Zero)), peers[1].ExpectMsg<ConnectionMessage>());

        network.Close(connection, "done");
        Assert.Equal(new ConnectionClosed(connection, "done"), peers[1].ExpectMsg<ConnectionClosed>());
        Assert.Equal(new ConnectionClosed(connection, "done"), peers[2].ExpectMsg<ConnectionClosed>());
        network.Send(connection, 1, new Ping(Zxid.Zero));
        network.Close(connection, "again");
        peers[2].ExpectNoMsg(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void A_partition_drops_votes_across_groups_and_cuts_connections_until_healed()
    {
        var (network, peers) = Registered(1, 2, 3);
        var across = network.Connect(1, 3);
        var within = network.Connect(1, 2);
        peers[3].ExpectMsg<ConnectionOpened>();
        peers[2].ExpectMsg<ConnectionOpened>();

        network.Partition([[1, 2], [3]]);
        Assert.Equal(across, peers[3].ExpectMsg<ConnectionClosed>().Connection);
        Assert.Equal(across, peers[1].ExpectMsg<ConnectionClosed>().Connection);
        network.SendElection(1, 3, Vote);
        network.SendElection(1, 2, Vote);
        peers[2].ExpectMsg<PeerEnvelope>();
        peers[3].ExpectNoMsg(TimeSpan.FromMilliseconds(10));
        Assert.Single(network.OpenConnections(), c => c.Connection == within);

        network.Heal();
        network.SendElection(1, 3, Vote);
        peers[3].ExpectMsg<PeerEnvelope>();
    }

    [Fact]
    public void CloseConnections_resets_every_connection_of_one_server()
    {
        var (network, peers) = Registered(1, 2, 3);
        network.Connect(1, 3);
        network.Connect(2, 3);
        peers[3].ReceiveN(2);
        network.CloseConnections(3);
        Assert.Equal(2, peers[3].ReceiveN(2).OfType<ConnectionClosed>().Count());
        Assert.Empty(network.OpenConnections());
    }

    [Fact]
    public void Unregistering_a_server_closes_its_connections()
    {
        var (network, peers) = Registered(1, 2);
        var connection = network.Connect(1, 2);
        peers[2].ExpectMsg<ConnectionOpened>();
        network.Unregister(2);
        Assert.Equal(connection, peers[1].ExpectMsg<ConnectionClosed>().Connection);
        network.SendElection(1, 2, Vote);
        peers[2].ExpectNoMsg(TimeSpan.FromMilliseconds(10));
    }

    private (InProcessQuorumNetwork Network, Dictionary<long, TestProbe> Peers) Registered(params long[] sids)
    {
        var network = new InProcessQuorumNetwork();
        var peers = sids.ToDictionary(sid => sid, sid => CreateTestProbe($"peer{sid}"));
        foreach (var (sid, probe) in peers)
        {
            network.Register(sid, probe.Ref);
        }
        return (network, peers);
    }
}
