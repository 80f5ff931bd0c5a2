using System.Collections.Immutable;

namespace ZabActors.ZooKeeper.Data;

/// <summary>
/// ZooKeeper's checkACL: a request may do <c>perm</c> on a node when the node has no ACL, when one of
/// its identities is super (the super scheme or the configured super digest), or when an ACL entry
/// granting any of the bits in <c>perm</c> is world:anyone or matches one of its identities.
/// </summary>
public static class AclCheck
{
    public static bool Allows(ImmutableArray<Acl> acl, Perms perm, ImmutableArray<Id> auth, string? superDigest)
    {
        if (acl.IsDefaultOrEmpty || auth.Any(id => IsSuper(id, superDigest)))
        {
            return true;
        }
        foreach (var entry in acl)
        {
            if ((entry.Perms & perm) != 0 && (entry.Id == Id.Anyone || auth.Any(id => AuthIds.Matches(id, entry.Id))))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsSuper(Id id, string? superDigest) =>
        id.Scheme == AuthIds.Super || (superDigest is not null && id.Scheme == AuthIds.Digest && id.Value == superDigest);
}
