namespace ZabActors.Zab;

/// <summary>
/// A leader-election vote: the proposed leader, its last zxid and peer epoch, the election round
/// (logical clock) it was cast in, and the state of the peer that cast it.
/// </summary>
public sealed record Vote(long Leader, Zxid Zxid, long ElectionEpoch, long PeerEpoch, ServerState State = ServerState.Looking)
{
    /// <summary>
    /// Whether two votes count for the same outcome, as ZooKeeper's <c>Vote.equals</c>: while either
    /// side is looking every field must match; votes of peers out of election compare only the leader
    /// and its epoch, because their zxid and round can legitimately differ (ZOOKEEPER-1805).
    /// </summary>
    public bool Agrees(Vote other)
    {
        if (State == ServerState.Looking || other.State == ServerState.Looking)
        {
            return Leader == other.Leader && Zxid == other.Zxid
                && ElectionEpoch == other.ElectionEpoch && PeerEpoch == other.PeerEpoch;
        }
        return Leader == other.Leader && PeerEpoch == other.PeerEpoch;
    }

    public override string ToString() => $"Vote({Leader}, {Zxid}, round {ElectionEpoch}, epoch {PeerEpoch}, {State})";
}
