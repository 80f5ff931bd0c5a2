using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>
/// The leader's prep stage: requests checked against the tree plus the changes prepared before them,
/// turned into the txns every server applies, or into the client's error.
/// </summary>
public sealed class PrepRequestProcessorSpec
{
    private const long Session = 0x100000001;
    private static readonly ImmutableArray<Id> NoAuth = [new Id("ip", "127.0.0.1")];
    private readonly DataTree tree = new();
    private readonly PrepRequestProcessor prep;
    private long zxid = 0x100000000;

    public PrepRequestProcessorSpec() => prep = new PrepRequestProcessor(tree, AuthIds.DigestOf("super:secret"));

    [Fact]
    public void Sequential_names_take_ten_digits_from_the_parents_child_version()
    {
        Commit(Create("/q", CreateMode.Persistent));

        var first = Commit(Create("/q/item-", CreateMode.PersistentSequential));
        var second = Commit(Create("/q/item-", CreateMode.EphemeralSequential));

        Assert.Equal("/q/item-0000000000", first.Path);
        Assert.Equal("/q/item-0000000001", second.Path);
        Assert.Equal(Session, tree.GetNode(second.Path!)!.EphemeralOwner);
    }

    [Fact]
    public void Sequential_names_stay_unique_across_prepared_but_unapplied_creates()
    {
        Commit(Create("/q", CreateMode.Persistent));

        var (_, a) = prep.Prep(Request(Create("/q/n-", CreateMode.PersistentSequential)), ++zxid, 0);
        var (_, b) = prep.Prep(Request(Create("/q/n-", CreateMode.PersistentSequential)), ++zxid, 0);

        Assert.Equal("/q/n-0000000000", ((CreateTxn)a).Path);
        Assert.Equal("/q/n-0000000001", ((CreateTxn)b).Path);
    }

    [Fact]
    public void A_negative_child_version_formats_as_Java_does()
    {
        Assert.Equal("-000000001", PrepRequestProcessor.SequenceSuffix(-1));
        Assert.Equal("2147483647", PrepRequestProcessor.SequenceSuffix(int.MaxValue));
    }

    [Fact]
    public void Creating_a_prepared_path_again_fails_before_the_first_is_applied()
    {
        prep.Prep(Request(Create("/a", CreateMode.Persistent)), ++zxid, 0);

        var (header, txn) = prep.Prep(Request(Create("/a", CreateMode.Persistent)), ++zxid, 0);

        Assert.Equal(OpCode.Error, header.Type);
        Assert.Equal(new ErrorTxn(ErrorCode.NodeExists), txn);
    }

    [Fact]
    public void Versions_are_checked_and_incremented()
    {
        Commit(Create("/a", CreateMode.Persistent));

        Assert.Equal(new ErrorTxn(ErrorCode.BadVersion), Prep(new SetDataOp("/a", [1], 5)));
        Assert.Equal(1, ((SetDataTxn)Prep(new SetDataOp("/a", [1], 0))).Version);
        Assert.Equal(2, ((SetDataTxn)Prep(new SetDataOp("/a", [2], -1))).Version);
    }

    [Fact]
    public void Delete_refuses_a_node_with_children_and_a_missing_node()
    {
        Commit(Create("/a", CreateMode.Persistent));
        Commit(Create("/a/b", CreateMode.Persistent));

        Assert.Equal(new ErrorTxn(ErrorCode.NotEmpty), Prep(new DeleteOp("/a", -1)));
        Assert.Equal(new ErrorTxn(ErrorCode.NoNode), Prep(new DeleteOp("/nope", -1)));
        Assert.Equal(new ErrorTxn(ErrorCode.BadArguments), Prep(new DeleteOp("/", -1)));
    }

    [Fact]
    public void An_ephemeral_cannot_have_children()
    {
        Commit(Create("/e", CreateMode.Ephemeral));

        Assert.Equal(new ErrorTxn(ErrorCode.NoChildrenForEphemerals), Prep(Create("/e/c", CreateMode.Persistent)));
    }

    [Fact]
    public void Bad_paths_and_flags_are_bad_arguments()
    {
        Assert.Equal(new ErrorTxn(ErrorCode.BadArguments), Prep(Create("no-slash", CreateMode.Persistent)));
        Assert.Equal(new ErrorTxn(ErrorCode.BadArguments), Prep(new CreateOp(OpCode.Create, "/a", [], Acl.OpenUnsafe, 42)));
        Assert.Equal(new ErrorTxn(ErrorCode.BadArguments), Prep(new CreateOp(OpCode.CreateTtl, "/t", [], Acl.OpenUnsafe, (int)CreateMode.PersistentWithTtl, 0)));
        Assert.Equal(new ErrorTxn(ErrorCode.BadArguments), Prep(new CreateOp(OpCode.Create, "/c", [], Acl.OpenUnsafe, (int)CreateMode.Container)));
    }

    [Fact]
    public void Acls_are_enforced_for_every_operation()
    {
        var alice = new Id("digest", AuthIds.DigestOf("alice:pw"));
        Commit(new CreateOp(OpCode.Create, "/private", [], [new Acl(Perms.Read | Perms.Create, alice)], 0), [alice]);

        Assert.Equal(new ErrorTxn(ErrorCode.NoAuth), Prep(new SetDataOp("/private", [1], -1)));
        Assert.Equal(new ErrorTxn(ErrorCode.NoAuth), Prep(Create("/private/x", CreateMode.Persistent)));
        Assert.IsType<CreateTxn>(Prep(Create("/private/x", CreateMode.Persistent), [alice]));
        Assert.IsType<SetDataTxn>(Prep(new SetDataOp("/private", [1], -1), [new Id("digest", AuthIds.DigestOf("super:secret"))]));
    }

    [Fact]
    public void The_auth_scheme_expands_to_the_sessions_authenticated_identities()
    {
        var bob = new Id("digest", AuthIds.DigestOf("bob:pw"));

        var txn = (CreateTxn)Prep(new CreateOp(OpCode.Create, "/mine", [], Acl.CreatorAll, 0), [NoAuth[0], bob]);

        Assert.Equal([new Acl(Perms.All, bob)], txn.Acl.ToArray());
        Assert.Equal(new ErrorTxn(ErrorCode.InvalidAcl), Prep(new CreateOp(OpCode.Create, "/x", [], Acl.CreatorAll, 0)));
        Assert.Equal(new ErrorTxn(ErrorCode.InvalidAcl), Prep(new CreateOp(OpCode.Create, "/y", [], [], 0)));
    }

    [Fact]
    public void An_ip_acl_matches_addresses_in_its_network()
    {
        Commit(new CreateOp(OpCode.Create, "/lan", [], [new Acl(Perms.All, new Id("ip", "10.1.0.0/16"))], 0),
            [new Id("ip", "10.1.2.3")]);

        Assert.IsType<SetDataTxn>(Prep(new SetDataOp("/lan", [], -1), [new Id("ip", "10.1.200.7")]));
        Assert.Equal(new ErrorTxn(ErrorCode.NoAuth), Prep(new SetDataOp("/lan", [], -1), [new Id("ip", "10.2.0.1")]));
    }

    [Fact]
    public void A_multi_is_all_or_nothing()
    {
        Commit(Create("/a", CreateMode.Persistent));

        var (header, txn) = prep.Prep(Request(new MultiOp([
            Create("/b", CreateMode.Persistent),
            new SetDataOp("/a", [1], 7),
            new DeleteOp("/a", -1),
        ])), ++zxid, 0);
        var result = tree.Apply(header, txn);
        prep.Applied(zxid);

        var ops = ((MultiTxn)txn).Txns;
        Assert.IsType<CreateTxn>(ops[0]);
        Assert.Equal(new ErrorTxn(ErrorCode.BadVersion), ops[1]);
        Assert.Equal(new ErrorTxn(ErrorCode.RuntimeInconsistency), ops[2]);
        Assert.Equal(ErrorCode.BadVersion, result.Error);
        Assert.Null(tree.GetNode("/b"));
        // The failed multi left no change record behind: /b can be created now.
        Assert.IsType<CreateTxn>(Prep(Create("/b", CreateMode.Persistent)));
    }

    [Fact]
    public void Ops_in_a_multi_see_the_changes_of_the_ops_before_them()
    {
        var txn = (MultiTxn)Prep(new MultiOp([
            Create("/m", CreateMode.Persistent),
            Create("/m/c", CreateMode.Persistent),
            new SetDataOp("/m", [1], 0),
            new CheckVersionOp("/m", 1),
        ]));

        Assert.DoesNotContain(txn.Txns, t => t is ErrorTxn);
    }

    [Fact]
    public void Closing_a_session_names_its_ephemerals_including_prepared_ones()
    {
        Commit(Create("/e1", CreateMode.Ephemeral));
        prep.Prep(Request(Create("/e2", CreateMode.Ephemeral)), ++zxid, 0);

        var txn = (CloseSessionTxn)Prep(CloseSessionOp.Instance);

        Assert.Equal(["/e1", "/e2"], txn.PathsToDelete.ToArray());
    }

    [Fact]
    public void Applied_change_records_are_dropped()
    {
        Commit(Create("/a", CreateMode.Persistent));

        Assert.Equal(0, prep.OutstandingCount);
    }

    private static CreateOp Create(string path, CreateMode mode) => new(OpCode.Create, path, [1], Acl.OpenUnsafe, (int)mode);

    private ZooRequest Request(ZooOp op, ImmutableArray<Id>? auth = null) => new(Session, 1, auth ?? NoAuth, op);

    private ZooTxn Prep(ZooOp op, ImmutableArray<Id>? auth = null) => prep.Prep(Request(op, auth), ++zxid, 0).Txn;

    /// <summary>Preps, applies and retires one request, as the leader's pipeline does once it commits.</summary>
    private ApplyResult Commit(ZooOp op, ImmutableArray<Id>? auth = null)
    {
        var (header, txn) = prep.Prep(Request(op, auth), ++zxid, 0);
        var result = tree.Apply(header, txn);
        prep.Applied(zxid);
        Assert.Equal(ErrorCode.Ok, result.Error);
        return result;
    }
}
