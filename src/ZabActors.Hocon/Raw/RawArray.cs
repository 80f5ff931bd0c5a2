namespace ZabActors.Hocon.Raw;

/// <summary>An array whose elements may still hold substitutions.</summary>
internal sealed class RawArray : RawNode
{
    public RawArray(IReadOnlyList<RawNode> elements, HoconOrigin origin)
        : base(origin)
    {
        Elements = elements;
    }

    public IReadOnlyList<RawNode> Elements { get; }
}
