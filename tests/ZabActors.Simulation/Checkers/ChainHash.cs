using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>A running FNV-1a hash over a sequence of transactions (zxid and payload), stable across runs and platforms.</summary>
public static class ChainHash
{
    public const ulong Empty = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    public static ulong Extend(ulong hash, Txn txn)
    {
        hash = Mix(hash, (ulong)txn.Zxid.Value);
        hash = Mix(hash, (ulong)txn.Data.Length);
        foreach (var b in txn.Data.Span) hash = (hash ^ b) * Prime;
        return hash;
    }

    public static ulong Extend(ulong hash, string text)
    {
        foreach (var c in text) hash = (hash ^ c) * Prime;
        return hash;
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (value & 0xff)) * Prime;
            value >>= 8;
        }
        return hash;
    }
}
