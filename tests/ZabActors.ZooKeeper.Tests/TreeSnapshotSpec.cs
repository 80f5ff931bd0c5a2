using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>A tree restored from its snapshot is the tree: nodes, stats, ACLs, ephemerals, sessions, zxid.</summary>
public sealed class TreeSnapshotSpec
{
    [Fact]
    public void A_restored_tree_equals_the_original_and_keeps_applying_the_same_way()
    {
        var tree = new DataTree();
        var zxid = 0x100000000L;
        void Apply(ZooTxn txn, long session = 5) => tree.Apply(new TxnHeader(session, 1, ++zxid, zxid * 10, txn.Type), txn);
        Apply(new CreateSessionTxn(30000));
        Apply(new CreateTxn("/a", [1, 2], Acl.OpenUnsafe, false, 1));
        Apply(new CreateTxn("/a/e", [3], Acl.ReadUnsafe, true, 1));
        Apply(new CreateTtlTxn("/t", null, Acl.OpenUnsafe, 2, 900));
        Apply(new SetDataTxn("/a", [9], 1));

        var restored = DataTree.Deserialize(tree.Serialize());

        Assert.Equal(Dump(tree), Dump(restored));
        Assert.Equal(tree.LastProcessedZxid, restored.LastProcessedZxid);
        Assert.Equal(tree.Sessions, restored.Sessions);
        Assert.Equal(["/a/e"], restored.EphemeralsOf(5));
        var close = new TxnHeader(5, 2, ++zxid, 0, OpCode.CloseSession);
        tree.Apply(close, new CloseSessionTxn(["/a/e"]));
        restored.Apply(close, new CloseSessionTxn(["/a/e"]));
        Assert.Equal(Dump(tree), Dump(restored));
    }

    [Fact]
    public void A_damaged_snapshot_is_refused()
    {
        var bytes = new DataTree().Serialize();

        Assert.Throws<JuteException>(() => DataTree.Deserialize(bytes.AsSpan(0, bytes.Length - 3)));
        bytes[0] ^= 0xFF;
        Assert.Throws<JuteException>(() => DataTree.Deserialize(bytes));
    }

    private static string Dump(DataTree tree) => string.Join("\n", tree.Paths().Select(path =>
    {
        var node = tree.GetNode(path)!;
        return $"{path} {Convert.ToHexString(node.Data ?? [])} {string.Join(",", node.Acl)} {node.Stat}";
    }));
}
