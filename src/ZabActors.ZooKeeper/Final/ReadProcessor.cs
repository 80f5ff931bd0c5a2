using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Protocol;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Final;

/// <summary>
/// Reads served from this server's tree (the read half of ZooKeeper's FinalRequestProcessor), with
/// the ACL checks and watch registrations ZooKeeper makes: exists leaves a watch even on a missing
/// node (so it fires on create); getData and getChildren leave theirs only when the node exists and
/// may be read.
/// </summary>
public sealed class ReadProcessor(DataTree tree, WatchManager watches, string? superDigest = null)
{
    /// <param name="watcher">the connection that watches, if <paramref name="request"/> asks for a watch.</param>
    /// <param name="sessionId">the caller's session (getEphemerals).</param>
    public (ErrorCode Error, ClientResponse Body) Serve(ReadRequest request, long watcher, long sessionId, ImmutableArray<Id> auth)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type != OpCode.GetEphemerals && ZooPath.Validate(request.Path) is not null)
        {
            return (ErrorCode.BadArguments, EmptyResponse.Instance);
        }
        if (request.Type == OpCode.Exists)
        {
            return Exists(request, watcher);
        }
        if (request.Type == OpCode.GetEphemerals)
        {
            var prefix = request.Path == ZooPath.Root ? "" : request.Path;
            return (ErrorCode.Ok, new PathsResponse([.. tree.EphemeralsUnder(sessionId, prefix)]));
        }
        var node = tree.GetNode(request.Path);
        if (node is null)
        {
            return (ErrorCode.NoNode, EmptyResponse.Instance);
        }
        var perm = request.Type == OpCode.GetAcl ? Perms.Read | Perms.Admin : Perms.Read;
        if (request.Type != OpCode.Sync && !AclCheck.Allows(node.Acl, perm, auth, superDigest))
        {
            return (ErrorCode.NoAuth, EmptyResponse.Instance);
        }
        return (ErrorCode.Ok, Body(request, node, watcher));
    }

    /// <summary>multiRead: each op's result, failures included; the reply header itself is OK.</summary>
    public MultiResponse ServeMulti(MultiReadRequest request, long watcher, long sessionId, ImmutableArray<Id> auth)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = request.Ops.Select(op =>
        {
            var (error, body) = Serve(op, watcher, sessionId, auth);
            return error == ErrorCode.Ok ? new MultiResult(op.Type, error, body) : new MultiResult(OpCode.Error, error, EmptyResponse.Instance);
        });
        return new MultiResponse([.. results]);
    }

    private (ErrorCode, ClientResponse) Exists(ReadRequest request, long watcher)
    {
        if (request.Watch)
        {
            watches.AddDataWatch(request.Path, watcher);
        }
        var node = tree.GetNode(request.Path);
        return node is null ? (ErrorCode.NoNode, EmptyResponse.Instance) : (ErrorCode.Ok, new StatResponse(node.Stat));
    }

    private ClientResponse Body(ReadRequest request, DataNode node, long watcher)
    {
        switch (request.Type)
        {
            case OpCode.GetData:
                if (request.Watch)
                {
                    watches.AddDataWatch(request.Path, watcher);
                }
                return new GetDataResponse(node.Data, node.Stat);
            case OpCode.GetChildren or OpCode.GetChildren2:
                if (request.Watch)
                {
                    watches.AddChildWatch(request.Path, watcher);
                }
                return new GetChildrenResponse([.. node.ChildNames], request.Type == OpCode.GetChildren2 ? node.Stat : null);
            case OpCode.GetAcl:
                return new GetAclResponse(node.Acl, node.Stat);
            case OpCode.GetAllChildrenNumber:
                return new CountResponse(tree.AllChildrenNumber(request.Path));
            case OpCode.Sync:
                return new PathResponse(request.Path);
            default:
                throw new ArgumentException($"{request.Type} is not a read", nameof(request));
        }
    }
}
