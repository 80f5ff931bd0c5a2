using ZabActors.Zab;

namespace ZabActors.Quorum;

// What a network delivers to a registered peer root. The network, not the sender, fills in the
// sender's id, so a peer can trust FromSid as ZooKeeper trusts the sid its connection manager authenticated.

/// <summary>A datagram-like message (an election <see cref="Notification"/>) from server <see cref="FromSid"/>.</summary>
public sealed record PeerEnvelope(long FromSid, object Message);

/// <summary>Learner <see cref="LearnerSid"/> opened <see cref="Connection"/> to this peer (it is expected to lead).</summary>
public sealed record ConnectionOpened(ConnectionId Connection, long LearnerSid);

/// <summary>A packet sent by <see cref="FromSid"/> over <see cref="Connection"/>; packets of one connection arrive in order.</summary>
public sealed record ConnectionMessage(ConnectionId Connection, long FromSid, QuorumPacket Packet);

/// <summary>The connection is gone (closed by either end, lost a message, or was cut by a partition); both ends get it.</summary>
public sealed record ConnectionClosed(ConnectionId Connection, string Reason);
