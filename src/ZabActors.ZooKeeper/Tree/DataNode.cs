using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;

namespace ZabActors.ZooKeeper.Tree;

/// <summary>
/// One znode: its data, ACL, persisted stat (ZooKeeper's StatPersisted) and the names of its children.
/// Owned and mutated only by <see cref="DataTree"/>; readers get copies (<see cref="Stat"/>, <see cref="ChildNames"/>).
/// </summary>
public sealed class DataNode
{
    private readonly SortedSet<string> children = new(StringComparer.Ordinal);

    internal DataNode(byte[]? data, ImmutableArray<Acl> acl, long czxid, long time, long ephemeralOwner)
    {
        Data = data;
        Acl = acl;
        Czxid = czxid;
        Mzxid = czxid;
        Pzxid = czxid;
        Ctime = time;
        Mtime = time;
        EphemeralOwner = ephemeralOwner;
    }

    public byte[]? Data { get; internal set; }

    public ImmutableArray<Acl> Acl { get; internal set; }

    public long Czxid { get; internal set; }

    public long Mzxid { get; internal set; }

    public long Pzxid { get; internal set; }

    public long Ctime { get; internal set; }

    public long Mtime { get; internal set; }

    public int Version { get; internal set; }

    public int Cversion { get; internal set; }

    public int Aversion { get; internal set; }

    public long EphemeralOwner { get; internal set; }

    public int ChildCount => children.Count;

    /// <summary>The children's names in ordinal order (ZooKeeper returns them unordered; order here is free).</summary>
    public IReadOnlyList<string> ChildNames => [.. children];

    internal SortedSet<string> Children => children;

    /// <summary>
    /// The stat clients see: a container's or TTL node's owner field is an internal encoding, so
    /// clients get 0 there, as ZooKeeper's getClientEphemeralOwner gives them.
    /// </summary>
    public Stat Stat => new(Czxid, Mzxid, Ctime, Mtime, Version, Cversion, Aversion,
        ZooKeeper.Data.EphemeralOwner.Session(EphemeralOwner), Data?.Length ?? 0, children.Count, Pzxid);
}
