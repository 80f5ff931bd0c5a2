namespace ZabActors.Hocon.Raw;

/// <summary>
/// An object as parsed: its keys in definition order, each with the <see cref="Slot"/> of its definitions.
/// Path keys, duplicate keys and included files all land here through <see cref="Add"/>.
/// </summary>
internal sealed class RawObject : RawNode
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public RawObject(HoconOrigin origin)
        : base(origin)
    {
    }

    public IReadOnlyList<string> Keys => _keys;

    public Slot? TryGetSlot(string key) => _slots.GetValueOrDefault(key);

    public void Add(string key, RawNode node)
    {
        if (!_slots.TryGetValue(key, out var slot))
        {
            slot = new Slot();
            _slots.Add(key, slot);
            _keys.Add(key);
        }
        slot.Push(node);
    }

    /// <summary>Adds <c>path = node</c>, expanding <c>a.b.c</c> into nested objects as path keys do.</summary>
    public void AddPath(IReadOnlyList<string> path, RawNode node)
    {
        var value = node;
        for (var i = path.Count - 1; i > 0; i--)
        {
            var wrapper = new RawObject(node.Origin);
            wrapper.Add(path[i], value);
            value = wrapper;
        }
        Add(path[0], value);
    }

    /// <summary>Merges a later object into this one, field by field, as if its fields had been written here.</summary>
    public void MergeFrom(RawObject later)
    {
        foreach (var key in later._keys)
        {
            var slot = later._slots[key];
            for (var i = 0; i < slot.Count; i++)
                Add(key, slot[i]);
        }
    }

    /// <summary>Converts a resolved object (from JSON or properties text) into raw form so it can be merged.</summary>
    public static RawObject FromResolved(HoconObject resolved, HoconOrigin origin)
    {
        var raw = new RawObject(resolved.Origin ?? origin);
        foreach (var (key, value) in resolved)
        {
            var valueOrigin = value.Origin ?? origin;
            raw.Add(key, value is HoconObject child ? FromResolved(child, valueOrigin) : new RawLeaf(value, valueOrigin));
        }
        return raw;
    }
}
