using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

/// <summary>Bad input from the network is logged and dropped or ends the session; it never crashes the peer.</summary>
public sealed class FollowerBadInputSpec(ITestOutputHelper output) : PeerConversation(output)
{
    [Fact]
    public void A_packet_out_of_protocol_order_ends_the_session_and_the_peer_looks_again()
    {
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var connection = ExpectConnect().Connection;
        Expect<FollowerInfo>(connection);
        Deliver(connection, 2, new Commit(X(1, 1)));
        ExpectClosed(connection);
        AwaitState(ServerState.Looking, TimeSpan.FromMilliseconds(50));
        Assert.Equal(ServerState.Looking, Status().State);
        // Back in the election: the peer announces itself again.
        Take<SentElection>(e => e.Notification.ElectionEpoch == 2);
    }

    [Fact]
    public void Packets_from_the_wrong_server_and_malformed_packets_are_dropped()
    {
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var connection = ExpectConnect().Connection;
        Expect<FollowerInfo>(connection);

        Deliver(connection, 3, new LeaderInfo(7));
        Deliver(connection, 2, new Proposal(null!));
        Deliver(new ConnectionId(555), 2, new LeaderInfo(1));
        ExpectClosed(new ConnectionId(555));

        Deliver(connection, 2, new LeaderInfo(1));
        Assert.Equal(new AckEpoch(0, Zxid.Zero), Expect<AckEpoch>(connection));
        Assert.Equal(1, Storage.Epochs.AcceptedEpoch);
        Assert.Equal(ServerState.Following, Status().State);
    }

    [Fact]
    public void Notifications_from_unknown_servers_are_dropped()
    {
        StartPeer(1, voters: 3);
        Deliver(42, new Notification(42, X(9, 9), 1, ServerState.Leading, 42, 9));
        Deliver(2, new Notification(42, X(9, 9), 1, ServerState.Following, 2, 9));
        Peer.Tell(new PeerEnvelope(3, new Ack(Zxid.Zero)), null);
        Runtime.RunUntilIdle();
        Assert.Equal(ServerState.Looking, Status().State);
        Assert.DoesNotContain(Events.OfType<PeerStateChanged>(), e => e.State != ServerState.Looking);
    }
}
