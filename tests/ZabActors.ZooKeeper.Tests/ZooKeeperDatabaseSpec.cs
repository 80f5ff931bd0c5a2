using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Server;
using ZabActors.ZooKeeper.Txns;
using ZabActors.Zab;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>The data tree behind ZAB's state-machine interface, and session passwords.</summary>
public sealed class ZooKeeperDatabaseSpec
{
    [Fact]
    public void Committed_txns_apply_in_order_and_their_results_are_drained_once()
    {
        var db = new ZooKeeperDatabase();
        var zxid = Zxid.Make(1, 1);

        db.Apply(Txn(zxid, new CreateTxn("/a", [1], Acl.OpenUnsafe, false, 1)));

        Assert.Equal(zxid, db.LastApplied);
        var applied = Assert.Single(db.DrainApplied());
        Assert.Equal("/a", applied.Result.Path);
        Assert.Empty(db.DrainApplied());
        Assert.Throws<InvalidOperationException>(() => db.Apply(Txn(zxid, new DeleteTxn("/a"))));
    }

    [Fact]
    public void A_header_zxid_other_than_the_proposals_is_refused()
    {
        var db = new ZooKeeperDatabase();
        var bytes = TxnCodec.Encode(new TxnHeader(1, 1, 99, 0, OpCode.Delete), new DeleteTxn("/a"));

        Assert.Throws<InvalidOperationException>(() => db.Apply(new Txn(Zxid.Make(1, 1), Bytes.Wrap(bytes))));
    }

    [Fact]
    public void A_snapshot_restores_the_tree_at_its_zxid()
    {
        var db = new ZooKeeperDatabase();
        db.Apply(Txn(Zxid.Make(1, 1), new CreateTxn("/a", [1], Acl.OpenUnsafe, false, 1)));
        db.Apply(Txn(Zxid.Make(1, 2), new SetDataTxn("/a", [2], 1)));
        var snapshot = db.TakeSnapshot();

        var restored = new ZooKeeperDatabase();
        restored.Restore(snapshot);

        Assert.Equal(Zxid.Make(1, 2), restored.LastApplied);
        Assert.Equal([2], restored.Tree.GetNode("/a")!.Data);
    }

    [Fact]
    public void Every_server_derives_the_same_password_and_a_wrong_one_fails()
    {
        var secret = new byte[32];
        var a = new SessionPasswords(secret);
        var b = new SessionPasswords((byte[])secret.Clone());

        Assert.Equal(a.For(42), b.For(42));
        Assert.True(b.Check(42, a.For(42)));
        Assert.False(b.Check(43, a.For(42)));
        Assert.Equal(16, a.For(42).Length);
    }

    private static Txn Txn(Zxid zxid, ZooTxn txn) =>
        new(zxid, Bytes.Wrap(TxnCodec.Encode(new TxnHeader(7, 1, zxid.Value, 1000, txn.Type), txn)));
}
