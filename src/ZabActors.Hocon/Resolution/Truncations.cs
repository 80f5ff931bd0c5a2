using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>
/// The resolution context of a self-reference: for each slot whose definition is being resolved by looking
/// back, only the definitions below that one are visible. <c>path = ${path} [x]</c> resolves
/// <c>${path}</c> with <c>path</c>'s slot cut to the definitions before this one. Immutable and compared by
/// value, because resolution results are memoized per context.
/// </summary>
internal sealed class Truncations : IEquatable<Truncations>
{
    private readonly (Slot Slot, int Limit)[] _entries;
    private readonly int _hash;

    private Truncations((Slot Slot, int Limit)[] entries)
    {
        _entries = entries;
        var hash = new HashCode();
        foreach (var (slot, limit) in entries)
        {
            hash.Add(slot.Id);
            hash.Add(limit);
        }
        _hash = hash.ToHashCode();
    }

    public static Truncations Empty { get; } = new([]);

    /// <summary>How many of the slot's definitions are visible (all of them when the slot is not cut).</summary>
    public int LimitFor(Slot slot)
    {
        foreach (var (candidate, limit) in _entries)
        {
            if (ReferenceEquals(candidate, slot))
                return limit;
        }
        return int.MaxValue;
    }

    public Truncations With(Slot slot, int limit)
    {
        var entries = new List<(Slot Slot, int Limit)>(_entries.Length + 1);
        var placed = false;
        foreach (var entry in _entries)
        {
            if (ReferenceEquals(entry.Slot, slot))
            {
                entries.Add((slot, Math.Min(limit, entry.Limit)));
                placed = true;
                continue;
            }
            if (!placed && entry.Slot.Id > slot.Id)
            {
                entries.Add((slot, limit));
                placed = true;
            }
            entries.Add(entry);
        }
        if (!placed)
            entries.Add((slot, limit));
        return new Truncations([.. entries]);
    }

    public bool Equals(Truncations? other)
    {
        if (other is null || other._hash != _hash || other._entries.Length != _entries.Length)
            return false;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (!ReferenceEquals(_entries[i].Slot, other._entries[i].Slot) || _entries[i].Limit != other._entries[i].Limit)
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Truncations);

    public override int GetHashCode() => _hash;
}
