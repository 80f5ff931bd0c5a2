using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Protocol;

/// <summary>A decoded client request (everything after the connect), by what the server does with it.</summary>
public abstract record ClientRequest;

/// <summary>A change to the tree: it goes to the leader's prep stage and through ZAB.</summary>
public sealed record WriteRequest(ZooOp Op) : ClientRequest;

/// <summary>
/// A read served from this server's tree: exists, getData, getChildren(2), getACL, sync,
/// getAllChildrenNumber, getEphemerals (its path is the prefix). <see cref="Watch"/> leaves a watch.
/// </summary>
public sealed record ReadRequest(OpCode Type, string Path, bool Watch) : ClientRequest;

/// <summary>multiRead: getData and getChildren ops answered together from one state of the tree.</summary>
public sealed record MultiReadRequest(ImmutableArray<ReadRequest> Ops) : ClientRequest;

/// <summary>addAuth (xid -4): <see cref="Scheme"/> and the credential bytes.</summary>
public sealed record AuthRequest(int Type, string Scheme, byte[] Credential) : ClientRequest;

/// <summary>setWatches / setWatches2 (xid -8): a reconnecting client's watches, to fire at once if they changed past its zxid.</summary>
public sealed record SetWatchesRequest(
    long RelativeZxid,
    ImmutableArray<string> DataWatches,
    ImmutableArray<string> ExistWatches,
    ImmutableArray<string> ChildWatches,
    ImmutableArray<string> PersistentWatches,
    ImmutableArray<string> PersistentRecursiveWatches) : ClientRequest;

public sealed record AddWatchRequest(string Path, AddWatchMode Mode) : ClientRequest;

/// <summary>checkWatches (<see cref="Remove"/> false) or removeWatches.</summary>
public sealed record RemoveWatchesRequest(string Path, WatcherType Type, bool Remove) : ClientRequest;

public sealed record PingRequest : ClientRequest
{
    public static PingRequest Instance { get; } = new();
}

public sealed record WhoAmIRequest : ClientRequest
{
    public static WhoAmIRequest Instance { get; } = new();
}
