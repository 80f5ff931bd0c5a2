using ZabActors.Zab;

namespace ZabActors.Node.Networking;

// What two nodes' network actors exchange to carry learner connections over their one association.
// The sending server is never written in a frame: the receiver takes it from the sender's address,
// which the association's handshake tied to a configured server id.

/// <summary>
/// Names one learner connection on both nodes: the learner's server id, the learner process's
/// incarnation (its remoting uid, new on every start) and the learner's connection counter.
/// </summary>
public readonly record struct ConnectionKey(long LearnerSid, long Incarnation, long Number)
{
    public override string ToString() => $"{LearnerSid}/{Number}";
}

/// <summary>Learner → leader: open the connection <see cref="Key"/>.</summary>
public sealed record OpenConnection(ConnectionKey Key);

/// <summary>
/// One packet of connection <see cref="Key"/>; <see cref="Seq"/> counts the packets of each direction
/// from 1, so the receiver sees any gap and closes the connection instead of passing a hole on.
/// </summary>
public sealed record ConnectionPacket(ConnectionKey Key, long Seq, QuorumPacket Packet);

/// <summary>Either end: connection <see cref="Key"/> is closed (or was never known here).</summary>
public sealed record CloseConnection(ConnectionKey Key, string Reason);
