using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// How a peer reaches the others. Election traffic is datagram-like (it may be lost); leader-learner
/// traffic runs over a connection that is FIFO while it lives; when any message on it is lost the
/// connection is closed and both ends get <see cref="ConnectionClosed"/>, exactly like TCP.
/// Implementations: <see cref="InProcessQuorumNetwork"/> (with fault hooks), a simulated one and a TCP one.
/// </summary>
public interface IQuorumNetwork
{
    /// <summary>The peer's <c>QuorumPeerActor</c> receives <see cref="PeerEnvelope"/> and the connection events from now on.</summary>
    void Register(long sid, IActorRef peer);

    /// <summary>The peer is gone: messages to it are dropped and its connections are closed.</summary>
    void Unregister(long sid);

    /// <summary>Delivered as <see cref="PeerEnvelope"/>(fromSid, notification) to the peer root of <paramref name="toSid"/>, or lost.</summary>
    void SendElection(long fromSid, long toSid, Notification notification);

    /// <summary>
    /// A learner opens a connection to the leader; the leader's peer gets <see cref="ConnectionOpened"/>.
    /// When the leader cannot be reached the learner gets <see cref="ConnectionClosed"/> for the returned id.
    /// </summary>
    ConnectionId Connect(long learnerSid, long leaderSid);

    /// <summary>Delivered as <see cref="ConnectionMessage"/>(connection, fromSid, packet) to the other end, in order.</summary>
    void Send(ConnectionId connection, long fromSid, QuorumPacket packet);

    /// <summary>Both ends get <see cref="ConnectionClosed"/>(connection, reason); closing a closed connection does nothing.</summary>
    void Close(ConnectionId connection, string reason);
}
