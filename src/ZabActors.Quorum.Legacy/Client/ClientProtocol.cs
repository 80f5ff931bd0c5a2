using ZabActors.Zab;

namespace ZabActors.Quorum;

// The messages a client exchanges with a QuorumPeerActor. Replies go to the sender of the request.

/// <summary>A write to replicate; any peer accepts it (followers and observers forward it to the leader as REQUEST).</summary>
public sealed record ClientWrite(long RequestId, byte[] Data);

/// <summary>The write is committed on a quorum and applied on the peer that accepted it.</summary>
public sealed record WriteCommitted(long RequestId, Zxid Zxid);

/// <summary>
/// The write was not accepted (no leader, lost leadership, rejected). It may still have been
/// committed when the failure came from losing the leader, as with ZooKeeper's connection loss;
/// the client may retry.
/// </summary>
public sealed record WriteFailed(long RequestId, string Reason);

/// <summary>Asks the peer for its <see cref="PeerStatus"/>.</summary>
public sealed record GetPeerStatus
{
    public static readonly GetPeerStatus Instance = new();
}

/// <summary>A peer's role, epochs and log position at the moment it answered <see cref="GetPeerStatus"/>.</summary>
public sealed record PeerStatus(
    long Sid, ServerState State, long AcceptedEpoch, long CurrentEpoch, Zxid LastLoggedZxid, Zxid LastAppliedZxid, long? LeaderSid);
