using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;

namespace ZabActors.ZooKeeper.Prep;

/// <summary>
/// A client's write as the leader's PrepRequestProcessor receives it: the session and its
/// authenticated identities, the request's xid, and the operation.
/// </summary>
public sealed record ZooRequest(long SessionId, int Cxid, ImmutableArray<Id> Auth, ZooOp Op);

/// <summary>One write operation (the request records of zookeeper.jute that change the tree).</summary>
public abstract record ZooOp
{
    public abstract OpCode Type { get; }
}

/// <summary>create / create2 / createContainer / createTTL: <see cref="Flags"/> is the CreateMode's wire value.</summary>
public sealed record CreateOp(OpCode CreateType, string Path, byte[]? Data, ImmutableArray<Acl> Acl, int Flags, long TtlMs = -1) : ZooOp
{
    public override OpCode Type => CreateType;
}

public sealed record DeleteOp(string Path, int Version) : ZooOp
{
    public override OpCode Type => OpCode.Delete;
}

public sealed record SetDataOp(string Path, byte[]? Data, int Version) : ZooOp
{
    public override OpCode Type => OpCode.SetData;
}

public sealed record SetAclOp(string Path, ImmutableArray<Acl> Acl, int Version) : ZooOp
{
    public override OpCode Type => OpCode.SetAcl;
}

public sealed record CheckVersionOp(string Path, int Version) : ZooOp
{
    public override OpCode Type => OpCode.Check;
}

public sealed record MultiOp(ImmutableArray<ZooOp> Ops) : ZooOp
{
    public override OpCode Type => OpCode.Multi;
}

/// <summary>A new session with the timeout the server negotiated.</summary>
public sealed record CreateSessionOp(int TimeoutMs) : ZooOp
{
    public override OpCode Type => OpCode.CreateSession;
}

/// <summary>The client closed its session, or the leader expired it.</summary>
public sealed record CloseSessionOp : ZooOp
{
    public static CloseSessionOp Instance { get; } = new();

    public override OpCode Type => OpCode.CloseSession;
}
