using System.Collections;

namespace ZabActors.Hocon;

/// <summary>An immutable, ordered list of resolved values.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    public HoconArray(IEnumerable<HoconValue> items, HoconOrigin? origin = null)
        : base(origin)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
        foreach (var item in _items)
            ArgumentNullException.ThrowIfNull(item, nameof(items));
    }

    private HoconArray(HoconValue[] items, HoconOrigin? origin, bool owned)
        : base(origin)
    {
        _ = owned;
        _items = items;
    }

    public static HoconArray Empty { get; } = new([], null, owned: true);

    public int Count => _items.Length;

    public override HoconValueType Type => HoconValueType.Array;

    internal override string? ConcatenationText => null;

    public HoconValue this[int index] =>
        (uint)index < (uint)_items.Length
            ? _items[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The array has {_items.Length} elements.");

    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconArray a || a._items.Length != _items.Length)
            return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(a._items[i]))
                return false;
        }
        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items.Take(8))
            hash.Add(item.GetHashCode());
        return hash.ToHashCode();
    }

    /// <summary>Wraps an array the caller hands over and will not modify again.</summary>
    internal static HoconArray Own(HoconValue[] items, HoconOrigin? origin) => new(items, origin, owned: true);
}
