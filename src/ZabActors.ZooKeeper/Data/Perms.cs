namespace ZabActors.ZooKeeper.Data;

/// <summary>ZooKeeper's permission bits (ZooDefs.Perms).</summary>
[Flags]
public enum Perms
{
    None = 0,
    Read = 1,
    Write = 2,
    Create = 4,
    Delete = 8,
    Admin = 16,
    All = Read | Write | Create | Delete | Admin,
}
