namespace ZabActors.Zab;

/// <summary>The total order on election candidates, ZooKeeper's <c>totalOrderPredicate</c>.</summary>
public static class VoteOrder
{
    /// <summary>
    /// Whether the new candidate beats the current one: a higher peer epoch wins, then a higher zxid,
    /// then a higher server id. A candidate of weight zero never wins.
    /// </summary>
    public static bool TotalOrderPredicate(
        long newWeight, long newId, Zxid newZxid, long newEpoch, long curId, Zxid curZxid, long curEpoch)
    {
        if (newWeight == 0)
        {
            return false;
        }
        return newEpoch > curEpoch
            || (newEpoch == curEpoch && (newZxid > curZxid || (newZxid == curZxid && newId > curId)));
    }

    public static bool TotalOrderPredicate(IQuorumVerifier verifier, Vote candidate, Vote current) =>
        TotalOrderPredicate(
            verifier.Weight(candidate.Leader), candidate.Leader, candidate.Zxid, candidate.PeerEpoch,
            current.Leader, current.Zxid, current.PeerEpoch);
}
