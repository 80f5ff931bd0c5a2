
using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Zab.tla's Integrity: a peer delivers only what some primary broadcast. We also require that the
/// payload came from a client write, so nothing is invented on the way from client to state machine.
/// The client's payload is the transaction data after the peer's <see cref="TxnOrigin"/> header.
/// </summary>
public sealed class IntegrityChecker : InvariantChecker
{
    private readonly HashSet<Txn> broadcast = [];
    private readonly HashSet<Bytes> submitted = [];

    public override string Property => "Integrity";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case ClientWriteSubmitted submit:
                submitted.Add(submit.Data);
                break;
            case TxnBroadcast cast:
                if (!submitted.Contains(ClientPayload(cast.Txn)))
                {
                    Violated($"leader {cast.Sid} broadcast {HistoryEvent.Show(cast.Txn)} that no client wrote");
                }
                broadcast.Add(cast.Txn);
                break;
            case TxnApplied applied:
                Check(applied.Sid, applied.Txn);
                break;
            case StateRestored restored:
                foreach (var txn in restored.Txns) Check(restored.Sid, txn);
                break;
        }
    }

    internal static Bytes ClientPayload(Txn txn) => Bytes.CopyFrom(TxnOrigin.Payload(txn).Span);

    private void Check(long sid, Txn txn)
    {
        if (!broadcast.Contains(txn))
        {
            Violated($"peer {sid} delivered {HistoryEvent.Show(txn)} that no leader broadcast");
        }
    }
}
