using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Txns;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Tree;

// Applying committed txns, as ZooKeeper's DataTree.processTxn and ZKDatabase do. A txn that does not
// fit the tree (a create whose node exists, replayed over a newer snapshot) is reported, not thrown:
// every server must get through the same log.
public sealed partial class DataTree
{
    /// <summary>Applies one committed txn; <paramref name="header"/>'s zxid must not go backwards for a top-level txn.</summary>
    public ApplyResult Apply(TxnHeader header, ZooTxn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        var result = ApplyOne(header, txn);
        if (header.Zxid > LastProcessedZxid)
        {
            // Only after the whole txn (a multi included): a snapshot at this zxid holds all of it.
            LastProcessedZxid = header.Zxid;
        }
        return result;
    }

    private ApplyResult ApplyOne(TxnHeader header, ZooTxn txn) => txn switch
    {
        CreateTxn c => Create(c.Path, c.Data, c.Acl, c.Ephemeral ? header.ClientId : EphemeralOwner.None, c.ParentCVersion, header),
        CreateContainerTxn c => Create(c.Path, c.Data, c.Acl, EphemeralOwner.Container, c.ParentCVersion, header),
        CreateTtlTxn c => Create(c.Path, c.Data, c.Acl, EphemeralOwner.ForTtl(c.TtlMs), c.ParentCVersion, header),
        DeleteTxn d => Delete(d.Path, header.Zxid),
        SetDataTxn s => SetData(s, header),
        SetAclTxn s => SetAcl(s),
        CheckVersionTxn c => ApplyResult.Ok(c.Path, null),
        CreateSessionTxn s => OpenSession(header.ClientId, s.TimeoutMs),
        CloseSessionTxn c => CloseSession(header.ClientId, c.PathsToDelete, header.Zxid),
        ErrorTxn e => ApplyResult.Failed(e.Error, null),
        MultiTxn m => ApplyMulti(header, m),
        _ => throw new ArgumentException($"unknown txn {txn.GetType().Name}", nameof(txn)),
    };

    private ApplyResult Create(string path, byte[]? data, ImmutableArray<Acl> acl, long owner, int parentCVersion, TxnHeader header)
    {
        var parentPath = ZooPath.Parent(path);
        if (!nodes.TryGetValue(parentPath, out var parent))
        {
            return ApplyResult.Failed(ErrorCode.NoNode, path);
        }
        if (nodes.ContainsKey(path))
        {
            // Replaying a create over a snapshot that already has the node (and possibly a later child
            // list) still moves the parent's cversion forward, as ZooKeeper does for plain creates.
            if (header.Type == OpCode.Create)
            {
                AdvanceChildVersion(parent, parentCVersion, header.Zxid);
            }
            return ApplyResult.Failed(ErrorCode.NodeExists, path);
        }
        AdvanceChildVersion(parent, parentCVersion, header.Zxid);
        var node = new DataNode(data, acl, header.Zxid, header.Time, owner);
        parent.Children.Add(ZooPath.Name(path));
        nodes[path] = node;
        var session = EphemeralOwner.Session(owner);
        if (session != 0)
        {
            EphemeralSet(session).Add(path);
        }
        return ApplyResult.Ok(path, node.Stat,
            new WatchTrigger(path, EventType.NodeCreated),
            new WatchTrigger(parentPath, EventType.NodeChildrenChanged));
    }

    private ApplyResult Delete(string path, long zxid)
    {
        if (path == ZooPath.Root || !nodes.TryGetValue(ZooPath.Parent(path), out var parent))
        {
            return ApplyResult.Failed(ErrorCode.NoNode, path);
        }
        parent.Children.Remove(ZooPath.Name(path));
        if (zxid > parent.Pzxid)
        {
            parent.Pzxid = zxid;
        }
        if (!nodes.Remove(path, out var node))
        {
            return ApplyResult.Failed(ErrorCode.NoNode, path);
        }
        var session = EphemeralOwner.Session(node.EphemeralOwner);
        if (session != 0 && ephemerals.TryGetValue(session, out var owned))
        {
            owned.Remove(path);
            if (owned.Count == 0)
            {
                ephemerals.Remove(session);
            }
        }
        return ApplyResult.Ok(path, null,
            new WatchTrigger(path, EventType.NodeDeleted),
            new WatchTrigger(ZooPath.Parent(path), EventType.NodeChildrenChanged));
    }

    private ApplyResult SetData(SetDataTxn txn, TxnHeader header)
    {
        if (!nodes.TryGetValue(txn.Path, out var node))
        {
            return ApplyResult.Failed(ErrorCode.NoNode, txn.Path);
        }
        node.Data = txn.Data;
        node.Mtime = header.Time;
        node.Mzxid = header.Zxid;
        node.Version = txn.Version;
        return ApplyResult.Ok(txn.Path, node.Stat, new WatchTrigger(txn.Path, EventType.NodeDataChanged));
    }

    private ApplyResult SetAcl(SetAclTxn txn)
    {
        if (!nodes.TryGetValue(txn.Path, out var node))
        {
            return ApplyResult.Failed(ErrorCode.NoNode, txn.Path);
        }
        node.Acl = txn.Acl;
        node.Aversion = txn.Version;
        return ApplyResult.Ok(txn.Path, node.Stat);
    }

    private ApplyResult OpenSession(long sessionId, int timeoutMs)
    {
        sessions[sessionId] = timeoutMs;
        return ApplyResult.Ok(null, null);
    }

    /// <summary>
    /// Deletes the paths the txn names (what the leader saw the session own) and then whatever else this
    /// server still has for the session, so that every server ends without the session's ephemerals.
    /// </summary>
    private ApplyResult CloseSession(long sessionId, ImmutableArray<string> named, long zxid)
    {
        sessions.Remove(sessionId);
        var triggers = ImmutableArray.CreateBuilder<WatchTrigger>();
        var local = ephemerals.TryGetValue(sessionId, out var owned) ? owned.ToList() : [];
        foreach (var path in named.Concat(local.Except(named, StringComparer.Ordinal)))
        {
            if (nodes.TryGetValue(path, out var node) && EphemeralOwner.Session(node.EphemeralOwner) == sessionId)
            {
                triggers.AddRange(Delete(path, zxid).Triggers);
            }
        }
        ephemerals.Remove(sessionId);
        return new ApplyResult(ErrorCode.Ok, null, null, [], triggers.ToImmutable());
    }

    /// <summary>
    /// A multi whose prep failed carries an ErrorTxn for the failing op: then every op reports an error
    /// (ok before the failure, runtime inconsistency after it) and nothing changes, as in ZooKeeper.
    /// </summary>
    private ApplyResult ApplyMulti(TxnHeader header, MultiTxn multi)
    {
        var failed = multi.Txns.Any(t => t is ErrorTxn);
        var results = ImmutableArray.CreateBuilder<ApplyResult>(multi.Txns.Length);
        var triggers = ImmutableArray.CreateBuilder<WatchTrigger>();
        var error = ErrorCode.Ok;
        var afterFailure = false;
        foreach (var sub in multi.Txns)
        {
            if (sub is MultiTxn)
            {
                throw new ArgumentException("a multi cannot nest a multi", nameof(multi));
            }
            afterFailure |= sub is ErrorTxn;
            var effective = failed && sub is not ErrorTxn
                ? new ErrorTxn(afterFailure ? ErrorCode.RuntimeInconsistency : ErrorCode.Ok)
                : sub;
            var result = ApplyOne(header with { Type = effective.Type }, effective);
            results.Add(result);
            triggers.AddRange(result.Triggers);
            if (result.Error != ErrorCode.Ok && error == ErrorCode.Ok)
            {
                error = result.Error;
            }
        }
        return new ApplyResult(error, null, null, results.MoveToImmutable(), triggers.ToImmutable());
    }

    /// <summary>A create replayed over a snapshot that holds a later state must not move the parent back.</summary>
    private static void AdvanceChildVersion(DataNode parent, int parentCVersion, long zxid)
    {
        if (parentCVersion == -1)
        {
            parentCVersion = parent.Cversion + 1;
        }
        if (parentCVersion > parent.Cversion)
        {
            parent.Cversion = parentCVersion;
            parent.Pzxid = zxid;
        }
    }

    private SortedSet<string> EphemeralSet(long session)
    {
        if (!ephemerals.TryGetValue(session, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            ephemerals[session] = set;
        }
        return set;
    }
}
