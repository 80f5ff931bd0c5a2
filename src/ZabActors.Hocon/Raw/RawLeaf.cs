namespace ZabActors.Hocon.Raw;

/// <summary>A value that needs no resolution: a string, number, boolean or null (or a resolved array).</summary>
internal sealed class RawLeaf : RawNode
{
    public RawLeaf(HoconValue value, HoconOrigin origin)
        : base(origin)
    {
        if (value is HoconObject)
            throw new ArgumentException("Objects are represented by RawObject.", nameof(value));
        Value = value;
    }

    public HoconValue Value { get; }
}
