using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's PrimaryIntegrity: if the primary of epoch e broadcasts t, and some peer delivered t'
/// of an older epoch, the primary delivers t' before t. When epoch e's first broadcast is seen we
/// note the newest older-epoch transaction delivered anywhere; from then on any peer delivering a
/// transaction of epoch e must already hold that one (and, by prefix order, everything before it).
/// </summary>
public sealed class PrimaryIntegrityChecker : InvariantChecker
{
    private readonly PeerSequences sequences = new();
    private readonly SortedDictionary<long, Zxid> newestDeliveredOfEpoch = new();
    private readonly Dictionary<long, Zxid> requiredBeforeEpoch = new();

    public override string Property => "PrimaryIntegrity";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case TxnBroadcast cast:
                NoteFirstBroadcast(cast.Txn.Zxid.Epoch);
                break;
            case TxnApplied applied:
                Check(applied.Sid, sequences.Of(applied.Sid), applied.Txn);
                break;
            case StateRestored restored:
                var restoredSoFar = new PeerSequences.Sequence();
                foreach (var txn in restored.Txns)
                {
                    Check(restored.Sid, restoredSoFar, txn);
                    restoredSoFar.Add(txn);
                }
                break;
        }
        sequences.Track(evt);
    }

    private void NoteFirstBroadcast(long epoch)
    {
        if (requiredBeforeEpoch.ContainsKey(epoch)) return;
        var required = Zxid.Zero;
        foreach (var (deliveredEpoch, zxid) in newestDeliveredOfEpoch)
        {
            if (deliveredEpoch < epoch) required = Zxid.Max(required, zxid);
        }
        requiredBeforeEpoch[epoch] = required;
    }

    private void Check(long sid, PeerSequences.Sequence before, Txn txn)
    {
        var epoch = txn.Zxid.Epoch;
        if (requiredBeforeEpoch.TryGetValue(epoch, out var required) && required != Zxid.Zero && !before.Contains(required))
        {
            Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} of epoch {epoch} without {required}, delivered before that epoch's primary broadcast");
        }
        var newest = newestDeliveredOfEpoch.GetValueOrDefault(epoch, Zxid.Zero);
        newestDeliveredOfEpoch[epoch] = Zxid.Max(newest, txn.Zxid);
    }
}
