using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's LocalPrimaryOrder: if the primary of an epoch broadcasts t before t', a peer that
/// delivers t' has delivered t before it. The primary's own broadcasts must ascend in zxid; each
/// peer's deliveries of an epoch must follow that broadcast order from its start, without a gap.
/// Deliveries of transactions no primary broadcast are left to <see cref="IntegrityChecker"/>.
/// </summary>
public sealed class LocalPrimaryOrderChecker : InvariantChecker
{
    private readonly Dictionary<long, List<Txn>> broadcastOfEpoch = new();
    private readonly Dictionary<Txn, int> positionInEpoch = new();
    private readonly Dictionary<long, Dictionary<long, int>> deliveredOfEpoch = new();

    public override string Property => "LocalPrimaryOrder";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case TxnBroadcast cast:
                Broadcast(cast.Sid, cast.Txn);
                break;
            case StateMachineCreated started:
                deliveredOfEpoch[started.Sid] = new();
                break;
            case TxnApplied applied:
                Deliver(applied.Sid, CountsOf(applied.Sid), applied.Txn);
                break;
            case StateRestored restored:
                var counts = deliveredOfEpoch[restored.Sid] = new();
                foreach (var txn in restored.Txns) Deliver(restored.Sid, counts, txn);
                break;
        }
    }

    private void Broadcast(long sid, Txn txn)
    {
        var epoch = txn.Zxid.Epoch;
        if (!broadcastOfEpoch.TryGetValue(epoch, out var list))
        {
            list = broadcastOfEpoch[epoch] = [];
        }
        if (list.Count > 0 && list[^1].Zxid >= txn.Zxid)
        {
            Violated($"leader {sid} broadcast {txn.Zxid} after {list[^1].Zxid} in epoch {epoch}");
        }
        positionInEpoch[txn] = list.Count;
        list.Add(txn);
    }

    private void Deliver(long sid, Dictionary<long, int> counts, Txn txn)
    {
        if (!positionInEpoch.TryGetValue(txn, out var position)) return;
        var epoch = txn.Zxid.Epoch;
        var expected = counts.GetValueOrDefault(epoch);
        if (position != expected)
        {
            var missing = broadcastOfEpoch[epoch][Math.Min(expected, position)];
            Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} (broadcast #{position} of epoch {epoch}) after only {expected} of that epoch; {missing.Zxid} must come first");
        }
        counts[epoch] = expected + 1;
    }

    private Dictionary<long, int> CountsOf(long sid)
    {
        if (!deliveredOfEpoch.TryGetValue(sid, out var counts))
        {
            counts = deliveredOfEpoch[sid] = new();
        }
        return counts;
    }
}
