using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's GlobalPrimaryOrder: a peer that delivers transactions of two epochs delivers the older
/// epoch's first. Checked as "the epochs of each peer's deliveries never go down"; order within an
/// epoch is <see cref="LocalPrimaryOrderChecker"/>'s.
/// </summary>
public sealed class GlobalPrimaryOrderChecker : InvariantChecker
{
    private readonly Dictionary<long, Txn> lastDelivered = new();

    public override string Property => "GlobalPrimaryOrder";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case StateMachineCreated started:
                lastDelivered.Remove(started.Sid);
                break;
            case TxnApplied applied:
                Deliver(applied.Sid, applied.Txn);
                break;
            case StateRestored restored:
                lastDelivered.Remove(restored.Sid);
                foreach (var txn in restored.Txns) Deliver(restored.Sid, txn);
                break;
        }
    }

    private void Deliver(long sid, Txn txn)
    {
        if (lastDelivered.TryGetValue(sid, out var last) && last.Zxid.Epoch > txn.Zxid.Epoch)
        {
            Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} of epoch {txn.Zxid.Epoch} after {HistoryEvent.Show(last)} of epoch {last.Zxid.Epoch}");
        }
        lastDelivered[sid] = txn;
    }
}
