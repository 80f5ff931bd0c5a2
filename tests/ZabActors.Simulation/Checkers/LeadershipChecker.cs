namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's Leadership: at most one peer establishes leadership of any epoch. Broadcasts count as
/// leadership too, so two peers proposing transactions of the same epoch break it even if an
/// establishment event was never observed.
/// </summary>
public sealed class LeadershipChecker : InvariantChecker
{
    private readonly Dictionary<long, long> leaderOfEpoch = new();

    public override string Property => "Leadership";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case LeaderEstablishedObserved established:
                Claim(established.Epoch, established.Sid, "established");
                break;
            case TxnBroadcast broadcast:
                Claim(broadcast.Txn.Zxid.Epoch, broadcast.Sid, $"broadcast {broadcast.Txn.Zxid}");
                break;
        }
    }

    private void Claim(long epoch, long sid, string how)
    {
        if (leaderOfEpoch.TryGetValue(epoch, out var leader) && leader != sid)
        {
            Violated($"epoch {epoch} has two leaders: {leader} and {sid} ({how})");
        }
        leaderOfEpoch[epoch] = sid;
    }
}
