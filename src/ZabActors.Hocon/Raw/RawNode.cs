namespace ZabActors.Hocon.Raw;

/// <summary>
/// A value as parsed, before substitutions are resolved. Raw trees are built once by the parser and never
/// change afterwards, so any number of resolutions may read them at the same time.
/// </summary>
internal abstract class RawNode
{
    protected RawNode(HoconOrigin origin)
    {
        Origin = origin;
    }

    public HoconOrigin Origin { get; }
}
