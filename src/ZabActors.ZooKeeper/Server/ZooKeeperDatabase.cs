using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;
using ZabActors.Zab;

namespace ZabActors.ZooKeeper.Server;

/// <summary>
/// The data tree as ZAB's replicated state machine (ZooKeeper's ZKDatabase): every committed ZAB txn
/// carries one ZooKeeper txn (TxnCodec: header then record, the header's zxid being the ZAB zxid), which
/// is applied to the tree in zxid order. What each apply did waits in <see cref="DrainApplied"/> for the
/// server layer, which answers its own clients and fires watches from it. Snapshots are the tree's.
/// </summary>
public sealed class ZooKeeperDatabase : IStateMachine
{
    private readonly Queue<AppliedTxn> applied = new();

    public DataTree Tree { get; private set; } = new();

    public Zxid LastApplied => new(Tree.LastProcessedZxid);

    /// <summary>How many applied txns wait to be drained.</summary>
    public int PendingCount => applied.Count;

    public void Apply(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        var (header, record) = TxnCodec.Decode(txn.Data.Span);
        if (header.Zxid != txn.Zxid.Value)
        {
            // The leader writes the zxid ZAB gave the proposal into the header; a mismatch means the
            // log holds something other than what was proposed, and applying it would fork the tree.
            throw new InvalidOperationException($"txn {txn.Zxid} carries header zxid {new Zxid(header.Zxid)}");
        }
        if (txn.Zxid.Value <= Tree.LastProcessedZxid)
        {
            throw new InvalidOperationException($"applying {txn.Zxid} after {LastApplied}: zxids must ascend");
        }
        var result = Tree.Apply(header, record);
        applied.Enqueue(new AppliedTxn(header, record, result));
    }

    /// <summary>Everything applied since the last drain, in zxid order.</summary>
    public IReadOnlyList<AppliedTxn> DrainApplied()
    {
        var drained = applied.ToList();
        applied.Clear();
        return drained;
    }

    public Snapshot TakeSnapshot() => new(LastApplied, Bytes.Wrap(Tree.Serialize()));

    public void Restore(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var tree = DataTree.Deserialize(snapshot.Data.Span);
        if (tree.LastProcessedZxid != snapshot.Zxid.Value)
        {
            throw new InvalidOperationException($"snapshot {snapshot.Zxid} holds a tree at {new Zxid(tree.LastProcessedZxid)}");
        }
        Tree = tree;
        applied.Clear();
    }
}

/// <summary>One applied txn: who asked (header), what it was, and what it did.</summary>
public sealed record AppliedTxn(TxnHeader Header, ZooTxn Txn, ApplyResult Result);
