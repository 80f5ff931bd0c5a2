namespace ZabActors.Hocon;

/// <summary>
/// An explicit <c>null</c>. A null setting is present (it blocks environment fallback and hides
/// earlier values) but typed getters treat it as absent.
/// </summary>
public sealed class HoconNull : HoconValue
{
    public HoconNull(HoconOrigin? origin = null)
        : base(origin)
    {
    }

    public static HoconNull Instance { get; } = new();

    public override HoconValueType Type => HoconValueType.Null;

    internal override string ConcatenationText => "null";

    public override bool Equals(HoconValue? other) => other is HoconNull;

    public override int GetHashCode() => 3;
}
