using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's TotalOrder: if a peer delivers t before t', every peer that delivers t' has delivered t
/// before it. Checked per transaction against its first delivery: whoever delivers t' later must have
/// delivered exactly the same predecessors, in the same order (same count, same chained hash).
/// </summary>
public sealed class TotalOrderChecker : InvariantChecker
{
    private readonly Dictionary<Txn, (long Sid, int Count, ulong Hash)> predecessors = new();
    private readonly Dictionary<long, (int Count, ulong Hash)> chains = new();

    public override string Property => "TotalOrder";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case StateMachineCreated started:
                chains[started.Sid] = (0, ChainHash.Empty);
                break;
            case TxnApplied applied:
                chains[applied.Sid] = Deliver(applied.Sid, chains.GetValueOrDefault(applied.Sid, (0, ChainHash.Empty)), applied.Txn);
                break;
            case StateRestored restored:
                var chain = (0, ChainHash.Empty);
                foreach (var txn in restored.Txns) chain = Deliver(restored.Sid, chain, txn);
                chains[restored.Sid] = chain;
                break;
        }
    }

    private (int Count, ulong Hash) Deliver(long sid, (int Count, ulong Hash) before, Txn txn)
    {
        if (predecessors.TryGetValue(txn, out var first))
        {
            if (first.Count != before.Count || first.Hash != before.Hash)
            {
                Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} after {before.Count} transactions, peer {first.Sid} after {first.Count} different ones");
            }
        }
        else
        {
            predecessors[txn] = (sid, before.Count, before.Hash);
        }
        return (before.Count + 1, ChainHash.Extend(before.Hash, txn));
    }
}
