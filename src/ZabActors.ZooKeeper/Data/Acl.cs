using System.Collections.Immutable;
using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Data;

/// <summary>One access control entry: the permissions <see cref="Perms"/> granted to <see cref="Id"/>.</summary>
public sealed record Acl(Perms Perms, Id Id)
{
    /// <summary>world:anyone with every permission (ZooDefs.Ids.OPEN_ACL_UNSAFE).</summary>
    public static ImmutableArray<Acl> OpenUnsafe { get; } = [new(Perms.All, Id.Anyone)];

    /// <summary>Everything for the creator's authenticated identities (ZooDefs.Ids.CREATOR_ALL_ACL).</summary>
    public static ImmutableArray<Acl> CreatorAll { get; } = [new(Perms.All, Id.AuthIds)];

    /// <summary>world:anyone may read (ZooDefs.Ids.READ_ACL_UNSAFE).</summary>
    public static ImmutableArray<Acl> ReadUnsafe { get; } = [new(Perms.Read, Id.Anyone)];

    public override string ToString() => $"{Id}:{(int)Perms}";

    internal void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Perms);
        Id.Write(writer);
    }

    internal static Acl Read(ref JuteReader reader)
    {
        var perms = reader.ReadInt();
        return new Acl((Perms)perms, Id.Read(ref reader));
    }

    internal static void WriteList(JuteWriter writer, IReadOnlyList<Acl> acl) => writer.WriteVector(acl, (w, entry) => entry.Write(w));

    internal static ImmutableArray<Acl> ReadList(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        if (count < 0)
        {
            return [];
        }
        var builder = ImmutableArray.CreateBuilder<Acl>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(Read(ref reader));
        }
        return builder.MoveToImmutable();
    }
}
