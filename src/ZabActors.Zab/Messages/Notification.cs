namespace ZabActors.Zab;

/// <summary>
/// A leader-election notification, as ZooKeeper's <c>FastLeaderElection.Notification</c>: the vote of
/// server <see cref="Sid"/> (proposed leader, its zxid and peer epoch) in round <see cref="ElectionEpoch"/>,
/// and the sender's state. The driver must set <see cref="Sid"/> to the authenticated sender.
/// </summary>
public sealed record Notification(long Leader, Zxid Zxid, long ElectionEpoch, ServerState State, long Sid, long PeerEpoch)
    : ZabMessage, IElectionInput
{
    public Vote ToVote() => new(Leader, Zxid, ElectionEpoch, PeerEpoch, State);

    public override string ToString() => $"Notification(from {Sid}: leader {Leader}, {Zxid}, round {ElectionEpoch}, epoch {PeerEpoch}, {State})";
}
