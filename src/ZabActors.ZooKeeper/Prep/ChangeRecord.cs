using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;

namespace ZabActors.ZooKeeper.Prep;

/// <summary>
/// What a node will look like once the txns prepared so far are applied (ZooKeeper's ChangeRecord):
/// the leader preps a request against the tree plus these, so that a create after an uncommitted
/// create of the same path fails as it will on apply. A null <see cref="Stat"/> means deleted.
/// </summary>
public sealed record ChangeRecord(long Zxid, string Path, Stat? Stat, int ChildCount, ImmutableArray<Acl> Acl)
{
    public bool Exists => Stat is not null;
}
