using ZabActors.Transport.Wire;
using ZabActors.Zab;

namespace ZabActors.Transport;

/// <summary>
/// One open learner connection as this node's transport sees it: both ids, the other end's server
/// and incarnation, the per-direction frame counters, the packets queued for the next batch and the
/// reassembly of a chunked packet. Owned and changed only by its <see cref="PeerTransportActor"/>.
/// </summary>
internal sealed class PeerConnection(ConnectionId id, ConnectionKey key, long peerSid, long peerIncarnation, bool isLearnerEnd, long maxReassemblyBytes)
{
    public ConnectionId Id { get; } = id;

    public ConnectionKey Key { get; } = key;

    public long PeerSid { get; } = peerSid;

    /// <summary>The other end's incarnation; 0 on a learner end until the leader's first frame pins it.</summary>
    public long PeerIncarnation { get; set; } = peerIncarnation;

    public bool IsLearnerEnd { get; } = isLearnerEnd;

    public long SentSeq { get; set; }

    public long ReceivedSeq { get; set; }

    public List<QuorumPacket> Pending { get; } = [];

    public int PendingBytes { get; set; }

    public ChunkAssembler Assembly { get; } = new(maxReassemblyBytes);

    public override string ToString() => $"{Id} ({Key}, {(IsLearnerEnd ? "to leader" : "from learner")} {PeerSid})";
}
