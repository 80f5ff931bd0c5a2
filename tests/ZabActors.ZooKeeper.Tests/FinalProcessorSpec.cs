using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Final;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Protocol;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Replies and watches of the final stage: reads from the local tree, writes once applied.</summary>
public sealed class FinalProcessorSpec
{
    private const long Session = 0x100000001;
    private const long Connection = 7;
    private static readonly ImmutableArray<Id> Anyone = [new Id("ip", "127.0.0.1")];
    private readonly DataTree tree = new();
    private readonly WatchManager watches = new();
    private readonly PrepRequestProcessor prep;
    private readonly ReadProcessor reads;
    private long zxid = 0x100000000;

    public FinalProcessorSpec()
    {
        prep = new PrepRequestProcessor(tree);
        reads = new ReadProcessor(tree, watches);
    }

    [Fact]
    public void Exists_on_a_missing_node_is_NoNode_but_leaves_a_watch_that_fires_on_create()
    {
        var (error, _) = reads.Serve(new ReadRequest(OpCode.Exists, "/later", true), Connection, Session, Anyone);
        Assert.Equal(ErrorCode.NoNode, error);

        var (_, triggers) = Write(new CreateOp(OpCode.Create, "/later", [], Acl.OpenUnsafe, 0));

        Assert.Equal([new WatchEvent(Connection, EventType.NodeCreated, "/later")], triggers);
    }

    [Fact]
    public void GetData_on_a_missing_node_leaves_no_watch()
    {
        reads.Serve(new ReadRequest(OpCode.GetData, "/nope", true), Connection, Session, Anyone);

        Assert.Equal(0, watches.DataWatchCount);
    }

    [Fact]
    public void A_getChildren_watch_fires_once_when_a_child_is_added()
    {
        Write(new CreateOp(OpCode.Create, "/p", [], Acl.OpenUnsafe, 0));
        var (error, body) = reads.Serve(new ReadRequest(OpCode.GetChildren2, "/p", true), Connection, Session, Anyone);
        Assert.Equal(ErrorCode.Ok, error);
        Assert.Empty(((GetChildrenResponse)body).Children);

        var (_, first) = Write(new CreateOp(OpCode.Create, "/p/a", [], Acl.OpenUnsafe, 0));
        var (_, second) = Write(new CreateOp(OpCode.Create, "/p/b", [], Acl.OpenUnsafe, 0));

        Assert.Equal([new WatchEvent(Connection, EventType.NodeChildrenChanged, "/p")], first);
        Assert.Empty(second);
    }

    [Fact]
    public void Reads_check_the_acl()
    {
        var alice = new Id("digest", AuthIds.DigestOf("alice:pw"));
        Write(new CreateOp(OpCode.Create, "/secret", [9], [new Acl(Perms.All, alice)], 0), [alice]);

        Assert.Equal(ErrorCode.NoAuth, reads.Serve(new ReadRequest(OpCode.GetData, "/secret", false), Connection, Session, Anyone).Error);
        Assert.Equal(ErrorCode.Ok, reads.Serve(new ReadRequest(OpCode.GetData, "/secret", false), Connection, Session, [alice]).Error);
        // exists needs no permission, as in ZooKeeper.
        Assert.Equal(ErrorCode.Ok, reads.Serve(new ReadRequest(OpCode.Exists, "/secret", false), Connection, Session, Anyone).Error);
    }

    [Fact]
    public void Create2_replies_with_the_stat_and_create_with_the_path_only()
    {
        var (create, _) = Write(new CreateOp(OpCode.Create, "/a", [], Acl.OpenUnsafe, 0));
        var (create2, _) = Write(new CreateOp(OpCode.Create2, "/b", [1, 2], Acl.OpenUnsafe, 0));

        Assert.Equal(new PathResponse("/a"), create.Body);
        var stat = Assert.IsType<Create2Response>(create2.Body).Stat;
        Assert.Equal(2, stat.DataLength);
    }

    [Fact]
    public void A_failed_multi_replies_OK_with_an_error_result_per_op()
    {
        var ((error, body), _) = Write(new MultiOp([new CreateOp(OpCode.Create, "/x", [], Acl.OpenUnsafe, 0), new DeleteOp("/missing", -1)]));

        Assert.Equal(ErrorCode.Ok, error);
        var results = ((MultiResponse)body).Results;
        Assert.Equal([(OpCode.Error, ErrorCode.Ok), (OpCode.Error, ErrorCode.NoNode)], results.Select(r => (r.Type, r.Error)));
    }

    [Fact]
    public void MultiRead_reports_each_op_and_getEphemerals_lists_the_sessions_nodes()
    {
        Write(new CreateOp(OpCode.Create, "/e", [5], Acl.OpenUnsafe, (int)CreateMode.Ephemeral));

        var multi = reads.ServeMulti(new MultiReadRequest([new ReadRequest(OpCode.GetData, "/e", false), new ReadRequest(OpCode.GetData, "/none", false)]), Connection, Session, Anyone);
        var (_, ephemerals) = reads.Serve(new ReadRequest(OpCode.GetEphemerals, "/", false), Connection, Session, Anyone);

        Assert.Equal([ErrorCode.Ok, ErrorCode.NoNode], multi.Results.Select(r => r.Error));
        Assert.Equal(["/e"], ((PathsResponse)ephemerals).Paths.ToArray());
    }

    private ((ErrorCode Error, ClientResponse Body) Reply, List<WatchEvent> Events) Write(ZooOp op, ImmutableArray<Id>? auth = null)
    {
        var (header, txn) = prep.Prep(new ZooRequest(Session, 1, auth ?? Anyone, op), ++zxid, 1000);
        var result = tree.Apply(header, txn);
        prep.Applied(zxid);
        var events = result.Triggers.SelectMany(watches.Trigger).ToList();
        return (WriteResponses.For(op, result), events);
    }
}
