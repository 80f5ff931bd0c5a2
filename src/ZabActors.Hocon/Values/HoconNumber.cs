using System.Globalization;

namespace ZabActors.Hocon;

/// <summary>
/// A number that remembers whether it was written as an integer (kept as <see cref="long"/>) or with a
/// fraction or exponent (kept as <see cref="double"/>), and the text it was written as, which is what
/// it contributes to string concatenations and path expressions.
/// </summary>
public sealed class HoconNumber : HoconValue
{
    private const double LongRangeEnd = 9.2233720368547758E18;

    private readonly long _long;
    private readonly double _double;
    private readonly string? _text;

    public HoconNumber(long value, HoconOrigin? origin = null)
        : this(value, null, origin)
    {
    }

    public HoconNumber(double value, HoconOrigin? origin = null)
        : this(value, null, origin)
    {
    }

    internal HoconNumber(long value, string? text, HoconOrigin? origin)
        : base(origin)
    {
        _long = value;
        _text = text;
        IsInteger = true;
    }

    internal HoconNumber(double value, string? text, HoconOrigin? origin)
        : base(origin)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        _double = value;
        _text = text;
    }

    /// <summary>True when the number was written without fraction or exponent and fits a long.</summary>
    public bool IsInteger { get; }

    public double DoubleValue => IsInteger ? _long : _double;

    /// <summary>The number as written in the source, or a round-trip rendering when it was computed.</summary>
    public string Text => _text ?? Format();

    public override HoconValueType Type => HoconValueType.Number;

    internal override string ConcatenationText => Text;

    /// <summary>Gets the value as a long when it is an integer, or a double with an integral value in range.</summary>
    public bool TryGetLong(out long value)
    {
        if (IsInteger)
        {
            value = _long;
            return true;
        }
        if (Math.Floor(_double) == _double && _double >= -LongRangeEnd && _double < LongRangeEnd)
        {
            value = (long)_double;
            return true;
        }
        value = 0;
        return false;
    }

    public override bool Equals(HoconValue? other) =>
        other is HoconNumber n && n.IsInteger == IsInteger && (IsInteger ? n._long == _long : n._double.Equals(_double));

    public override int GetHashCode() => IsInteger ? _long.GetHashCode() : _double.GetHashCode();

    /// <summary>Renders a double so that it reads back as a double (always with '.' or an exponent).</summary>
    internal static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    private string Format() => IsInteger ? _long.ToString(CultureInfo.InvariantCulture) : FormatDouble(_double);
}
