using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Prep;

/// <summary>
/// The leader's first request processor (ZooKeeper's PrepRequestProcessor): it checks a write against
/// the tree plus the changes already prepared but not yet applied (versions, ACLs, existence, ephemeral
/// parents), and turns it into an idempotent txn — sequential names, new versions and the parent's
/// child version resolved here — or into an ErrorTxn carrying the client's error. Pure: the caller
/// gives the zxid and the leader's time, and tells it when txns have been applied
/// (<see cref="Applied"/>). Partial files: .Create.cs, .Multi.cs.
/// </summary>
public sealed partial class PrepRequestProcessor
{
    private readonly DataTree tree;
    private readonly Queue<ChangeRecord> outstanding = new();
    private readonly Dictionary<string, ChangeRecord> latestByPath = new(StringComparer.Ordinal);

    /// <param name="tree">the leader's tree; it changes only when committed txns are applied.</param>
    /// <param name="superDigest">the digest id ("super:base64") whose holders pass every ACL, or null.</param>
    public PrepRequestProcessor(DataTree tree, string? superDigest = null)
    {
        this.tree = tree;
        SuperDigest = superDigest;
    }

    public string? SuperDigest { get; }

    /// <summary>Prepared changes not yet applied (ZooKeeper's outstandingChanges).</summary>
    public int OutstandingCount => outstanding.Count;

    /// <summary>The txn for <paramref name="request"/> at <paramref name="zxid"/>; an error becomes an ErrorTxn.</summary>
    public (TxnHeader Header, ZooTxn Txn) Prep(ZooRequest request, long zxid, long time)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = new TxnHeader(request.SessionId, request.Cxid, zxid, time, request.Op.Type);
        if (request.Op is MultiOp multi)
        {
            return (header, PrepMulti(request, multi, zxid));
        }
        var pending = new List<ChangeRecord>();
        try
        {
            var txn = PrepOne(request, request.Op, zxid, pending);
            return (header, txn);
        }
        catch (PrepException e)
        {
            Rollback(pending);
            return (header with { Type = OpCode.Error }, new ErrorTxn(e.Code));
        }
    }

    /// <summary>Txns up to <paramref name="zxid"/> are in the tree: their change records are no longer needed.</summary>
    public void Applied(long zxid)
    {
        while (outstanding.TryPeek(out var record) && record.Zxid <= zxid)
        {
            outstanding.Dequeue();
            if (latestByPath.TryGetValue(record.Path, out var latest) && ReferenceEquals(latest, record))
            {
                latestByPath.Remove(record.Path);
            }
        }
    }

    /// <summary>A new leadership starts from the tree alone.</summary>
    public void Reset()
    {
        outstanding.Clear();
        latestByPath.Clear();
    }

    private ZooTxn PrepOne(ZooRequest request, ZooOp op, long zxid, List<ChangeRecord> pending) => op switch
    {
        CreateOp create => PrepCreate(request, create, zxid, pending),
        DeleteOp delete => PrepDelete(request, delete, zxid, pending),
        SetDataOp set => PrepSetData(request, set, zxid, pending),
        SetAclOp set => PrepSetAcl(request, set, zxid, pending),
        CheckVersionOp check => PrepCheck(request, check),
        CreateSessionOp session => new CreateSessionTxn(session.TimeoutMs),
        CloseSessionOp => PrepCloseSession(request, zxid, pending),
        MultiOp => throw new PrepException(ErrorCode.BadArguments, "a multi cannot nest a multi"),
        _ => throw new PrepException(ErrorCode.Unimplemented, $"{op.Type} is not a write"),
    };

    private DeleteTxn PrepDelete(ZooRequest request, DeleteOp op, long zxid, List<ChangeRecord> pending)
    {
        ValidatePath(op.Path);
        if (op.Path == ZooPath.Root)
        {
            throw new PrepException(ErrorCode.BadArguments, "the root cannot be deleted");
        }
        var parent = RecordFor(ZooPath.Parent(op.Path));
        var node = RecordFor(op.Path);
        CheckAcl(parent.Acl, Perms.Delete, request.Auth);
        CheckVersion(node.Stat!.Value.Version, op.Version, op.Path);
        if (node.ChildCount > 0)
        {
            throw new PrepException(ErrorCode.NotEmpty, op.Path);
        }
        var parentStat = parent.Stat!.Value with { Pzxid = zxid };
        Add(pending, parent with { Zxid = zxid, Stat = parentStat, ChildCount = parent.ChildCount - 1 });
        Add(pending, new ChangeRecord(zxid, op.Path, null, 0, []));
        return new DeleteTxn(op.Path);
    }

    private SetDataTxn PrepSetData(ZooRequest request, SetDataOp op, long zxid, List<ChangeRecord> pending)
    {
        ValidatePath(op.Path);
        var node = RecordFor(op.Path);
        CheckAcl(node.Acl, Perms.Write, request.Auth);
        var version = CheckVersion(node.Stat!.Value.Version, op.Version, op.Path);
        var stat = node.Stat.Value with { Version = version, Mzxid = zxid, DataLength = op.Data?.Length ?? 0 };
        Add(pending, node with { Zxid = zxid, Stat = stat });
        return new SetDataTxn(op.Path, op.Data, version);
    }

    private SetAclTxn PrepSetAcl(ZooRequest request, SetAclOp op, long zxid, List<ChangeRecord> pending)
    {
        ValidatePath(op.Path);
        var node = RecordFor(op.Path);
        CheckAcl(node.Acl, Perms.Admin, request.Auth);
        var acl = FixupAcl(op.Acl, request.Auth);
        var version = CheckVersion(node.Stat!.Value.Aversion, op.Version, op.Path);
        Add(pending, node with { Zxid = zxid, Stat = node.Stat.Value with { Aversion = version }, Acl = acl });
        return new SetAclTxn(op.Path, acl, version);
    }

    private CheckVersionTxn PrepCheck(ZooRequest request, CheckVersionOp op)
    {
        ValidatePath(op.Path);
        var node = RecordFor(op.Path);
        CheckAcl(node.Acl, Perms.Read, request.Auth);
        return new CheckVersionTxn(op.Path, CheckVersion(node.Stat!.Value.Version, op.Version, op.Path));
    }

    /// <summary>The session's ephemerals as they will be once everything prepared so far is applied.</summary>
    private CloseSessionTxn PrepCloseSession(ZooRequest request, long zxid, List<ChangeRecord> pending)
    {
        var paths = new SortedSet<string>(tree.EphemeralsOf(request.SessionId), StringComparer.Ordinal);
        foreach (var change in outstanding)
        {
            if (change.Stat is null)
            {
                paths.Remove(change.Path);
            }
            else if (change.Stat.Value.EphemeralOwner == request.SessionId)
            {
                paths.Add(change.Path);
            }
        }
        foreach (var path in paths)
        {
            Add(pending, new ChangeRecord(zxid, path, null, 0, []));
        }
        return new CloseSessionTxn([.. paths]);
    }

    /// <summary>The node as it will be after the prepared changes; NoNode when it will not exist.</summary>
    private ChangeRecord RecordFor(string path)
    {
        if (latestByPath.TryGetValue(path, out var change))
        {
            return change.Exists ? change : throw new PrepException(ErrorCode.NoNode, path);
        }
        var node = tree.GetNode(path) ?? throw new PrepException(ErrorCode.NoNode, path);
        return new ChangeRecord(-1, path, node.Stat, node.ChildCount, node.Acl);
    }

    private bool Exists(string path) =>
        latestByPath.TryGetValue(path, out var change) ? change.Exists : tree.GetNode(path) is not null;

    private void Add(List<ChangeRecord> pending, ChangeRecord record)
    {
        pending.Add(record);
        outstanding.Enqueue(record);
        latestByPath[record.Path] = record;
    }

    /// <summary>Undoes the change records of a request that failed part-way (rollbackPendingChanges).</summary>
    private void Rollback(List<ChangeRecord> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var doomed = new HashSet<ChangeRecord>(pending, ReferenceEqualityComparer.Instance);
        var kept = outstanding.Where(r => !doomed.Contains(r)).ToList();
        outstanding.Clear();
        latestByPath.Clear();
        foreach (var record in kept)
        {
            outstanding.Enqueue(record);
            latestByPath[record.Path] = record;
        }
        pending.Clear();
    }

    private static void ValidatePath(string path, bool sequential = false)
    {
        if (ZooPath.Validate(path, sequential) is { } reason)
        {
            throw new PrepException(ErrorCode.BadArguments, reason);
        }
    }

    /// <summary>-1 matches any version; the result is the version after the change.</summary>
    private static int CheckVersion(int current, int expected, string path)
    {
        if (expected != -1 && expected != current)
        {
            throw new PrepException(ErrorCode.BadVersion, path);
        }
        return unchecked(current + 1);
    }
}
