using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>
/// One object contributing fields to a merged view: either a raw object (its slots are read lazily, one
/// key at a time) or an already resolved object (a substitution's result, or a fallback configuration).
/// </summary>
internal readonly record struct Layer(RawObject? Raw, HoconObject? Resolved)
{
    public static Layer Of(RawObject raw) => new(raw, null);

    public static Layer Of(HoconObject resolved) => new(null, resolved);

    public IEnumerable<string> Keys => Raw is not null ? Raw.Keys : Resolved!.Keys;
}
