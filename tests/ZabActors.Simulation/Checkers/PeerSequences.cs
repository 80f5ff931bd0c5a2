using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// The sequence each peer's current incarnation has delivered (a restored snapshot counts as its
/// content delivered), kept by checkers that reason about per-peer order. A new incarnation starts
/// empty, because our state machine is rebuilt from snapshot and log on every restart.
/// </summary>
internal sealed class PeerSequences
{
    private readonly Dictionary<long, Sequence> peers = new();

    /// <summary>Applies the event to the sequences; true when it changed one (start, apply or restore).</summary>
    public bool Track(HistoryEvent evt)
    {
        switch (evt)
        {
            case StateMachineCreated started:
                peers[started.Sid] = new Sequence();
                return true;
            case TxnApplied applied:
                Of(applied.Sid).Add(applied.Txn);
                return true;
            case StateRestored restored:
                var sequence = peers[restored.Sid] = new Sequence();
                foreach (var txn in restored.Txns) sequence.Add(txn);
                return true;
            default:
                return false;
        }
    }

    public Sequence Of(long sid)
    {
        if (!peers.TryGetValue(sid, out var sequence))
        {
            sequence = peers[sid] = new Sequence();
        }
        return sequence;
    }

    public IEnumerable<KeyValuePair<long, Sequence>> All => peers;

    /// <summary>One peer's delivered transactions, in delivery order, with a zxid index.</summary>
    internal sealed class Sequence
    {
        private readonly List<Txn> txns = [];
        private readonly HashSet<Zxid> zxids = [];

        public int Count => txns.Count;

        public Txn this[int index] => txns[index];

        public Txn? Last => txns.Count == 0 ? null : txns[^1];

        public bool Contains(Zxid zxid) => zxids.Contains(zxid);

        public void Add(Txn txn)
        {
            txns.Add(txn);
            zxids.Add(txn.Zxid);
        }
    }
}
