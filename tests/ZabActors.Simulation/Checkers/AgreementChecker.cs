using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's Agreement, in the form a run can check at every step: peers that deliver a transaction
/// with the same zxid deliver the same transaction, and no peer delivers one zxid twice. (With every
/// peer eventually delivering the whole committed history, checked by liveness, this is Agreement.)
/// </summary>
public sealed class AgreementChecker : InvariantChecker
{
    private readonly Dictionary<Zxid, (long Sid, Bytes Data)> agreed = new();
    private readonly PeerSequences sequences = new();

    public override string Property => "Agreement";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case TxnApplied applied:
                Check(applied.Sid, applied.Txn, sequences.Of(applied.Sid).Contains(applied.Txn.Zxid));
                break;
            case StateRestored restored:
                var seen = new HashSet<Zxid>();
                foreach (var txn in restored.Txns) Check(restored.Sid, txn, !seen.Add(txn.Zxid));
                break;
        }
        sequences.Track(evt);
    }

    private void Check(long sid, Txn txn, bool deliveredBefore)
    {
        if (deliveredBefore)
        {
            Violated($"peer {sid} delivered {txn.Zxid} twice");
        }
        if (agreed.TryGetValue(txn.Zxid, out var first) && first.Data != txn.Data)
        {
            Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} but peer {first.Sid} delivered {txn.Zxid}:{HistoryEvent.Payload(first.Data)}");
        }
        agreed.TryAdd(txn.Zxid, (sid, txn.Data));
    }
}
