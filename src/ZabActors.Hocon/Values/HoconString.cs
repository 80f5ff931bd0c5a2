namespace ZabActors.Hocon;

/// <summary>A string value, whether it was written quoted, unquoted, triple-quoted or concatenated.</summary>
public sealed class HoconString : HoconValue
{
    public HoconString(string value, HoconOrigin? origin = null)
        : base(origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    public string Value { get; }

    public override HoconValueType Type => HoconValueType.String;

    internal override string ConcatenationText => Value;

    public override bool Equals(HoconValue? other) => other is HoconString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
