using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;

namespace ZabActors.ZooKeeper.Txns;

/// <summary>
/// A change to the data tree, as ZooKeeper's org.apache.zookeeper.txn records: what the leader's
/// PrepRequestProcessor decided, idempotent and fully determined (sequential names, versions, parent
/// cversions are already resolved), so every server applies it to the same effect.
/// </summary>
public abstract record ZooTxn
{
    /// <summary>The txn type written in front of the record in a multi and in the txn header.</summary>
    public abstract OpCode Type { get; }
}

/// <summary>Creates <see cref="Path"/>; <see cref="Ephemeral"/> ties it to the txn header's session.</summary>
public sealed record CreateTxn(string Path, byte[]? Data, ImmutableArray<Acl> Acl, bool Ephemeral, int ParentCVersion) : ZooTxn
{
    public override OpCode Type => OpCode.Create;
}

/// <summary>Creates a container node, deleted by the server once its last child is gone.</summary>
public sealed record CreateContainerTxn(string Path, byte[]? Data, ImmutableArray<Acl> Acl, int ParentCVersion) : ZooTxn
{
    public override OpCode Type => OpCode.CreateContainer;
}

/// <summary>Creates a node that the server deletes once it has had no children and no change for <see cref="TtlMs"/>.</summary>
public sealed record CreateTtlTxn(string Path, byte[]? Data, ImmutableArray<Acl> Acl, int ParentCVersion, long TtlMs) : ZooTxn
{
    public override OpCode Type => OpCode.CreateTtl;
}

public sealed record DeleteTxn(string Path) : ZooTxn
{
    public override OpCode Type => OpCode.Delete;
}

/// <summary>Sets the data; <see cref="Version"/> is the node's new version (already checked by prep).</summary>
public sealed record SetDataTxn(string Path, byte[]? Data, int Version) : ZooTxn
{
    public override OpCode Type => OpCode.SetData;
}

/// <summary>A multi's version check; it changes nothing.</summary>
public sealed record CheckVersionTxn(string Path, int Version) : ZooTxn
{
    public override OpCode Type => OpCode.Check;
}

/// <summary>Sets the ACL; <see cref="Version"/> is the node's new aversion.</summary>
public sealed record SetAclTxn(string Path, ImmutableArray<Acl> Acl, int Version) : ZooTxn
{
    public override OpCode Type => OpCode.SetAcl;
}

/// <summary>Opens the txn header's session with the negotiated timeout.</summary>
public sealed record CreateSessionTxn(int TimeoutMs) : ZooTxn
{
    public override OpCode Type => OpCode.CreateSession;
}

/// <summary>Closes the txn header's session; its ephemerals go with it, on every server at this zxid.</summary>
public sealed record CloseSessionTxn(ImmutableArray<string> PathsToDelete) : ZooTxn
{
    public override OpCode Type => OpCode.CloseSession;
}

/// <summary>A request that failed in prep: nothing changes, the client gets <see cref="Error"/>.</summary>
public sealed record ErrorTxn(ErrorCode Error) : ZooTxn
{
    public override OpCode Type => OpCode.Error;
}

/// <summary>
/// An atomic multi: every op applies, or (when prep failed one) every op is an <see cref="ErrorTxn"/>
/// and nothing applies.
/// </summary>
public sealed record MultiTxn(ImmutableArray<ZooTxn> Txns) : ZooTxn
{
    public override OpCode Type => OpCode.Multi;
}
