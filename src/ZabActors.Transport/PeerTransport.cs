using ZabActors.Zab;

namespace ZabActors.Transport;

/// <summary>
/// The protocol of <see cref="PeerTransportActor"/>: the commands a peer shell sends it and the events
/// it delivers to the peer root. Election traffic is datagrams (it may be lost); learner-leader
/// traffic runs over connections that are FIFO while they live and are closed on both ends, with
/// <see cref="ConnectionClosed"/>, as soon as anything on them may have been lost (a gap, a broken
/// association, a restarted peer), exactly as ZooKeeper's TCP connections behave.
/// </summary>
public static class PeerTransport
{
    // ---- Commands (to the transport) ----------------------------------------------------------

    /// <summary>Sends <paramref name="Notification"/> to server <paramref name="ToSid"/> as a datagram (to itself it is delivered locally).</summary>
    public sealed record SendElection(long ToSid, Notification Notification);

    /// <summary>
    /// Opens a learner connection from this server to leader <paramref name="LeaderSid"/>. The sender of
    /// the command gets <see cref="Connecting"/> with the new id at once and may send on it right away;
    /// the leader's root gets <see cref="ConnectionOpened"/>. When the leader cannot be reached this
    /// root gets <see cref="ConnectionClosed"/> for the id.
    /// </summary>
    public sealed record Connect(long LeaderSid);

    /// <summary>Queues <paramref name="Packet"/> on <paramref name="Connection"/>; on a closed connection it is dropped, as on a closed socket.</summary>
    public sealed record Send(ConnectionId Connection, QuorumPacket Packet);

    /// <summary>Closes <paramref name="Connection"/> after what was queued on it; both ends get <see cref="ConnectionClosed"/>.</summary>
    public sealed record Close(ConnectionId Connection, string Reason);

    /// <summary>Asks for the transport's counters; the reply is <see cref="Stats"/>.</summary>
    public sealed record GetStats
    {
        public static GetStats Instance { get; } = new();
    }

    // ---- Replies and events --------------------------------------------------------------------

    /// <summary>Reply to <see cref="Connect"/>: the learner end's id of the new connection.</summary>
    public sealed record Connecting(ConnectionId Connection, long LeaderSid);

    /// <summary>An election notification from server <paramref name="FromSid"/> (authenticated by its address).</summary>
    public sealed record PeerEnvelope(long FromSid, Notification Notification);

    /// <summary>Learner <paramref name="LearnerSid"/> opened <paramref name="Connection"/> to this server (it expects it to lead).</summary>
    public sealed record ConnectionOpened(ConnectionId Connection, long LearnerSid);

    /// <summary>A packet from <paramref name="FromSid"/> over <paramref name="Connection"/>; packets of one connection arrive in order.</summary>
    public sealed record ConnectionMessage(ConnectionId Connection, long FromSid, QuorumPacket Packet);

    /// <summary>The connection is gone (closed by either end, lost a frame, its association broke, or the other server restarted).</summary>
    public sealed record ConnectionClosed(ConnectionId Connection, string Reason);

    /// <summary>
    /// Counters since start. A frame is one Akka.Remote message (a datagram, a batch, a chunk, an open
    /// or a close); <paramref name="PacketsSent"/> / <paramref name="FramesSent"/> is the batching gain.
    /// </summary>
    public sealed record Stats(
        long FramesSent,
        long PacketsSent,
        long FramesReceived,
        long PacketsReceived,
        long Dropped,
        long Gaps,
        int OpenConnections);
}
