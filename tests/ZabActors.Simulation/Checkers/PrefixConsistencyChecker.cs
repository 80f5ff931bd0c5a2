using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's PrefixConsistency: of any two peers' delivered sequences one is a prefix of the other.
/// Checked against one global sequence, the longest delivered so far: every peer's sequence must be
/// a prefix of it, and a peer delivering past its end extends it. The global sequence never shrinks,
/// so a committed transaction that a later history drops shows up as a divergence here.
/// </summary>
public sealed class PrefixConsistencyChecker : InvariantChecker
{
    private readonly List<Txn> global = [];
    private readonly Dictionary<long, int> delivered = new();

    public override string Property => "PrefixConsistency";

    /// <summary>The longest delivered sequence so far; every peer's history is a prefix of it.</summary>
    public IReadOnlyList<Txn> Global => global;

    /// <summary>How many transactions the current incarnation of <paramref name="sid"/> delivered.</summary>
    public int DeliveredCount(long sid) => delivered.GetValueOrDefault(sid);

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case StateMachineCreated started:
                delivered[started.Sid] = 0;
                break;
            case TxnApplied applied:
                Deliver(applied.Sid, delivered.GetValueOrDefault(applied.Sid), applied.Txn);
                delivered[applied.Sid] = delivered.GetValueOrDefault(applied.Sid) + 1;
                break;
            case StateRestored restored:
                for (var i = 0; i < restored.Txns.Length; i++) Deliver(restored.Sid, i, restored.Txns[i]);
                delivered[restored.Sid] = restored.Txns.Length;
                break;
        }
    }

    private void Deliver(long sid, int position, Txn txn)
    {
        if (position < global.Count)
        {
            if (!global[position].Equals(txn))
            {
                Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} at position {position} where another peer delivered {HistoryEvent.Show(global[position])}");
            }
            return;
        }
        global.Add(txn);
    }
}
