using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Admin;

// The messages of a node's admin endpoint (/user/admin) besides the peer's own client protocol
// (GetPeerStatus, ClientWrite), which the admin actor forwards to the peer. Replies go to the sender.

/// <summary>Asks for up to <see cref="MaxEntries"/> applied transactions with a zxid above <see cref="After"/>.</summary>
public sealed record GetHistory(Zxid After, int MaxEntries);

/// <summary>One applied transaction: its zxid, the server that accepted the write (-1 when unknown) and the client's payload.</summary>
public sealed record HistoryEntry(Zxid Zxid, long OriginSid, Bytes Payload);

/// <summary>Applied transactions in zxid order; <see cref="More"/> when the state machine holds more after the last one.</summary>
public sealed record HistoryChunk(IReadOnlyList<HistoryEntry> Entries, Zxid LastApplied, bool More)
{
    public bool Equals(HistoryChunk? other) =>
        other is not null && LastApplied == other.LastApplied && More == other.More && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => HashCode.Combine(Entries.Count, LastApplied, More);
}

/// <summary>Test hook: cut this node off from the given servers, both ways (needs <c>zab.node.test-hooks = on</c>).</summary>
public sealed record PartitionFrom(IReadOnlyList<long> ServerIds)
{
    public bool Equals(PartitionFrom? other) => other is not null && ServerIds.SequenceEqual(other.ServerIds);

    public override int GetHashCode() => ServerIds.Count;
}

/// <summary>Test hook: end every partition of this node.</summary>
public sealed record HealPartitions
{
    public static readonly HealPartitions Instance = new();
}

/// <summary>The admin request was carried out.</summary>
public sealed record AdminAck
{
    public static readonly AdminAck Instance = new();
}

/// <summary>The admin request was refused; <see cref="Reason"/> says why.</summary>
public sealed record AdminRefused(string Reason);

/// <summary>Asks for the node's <see cref="NodeStatus"/>: the peer's status plus what the node observed of it.</summary>
public sealed record GetNodeStatus
{
    public static readonly GetNodeStatus Instance = new();
}

/// <summary>
/// The peer's <see cref="PeerStatus"/> and the Zab phase it last reported (<see cref="ZabState.Broadcast"/>
/// once its role is established: a leader with a quorum, a learner past UPTODATE).
/// </summary>
public sealed record NodeStatus(PeerStatus Peer, ZabState Phase);
