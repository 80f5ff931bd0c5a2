using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Data;

/// <summary>An identity in an ACL or an authenticated session: scheme (world, auth, digest, ip, super) and id.</summary>
public sealed record Id(string Scheme, string Value)
{
    /// <summary>world:anyone, the identity every connection has.</summary>
    public static Id Anyone { get; } = new("world", "anyone");

    /// <summary>auth:"" in an ACL stands for every identity the creating session authenticated as.</summary>
    public static Id AuthIds { get; } = new("auth", "");

    public override string ToString() => $"{Scheme}:{Value}";

    internal void Write(JuteWriter writer) => writer.WriteString(Scheme).WriteString(Value);

    internal static Id Read(ref JuteReader reader) => new(reader.ReadRequiredString("id.scheme"), reader.ReadRequiredString("id.id"));
}
