namespace ZabActors.Remote.Serialization;

/// <summary>
/// Remembers the strings recently decoded on one association (actor paths and manifests repeat on
/// almost every message) so the read loop returns the same instance instead of allocating. Direct
/// mapped by a hash of the bytes; a collision simply replaces the slot. Single-threaded by design:
/// one per read loop.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 256;
    private const int MaxCachedBytes = 256;
    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];

    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedBytes)
            return SpanReader.DecodeUtf8(utf8);
        var slot = Hash(utf8) & (Slots - 1);
        var key = _keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
            return _values[slot]!;
        var value = SpanReader.DecodeUtf8(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a over the bytes: paths differ mostly near the end, so every byte takes part.
        var h = 2166136261u;
        foreach (var b in bytes)
            h = (h ^ b) * 16777619u;
        return (int)(h ^ (h >> 15));
    }
}
