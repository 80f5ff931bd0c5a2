using Akka.Actor;
using Xunit.Abstractions;
using ZabActors.Transport.Wire;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>Election datagrams and learner connections between ActorSystems on 127.0.0.1.</summary>
public sealed class ConnectionTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    [Fact]
    public void Election_notifications_travel_both_ways_with_the_authenticated_sender()
    {
        using var nodes = PeerNodes.Start(this, 3);
        nodes[1].Transport.Tell(new SendElection(2, Samples.Vote(from: 1)));
        var heard = nodes[2].Root.ExpectMsg<PeerEnvelope>(TimeSpan.FromSeconds(10));
        Assert.Equal(new PeerEnvelope(1, Samples.Vote(1)), heard);

        // The sid inside the notification is whatever the sender wrote; the transport sets it to the authenticated one.
        nodes[2].Transport.Tell(new SendElection(1, Samples.Vote(from: 7)));
        Assert.Equal(new PeerEnvelope(2, Samples.Vote(2)), nodes[1].Root.ExpectMsg<PeerEnvelope>(TimeSpan.FromSeconds(10)));

        nodes[3].Transport.Tell(new SendElection(3, Samples.Vote(3)));
        Assert.Equal(new PeerEnvelope(3, Samples.Vote(3)), nodes[3].Root.ExpectMsg<PeerEnvelope>());
    }

    [Fact]
    public void A_connection_carries_packets_in_order_both_ways()
    {
        using var nodes = PeerNodes.Start(this, 2);
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(nodes[1], nodes[2]);
        var proposals = Enumerable.Range(1, 2000).Select(i => (QuorumPacket)new Proposal(new Txn(Zxid.Make(1, i), Bytes.FromUtf8($"txn {i}")))).ToArray();

        ConnectionDriver.Send(nodes[2], leaderEnd, proposals);
        ConnectionDriver.Send(nodes[1], learnerEnd, Samples.EveryPacket().ToArray());

        foreach (var proposal in proposals)
        {
            Assert.Equal(new ConnectionMessage(learnerEnd, 2, proposal), nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)));
        }
        foreach (var packet in Samples.EveryPacket())
        {
            Assert.Equal(new ConnectionMessage(leaderEnd, 1, packet), nodes[2].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)));
        }
        nodes[2].Transport.Tell(GetStats.Instance, TestActor);
        var stats = ExpectMsg<Stats>();
        Output?.WriteLine($"leader sent {stats.PacketsSent} packets in {stats.FramesSent} frames");
        Assert.True(stats.FramesSent < stats.PacketsSent, "packets were batched");
    }

    [Fact]
    public void Close_reaches_both_ends_and_later_sends_are_dropped()
    {
        using var nodes = PeerNodes.Start(this, 2);
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(nodes[1], nodes[2]);
        ConnectionDriver.Send(nodes[1], learnerEnd, new FollowerInfo(1, 0));
        nodes[1].Transport.Tell(new Close(learnerEnd, "learner done"));
        ConnectionDriver.Send(nodes[1], learnerEnd, new Ack(Zxid.Zero));

        Assert.Equal(new ConnectionMessage(leaderEnd, 1, new FollowerInfo(1, 0)), nodes[2].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)));
        Assert.Contains("learner done", nodes[2].Root.ExpectMsg<ConnectionClosed>(TimeSpan.FromSeconds(10)).Reason);
        Assert.Equal(learnerEnd, nodes[1].Root.ExpectMsg<ConnectionClosed>().Connection);
        nodes[2].Root.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_gap_in_a_connection_closes_both_ends()
    {
        using var nodes = PeerNodes.Start(this, 2);
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(nodes[1], nodes[2]);
        ConnectionDriver.Send(nodes[1], learnerEnd, new FollowerInfo(1, 0));
        nodes[2].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10));

        // Frame #2 goes missing: the learner's node sends #3 straight from its own transport's address.
        var leaderTransport = RemoteTransportOf(nodes[1].System, nodes[2]);
        var key = new ConnectionKey(LearnerSid: 1, LearnerIncarnation: 1, Number: 1);
        leaderTransport.Tell(new PacketBatch(1, 1, key, 3, [new Ack(Zxid.Zero)]), nodes[1].Transport);

        var leaderClosed = nodes[2].Root.ExpectMsg<ConnectionClosed>(TimeSpan.FromSeconds(10));
        Assert.Equal(leaderEnd, leaderClosed.Connection);
        Assert.Contains("expected #2", leaderClosed.Reason);
        var learnerClosed = nodes[1].Root.ExpectMsg<ConnectionClosed>(TimeSpan.FromSeconds(10));
        Assert.Equal(learnerEnd, learnerClosed.Connection);
        Assert.Contains("lost frames", learnerClosed.Reason);

        // The packet behind the gap was never passed on, and the closed connection carries nothing more.
        ConnectionDriver.Send(nodes[1], learnerEnd, new Ack(Zxid.Zero));
        nodes[2].Root.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Connecting_to_an_unknown_server_or_to_itself_reports_the_connection_closed()
    {
        using var nodes = PeerNodes.Start(this, 1);
        nodes[1].Transport.Tell(new Connect(9), nodes[1].Root.Ref);
        var connecting = nodes[1].Root.ExpectMsg<Connecting>();
        Assert.Equal(connecting.Connection, nodes[1].Root.ExpectMsg<ConnectionClosed>().Connection);
        nodes[1].Transport.Tell(new Connect(1), nodes[1].Root.Ref);
        connecting = nodes[1].Root.ExpectMsg<Connecting>();
        Assert.Equal(connecting.Connection, nodes[1].Root.ExpectMsg<ConnectionClosed>().Connection);
    }

    [Fact]
    public void A_restarted_peer_on_the_same_port_ends_the_old_connection_and_a_new_one_works()
    {
        using var nodes = PeerNodes.Start(this, 2);
        var (learnerEnd, _) = ConnectionDriver.Open(nodes[1], nodes[2]);
        ConnectionDriver.Send(nodes[1], learnerEnd, new FollowerInfo(1, 0));
        nodes[2].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10));

        var leader = nodes.Restart(2);
        Assert.Equal(2, leader.Incarnation);
        var closed = nodes[1].Root.FishForMessage<ConnectionClosed>(_ => true, TimeSpan.FromSeconds(15));
        Assert.Equal(learnerEnd, closed.Connection);
        Output?.WriteLine($"old connection closed: {closed.Reason}");

        var (newLearnerEnd, newLeaderEnd) = ConnectionDriver.OpenEventually(nodes[1], leader, TimeSpan.FromSeconds(20));
        ConnectionDriver.Send(nodes[1], newLearnerEnd, new FollowerInfo(1, 0));
        Assert.Equal(new ConnectionMessage(newLeaderEnd, 1, new FollowerInfo(1, 0)), leader.Root.FishForMessage<ConnectionMessage>(_ => true, TimeSpan.FromSeconds(10)));
        ConnectionDriver.Send(leader, newLeaderEnd, new LeaderInfo(2));
        Assert.Equal(new ConnectionMessage(newLearnerEnd, 2, new LeaderInfo(2)), nodes[1].Root.FishForMessage<ConnectionMessage>(_ => true, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_frame_from_a_newer_incarnation_ends_the_connections_of_the_older_one_and_older_frames_are_dropped()
    {
        using var nodes = PeerNodes.Start(this, 2);
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(nodes[1], nodes[2]);
        ConnectionDriver.Send(nodes[2], leaderEnd, new LeaderInfo(1));
        nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10));

        // As if server 2 had died without a word (kill -9, power loss) and come back as incarnation 2.
        var learnerTransport = RemoteTransportOf(nodes[2].System, nodes[1]);
        learnerTransport.Tell(new ElectionDatagram(2, 2, Samples.Vote(2)), nodes[2].Transport);

        var closed = nodes[1].Root.ExpectMsg<ConnectionClosed>(TimeSpan.FromSeconds(10));
        Assert.Equal(learnerEnd, closed.Connection);
        Assert.Contains("restarted", closed.Reason);
        Assert.Equal(new PeerEnvelope(2, Samples.Vote(2)), nodes[1].Root.ExpectMsg<PeerEnvelope>());

        // What the old life still sends is dropped.
        nodes[2].Transport.Tell(new SendElection(1, Samples.Vote(2)));
        nodes[1].Root.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    internal static IActorRef RemoteTransportOf(ActorSystem from, PeerNode to) =>
        ((ExtendedActorSystem)from).Provider.ResolveActorRef(new RootActorPath(to.Address) / "user" / PeerNodes.TransportName);
}
