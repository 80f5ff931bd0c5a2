using ZabActors.Zab;

namespace ZabActors.Transport.Wire;

// What two nodes' PeerTransportActors send each other. Every frame names its sender's server id and
// incarnation; the receiver believes the id only when the frame came from that server's configured
// Akka address, and treats a higher incarnation as a restart of that server.

/// <summary>The header every transport frame carries: who sent it, and which life of that server.</summary>
internal abstract record TransportFrame(long FromSid, long FromIncarnation);

/// <summary>
/// Names one learner connection on both nodes: the learner's server id, the learner's incarnation
/// and the learner's connection counter. The leader's incarnation is pinned per connection when the
/// learner first hears from it, so a connection belongs to exactly one life of each end.
/// </summary>
internal readonly record struct ConnectionKey(long LearnerSid, long LearnerIncarnation, long Number)
{
    public override string ToString() => $"{LearnerSid}.{LearnerIncarnation}/{Number}";
}

/// <summary>An election notification; a datagram, never acknowledged and possibly lost.</summary>
internal sealed record ElectionDatagram(long FromSid, long FromIncarnation, Notification Notification)
    : TransportFrame(FromSid, FromIncarnation);

/// <summary>Learner → leader: open connection <see cref="Key"/>; its packets follow on the same association.</summary>
internal sealed record OpenConnection(long FromSid, long FromIncarnation, ConnectionKey Key)
    : TransportFrame(FromSid, FromIncarnation);

/// <summary>
/// Packets of connection <see cref="Key"/> that were queued together. <see cref="Seq"/> numbers the
/// data frames (batches and chunks) of each direction from 1; the receiver closes the connection on
/// the first gap instead of passing a hole on.
/// </summary>
internal sealed record PacketBatch(long FromSid, long FromIncarnation, ConnectionKey Key, long Seq, IReadOnlyList<QuorumPacket> Packets)
    : TransportFrame(FromSid, FromIncarnation);

/// <summary>
/// Piece <see cref="Index"/> of <see cref="Count"/> of one encoded packet too large for an Akka.Remote
/// frame (a SNAP); its pieces travel as consecutive data frames.
/// </summary>
internal sealed record PacketChunk(long FromSid, long FromIncarnation, ConnectionKey Key, long Seq, int Index, int Count, Bytes Data)
    : TransportFrame(FromSid, FromIncarnation);

/// <summary>Either end: connection <see cref="Key"/> is closed (or was never known here).</summary>
internal sealed record CloseConnection(long FromSid, long FromIncarnation, ConnectionKey Key, string Reason)
    : TransportFrame(FromSid, FromIncarnation);
