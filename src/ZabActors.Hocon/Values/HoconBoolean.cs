namespace ZabActors.Hocon;

/// <summary>A boolean value written as <c>true</c> or <c>false</c>.</summary>
public sealed class HoconBoolean : HoconValue
{
    public HoconBoolean(bool value, HoconOrigin? origin = null)
        : base(origin)
    {
        Value = value;
    }

    public static HoconBoolean True { get; } = new(true);

    public static HoconBoolean False { get; } = new(false);

    public bool Value { get; }

    public override HoconValueType Type => HoconValueType.Boolean;

    internal override string ConcatenationText => Value ? "true" : "false";

    public override bool Equals(HoconValue? other) => other is HoconBoolean b && b.Value == Value;

    public override int GetHashCode() => Value ? 1 : 2;
}
