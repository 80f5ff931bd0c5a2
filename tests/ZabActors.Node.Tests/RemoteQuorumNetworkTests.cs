using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Node.Networking;
using ZabActors.Quorum;
using ZabActors.TestKit;
using ZabActors.Zab;

namespace ZabActors.Node.Tests;

/// <summary>
/// The connection rules of the TCP network without sockets: the other nodes' network actors are
/// probes, and inbound frames are handed to the network as its network actor would.
/// </summary>
public sealed class RemoteQuorumNetworkTests : TestKit.TestKit
{
    private const long Incarnation = 77;
    private readonly TestProbe peer;
    private readonly TestProbe self;
    private readonly Dictionary<long, TestProbe> remotes = [];
    private readonly RemoteQuorumNetwork network;

    public RemoteQuorumNetworkTests()
        : base(TestKitOptions.VirtualTime(seed: 1))
    {
        peer = CreateTestProbe("peer");
        self = CreateTestProbe("zab-network");
        foreach (var sid in new long[] { 1, 3 })
            remotes[sid] = CreateTestProbe($"remote{sid}");
        var servers = new[] { 1L, 2, 3 }.Select(id => new QuorumServer(id, "127.0.0.1", 2880 + (int)id, LearnerType.Participant));
        network = new RemoteQuorumNetwork(new EnsembleDirectory(servers), 2, Incarnation, sid => remotes[sid].Ref, NullLogger.Instance);
        network.Attach(self.Ref);
        network.Register(2, peer.Ref);
    }

    [Fact]
    public void Election_notifications_go_to_the_other_node_and_arrive_with_the_authenticated_sender()
    {
        var vote = new Notification(3, Zxid.Make(1, 4), 2, ServerState.Looking, 2, 1);
        network.SendElection(2, 3, vote);
        Assert.Equal(vote, remotes[3].ExpectMsg<Notification>());
        Assert.Equal(self.Ref, remotes[3].LastSender);
        network.OnElection(1, vote);
        Assert.Equal(new PeerEnvelope(1, vote), peer.ExpectMsg<PeerEnvelope>());
        network.SendElection(2, 9, vote);
        remotes[1].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_learner_opens_numbers_its_packets_and_passes_the_leaders_on_in_order()
    {
        var id = network.Connect(2, 3);
        var key = remotes[3].ExpectMsg<OpenConnection>().Key;
        Assert.Equal(new ConnectionKey(2, Incarnation, key.Number), key);
        network.Send(id, 2, new FollowerInfo(2, 0));
        network.Send(id, 2, new Ack(Zxid.Make(1, 0)));
        Assert.Equal(new ConnectionPacket(key, 1, new FollowerInfo(2, 0)), remotes[3].ExpectMsg<ConnectionPacket>());
        Assert.Equal(2, remotes[3].ExpectMsg<ConnectionPacket>().Seq);
        network.OnPacket(3, new ConnectionPacket(key, 1, new LeaderInfo(1)));
        network.OnPacket(3, new ConnectionPacket(key, 2, new Ping(Zxid.Zero)));
        Assert.Equal(new ConnectionMessage(id, 3, new LeaderInfo(1)), peer.ExpectMsg<ConnectionMessage>());
        Assert.Equal(new ConnectionMessage(id, 3, new Ping(Zxid.Zero)), peer.ExpectMsg<ConnectionMessage>());
    }

    [Fact]
    public void A_gap_in_the_sequence_closes_the_connection_on_both_ends()
    {
        var id = network.Connect(2, 3);
        var key = remotes[3].ExpectMsg<OpenConnection>().Key;
        network.OnPacket(3, new ConnectionPacket(key, 1, new LeaderInfo(1)));
        peer.ExpectMsg<ConnectionMessage>();
        network.OnPacket(3, new ConnectionPacket(key, 3, new Diff(Zxid.Zero)));
        var closed = peer.ExpectMsg<ConnectionClosed>();
        Assert.Equal(id, closed.Connection);
        Assert.Contains("expected #2", closed.Reason);
        Assert.Equal(key, remotes[3].ExpectMsg<CloseConnection>().Key);
        Assert.Equal(1, network.GapCount);
        // Nothing after the hole is passed on; the leader's further packets are answered with a close.
        network.OnPacket(3, new ConnectionPacket(key, 4, new Ping(Zxid.Zero)));
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(key, remotes[3].ExpectMsg<CloseConnection>().Key);
        network.Send(id, 2, new Ack(Zxid.Zero));
        remotes[3].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_leader_end_accepts_an_open_from_the_learner_it_names()
    {
        var key = new ConnectionKey(1, 5, 1);
        network.OnOpen(1, new OpenConnection(key));
        var opened = peer.ExpectMsg<ConnectionOpened>();
        Assert.Equal(1, opened.LearnerSid);
        network.Send(opened.Connection, 2, new LeaderInfo(4));
        Assert.Equal(new ConnectionPacket(key, 1, new LeaderInfo(4)), remotes[1].ExpectMsg<ConnectionPacket>());
        network.OnClose(1, new CloseConnection(key, "learner stopped"));
        var closed = peer.ExpectMsg<ConnectionClosed>();
        Assert.Equal(opened.Connection, closed.Connection);
        Assert.Contains("closed by server 1: learner stopped", closed.Reason);
        remotes[1].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_open_in_another_servers_name_is_refused()
    {
        network.OnOpen(3, new OpenConnection(new ConnectionKey(1, 5, 1)));
        Assert.Contains("in the name of server 1", remotes[3].ExpectMsg<CloseConnection>().Reason);
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_close_or_packet_from_a_server_that_is_not_the_other_end_is_ignored()
    {
        var id = network.Connect(2, 3);
        var key = remotes[3].ExpectMsg<OpenConnection>().Key;
        network.OnClose(1, new CloseConnection(key, "forged"));
        network.OnPacket(1, new ConnectionPacket(key, 1, new LeaderInfo(9)));
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, network.OpenConnectionCount);
        network.Close(id, "done");
        Assert.Equal(0, network.OpenConnectionCount);
    }

    [Fact]
    public void Losing_the_association_closes_every_connection_with_that_server()
    {
        var toLeader = network.Connect(2, 3);
        remotes[3].ExpectMsg<OpenConnection>();
        network.OnOpen(1, new OpenConnection(new ConnectionKey(1, 5, 1)));
        var fromLearner = peer.ExpectMsg<ConnectionOpened>().Connection;
        network.OnPeerLost(3, "disassociated");
        var closed = peer.ExpectMsg<ConnectionClosed>();
        Assert.Equal(toLeader, closed.Connection);
        Assert.Contains("association with server 3 lost", closed.Reason);
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, network.OpenConnectionCount);
        network.OnPeerLost(1, "terminated");
        Assert.Equal(fromLearner, peer.ExpectMsg<ConnectionClosed>().Connection);
    }

    [Fact]
    public void A_frame_that_never_left_closes_its_connection()
    {
        var id = network.Connect(2, 3);
        var key = remotes[3].ExpectMsg<OpenConnection>().Key;
        network.OnUndelivered(key, nameof(ConnectionPacket));
        var closed = peer.ExpectMsg<ConnectionClosed>();
        Assert.Equal(id, closed.Connection);
        Assert.Contains("could not be sent to server 3", closed.Reason);
    }

    [Fact]
    public void Connecting_to_an_unknown_server_or_to_itself_fails_at_once()
    {
        var unknown = network.Connect(2, 8);
        Assert.Equal(unknown, peer.ExpectMsg<ConnectionClosed>().Connection);
        var itself = network.Connect(2, 2);
        Assert.Equal(itself, peer.ExpectMsg<ConnectionClosed>().Connection);
        Assert.NotEqual(unknown, itself);
    }

    [Fact]
    public void Unregistering_the_peer_closes_its_connections_and_refuses_new_ones()
    {
        network.Connect(2, 3);
        var key = remotes[3].ExpectMsg<OpenConnection>().Key;
        network.Unregister(2);
        Assert.Equal(key, remotes[3].ExpectMsg<CloseConnection>().Key);
        network.OnOpen(1, new OpenConnection(new ConnectionKey(1, 5, 2)));
        Assert.Contains("not running", remotes[1].ExpectMsg<CloseConnection>().Reason);
    }
}
