namespace ZabActors.ZooKeeper.Data;

/// <summary>
/// The encodings of a znode's ephemeralOwner field (ZooKeeper's EphemeralType): 0 for a plain node, a
/// session id for an ephemeral, Long.MinValue for a container, and 0xFF in the top byte with the time
/// to live in the low 40 bits for a TTL node. Session ids never use the top byte 0xFF (server ids stop at 254).
/// </summary>
public static class EphemeralOwner
{
    public const long None = 0;
    public const long Container = long.MinValue;
    public const long MaxTtlMs = (1L << 40) - 1;
    private const long ExtendedMask = unchecked((long)0xFF00000000000000UL);

    public static long ForTtl(long ttlMs)
    {
        if (ttlMs <= 0 || ttlMs > MaxTtlMs)
        {
            throw new ArgumentOutOfRangeException(nameof(ttlMs), ttlMs, $"a TTL is 1..{MaxTtlMs} ms");
        }
        return ExtendedMask | ttlMs;
    }

    public static bool IsContainer(long owner) => owner == Container;

    public static bool IsTtl(long owner) => owner != Container && (owner & ExtendedMask) == ExtendedMask;

    public static long TtlMs(long owner) => IsTtl(owner) ? owner & MaxTtlMs : 0;

    /// <summary>The owning session, or 0 when the owner field encodes no session.</summary>
    public static long Session(long owner) => owner == None || IsContainer(owner) || IsTtl(owner) ? 0 : owner;
}
