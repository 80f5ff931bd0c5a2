using System.Collections;

namespace ZabActors.Hocon;

/// <summary>
/// An immutable object of resolved values. Keys keep the order in which they were first defined, which is
/// the order <see cref="Config.ToJson"/> prints them in; equality ignores that order.
/// </summary>
public sealed class HoconObject : HoconValue, IReadOnlyCollection<KeyValuePair<string, HoconValue>>
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    /// <summary>Builds an object; a later duplicate key replaces the earlier value (no merging).</summary>
    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin? origin = null)
        : base(origin)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(fields));
            ArgumentNullException.ThrowIfNull(value, nameof(fields));
            _fields[key] = value;
        }
    }

    private HoconObject(OrderedDictionary<string, HoconValue> fields, HoconOrigin? origin)
        : base(origin)
    {
        _fields = fields;
    }

    public static HoconObject Empty { get; } = new(new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal), null);

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public IEnumerable<HoconValue> Values => _fields.Values;

    public override HoconValueType Type => HoconValueType.Object;

    internal override string? ConcatenationText => null;

    /// <summary>The value of a direct child key; a missing key is a <see cref="ConfigException"/>.</summary>
    public HoconValue this[string key] =>
        _fields.TryGetValue(key, out var value) ? value : throw new ConfigException($"The object has no key '{key}'.");

    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    public bool TryGetValue(string key, out HoconValue value)
    {
        if (_fields.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }
        value = HoconNull.Instance;
        return false;
    }

    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconObject o || o._fields.Count != _fields.Count)
            return false;
        foreach (var (key, value) in _fields)
        {
            if (!o._fields.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
                return false;
        }
        return true;
    }

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _fields)
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
        return HashCode.Combine(_fields.Count, hash);
    }

    /// <summary>Wraps a dictionary the caller hands over and will not modify again.</summary>
    internal static HoconObject Own(OrderedDictionary<string, HoconValue> fields, HoconOrigin? origin) => new(fields, origin);

    /// <summary>
    /// Merges two objects as duplicate keys merge: keys of <paramref name="older"/> first, fields present
    /// in both take the newer value unless both are objects, which merge recursively.
    /// </summary>
    internal static HoconObject Merge(HoconObject newer, HoconObject older)
    {
        if (older.Count == 0)
            return newer;
        if (newer.Count == 0)
            return older;
        var fields = new OrderedDictionary<string, HoconValue>(older._fields, StringComparer.Ordinal);
        foreach (var (key, value) in newer._fields)
        {
            fields[key] = value is HoconObject newerChild && fields.TryGetValue(key, out var olderValue) && olderValue is HoconObject olderChild
                ? Merge(newerChild, olderChild)
                : value;
        }
        return new HoconObject(fields, newer.Origin ?? older.Origin);
    }
}
