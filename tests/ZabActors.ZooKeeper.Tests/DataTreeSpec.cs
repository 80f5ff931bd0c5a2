using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Applying txns to the data tree, as ZooKeeper's DataTree.processTxn does.</summary>
public sealed class DataTreeSpec
{
    private const long Session = 0x100000001;
    private readonly DataTree tree = new();
    private long zxid = 0x100000000;

    [Fact]
    public void A_fresh_tree_has_the_root_and_zookeepers_own_nodes()
    {
        Assert.Equal(["zookeeper"], tree.GetNode("/")!.ChildNames);
        Assert.Equal(["config", "quota"], tree.GetNode("/zookeeper")!.ChildNames);
        Assert.Equal(0, tree.LastProcessedZxid);
    }

    [Fact]
    public void Create_sets_the_full_stat_and_moves_the_parents_child_version()
    {
        var result = Apply(new CreateTxn("/a", [1, 2, 3], Acl.OpenUnsafe, false, 1), time: 1000);

        Assert.Equal(ErrorCode.Ok, result.Error);
        var stat = tree.GetNode("/a")!.Stat;
        Assert.Equal(new Stat(zxid, zxid, 1000, 1000, 0, 0, 0, 0, 3, 0, zxid), stat);
        var root = tree.GetNode("/")!;
        Assert.Equal(1, root.Cversion);
        Assert.Equal(zxid, root.Pzxid);
        Assert.Equal(zxid, tree.LastProcessedZxid);
        Assert.Equal([new WatchTrigger("/a", EventType.NodeCreated), new WatchTrigger("/", EventType.NodeChildrenChanged)], result.Triggers.ToArray());
    }

    [Fact]
    public void Create_under_a_missing_parent_is_NoNode_and_changes_nothing()
    {
        var result = Apply(new CreateTxn("/missing/a", [], Acl.OpenUnsafe, false, 1));

        Assert.Equal(ErrorCode.NoNode, result.Error);
        Assert.Null(tree.GetNode("/missing/a"));
        Assert.Empty(result.Triggers);
    }

    [Fact]
    public void Replaying_a_create_over_a_newer_state_reports_NodeExists_and_never_moves_the_parent_back()
    {
        Apply(new CreateTxn("/a", [], Acl.OpenUnsafe, false, 1));
        Apply(new CreateTxn("/b", [], Acl.OpenUnsafe, false, 2));

        var replay = Apply(new CreateTxn("/a", [], Acl.OpenUnsafe, false, 1));

        Assert.Equal(ErrorCode.NodeExists, replay.Error);
        Assert.Equal(2, tree.GetNode("/")!.Cversion);
    }

    [Fact]
    public void Ephemerals_belong_to_the_session_in_the_header_and_go_when_it_closes()
    {
        Apply(new CreateSessionTxn(30000), session: Session);
        Apply(new CreateTxn("/e1", [], Acl.OpenUnsafe, true, 1), session: Session);
        Apply(new CreateTxn("/e2", [], Acl.OpenUnsafe, true, 2), session: Session);
        Assert.Equal(Session, tree.GetNode("/e1")!.EphemeralOwner);
        Assert.Equal(["/e1", "/e2"], tree.EphemeralsOf(Session));

        var closed = Apply(new CloseSessionTxn(["/e1"]), session: Session);

        Assert.Null(tree.GetNode("/e1"));
        Assert.Null(tree.GetNode("/e2"));
        Assert.Empty(tree.EphemeralsOf(Session));
        Assert.False(tree.Sessions.ContainsKey(Session));
        Assert.Contains(new WatchTrigger("/e2", EventType.NodeDeleted), closed.Triggers);
    }

    [Fact]
    public void Delete_updates_the_parents_pzxid_but_not_its_child_version()
    {
        Apply(new CreateTxn("/a", [], Acl.OpenUnsafe, false, 1));
        var result = Apply(new DeleteTxn("/a"));

        Assert.Equal(ErrorCode.Ok, result.Error);
        var root = tree.GetNode("/")!;
        Assert.Equal(1, root.Cversion);
        Assert.Equal(zxid, root.Pzxid);
        Assert.Equal(ErrorCode.NoNode, Apply(new DeleteTxn("/a")).Error);
    }

    [Fact]
    public void SetData_takes_the_version_from_the_txn_and_the_time_from_the_header()
    {
        Apply(new CreateTxn("/a", [1], Acl.OpenUnsafe, false, 1), time: 10);
        var created = zxid;

        var result = Apply(new SetDataTxn("/a", [2, 2], 1), time: 20);

        var stat = result.Stat!.Value;
        Assert.Equal((created, zxid, 10L, 20L, 1, 2), (stat.Czxid, stat.Mzxid, stat.Ctime, stat.Mtime, stat.Version, stat.DataLength));
        Assert.Equal([new WatchTrigger("/a", EventType.NodeDataChanged)], result.Triggers.ToArray());
    }

    [Fact]
    public void SetAcl_sets_the_acl_version()
    {
        Apply(new CreateTxn("/a", [], Acl.OpenUnsafe, false, 1));

        var result = Apply(new SetAclTxn("/a", Acl.ReadUnsafe, 1));

        Assert.Equal(1, result.Stat!.Value.Aversion);
        Assert.Equal(Acl.ReadUnsafe, tree.GetNode("/a")!.Acl);
    }

    [Fact]
    public void Container_and_ttl_nodes_encode_their_type_in_the_ephemeral_owner()
    {
        Apply(new CreateContainerTxn("/c", [], Acl.OpenUnsafe, 1));
        Apply(new CreateTtlTxn("/t", [], Acl.OpenUnsafe, 2, 5000));

        Assert.True(EphemeralOwner.IsContainer(tree.GetNode("/c")!.EphemeralOwner));
        Assert.Equal(5000, EphemeralOwner.TtlMs(tree.GetNode("/t")!.EphemeralOwner));
        Assert.Empty(tree.AllEphemerals());
        Assert.Equal(0, tree.GetNode("/t")!.Stat.EphemeralOwner);
    }

    [Fact]
    public void A_multi_applies_every_op_at_one_zxid()
    {
        var result = Apply(new MultiTxn([
            new CreateTxn("/m", [], Acl.OpenUnsafe, false, 1),
            new CreateTxn("/m/x", [], Acl.OpenUnsafe, false, 1),
            new SetDataTxn("/m", [5], 1),
        ]));

        Assert.Equal(ErrorCode.Ok, result.Error);
        Assert.Equal(3, result.MultiResults.Length);
        Assert.Equal(zxid, tree.GetNode("/m/x")!.Czxid);
        Assert.Equal(1, tree.GetNode("/m")!.Version);
    }

    [Fact]
    public void A_failed_multi_changes_nothing_and_reports_each_ops_error()
    {
        var result = Apply(new MultiTxn([
            new CreateTxn("/m", [], Acl.OpenUnsafe, false, 1),
            new ErrorTxn(ErrorCode.BadVersion),
            new DeleteTxn("/zookeeper"),
        ]));

        Assert.Equal(ErrorCode.BadVersion, result.Error);
        Assert.Equal([ErrorCode.Ok, ErrorCode.BadVersion, ErrorCode.RuntimeInconsistency], result.MultiResults.Select(r => r.Error));
        Assert.Null(tree.GetNode("/m"));
        Assert.NotNull(tree.GetNode("/zookeeper"));
    }

    [Fact]
    public void Paths_lists_parents_before_children_and_counts_descendants()
    {
        Apply(new CreateTxn("/a", [], Acl.OpenUnsafe, false, 1));
        Apply(new CreateTxn("/a/b", [], Acl.OpenUnsafe, false, 1));
        Apply(new CreateTxn("/a/b/c", [], Acl.OpenUnsafe, false, 1));

        var paths = tree.Paths().ToList();

        Assert.True(paths.IndexOf("/a") < paths.IndexOf("/a/b") && paths.IndexOf("/a/b") < paths.IndexOf("/a/b/c"));
        Assert.Equal(2, tree.AllChildrenNumber("/a"));
        Assert.Equal(tree.NodeCount - 1, tree.AllChildrenNumber("/"));
    }

    [Theory]
    [InlineData("/a", false, null)]
    [InlineData("/", false, null)]
    [InlineData("a", false, "Path must start with / character")]
    [InlineData("/a/", false, "Path must not end with / character")]
    [InlineData("/a/", true, null)]
    [InlineData("/a//b", false, "empty node name specified @3")]
    [InlineData("/a/./b", false, "relative paths not allowed @3")]
    [InlineData("/a/../b", false, "relative paths not allowed @4")]
    [InlineData("/a/..b", false, null)]
    [InlineData("/a\u0001", false, "invalid character @2")]
    public void Paths_are_validated_as_ZooKeeper_does(string path, bool sequential, string? reason)
    {
        var error = ZooPath.Validate(path, sequential);

        if (reason is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.NotNull(error);
            Assert.EndsWith(reason, error);
        }
    }

    private ApplyResult Apply(ZooTxn txn, long time = 0, long session = Session)
    {
        zxid++;
        return tree.Apply(new TxnHeader(session, 1, zxid, time, txn.Type), txn);
    }
}
