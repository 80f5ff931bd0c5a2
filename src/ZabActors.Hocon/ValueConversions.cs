using System.Globalization;
using ZabActors.Hocon.Parsing;
using ZabActors.Hocon.Units;

namespace ZabActors.Hocon;

/// <summary>
/// The specification's automatic type conversions for getters: numbers and booleans read as strings,
/// strings read as numbers (JSON grammar), booleans (<c>true yes on false no off</c>), durations and
/// sizes. Nothing converts to or from objects and arrays, and null converts to nothing.
/// </summary>
internal static class ValueConversions
{
    public static string ToText(string path, HoconValue value) => value switch
    {
        HoconString s => s.Value,
        HoconNumber or HoconBoolean => value.ConcatenationText!,
        _ => throw WrongType(path, "string", value),
    };

    public static bool ToBoolean(string path, HoconValue value) => value switch
    {
        HoconBoolean b => b.Value,
        HoconString { Value: "true" or "yes" or "on" } => true,
        HoconString { Value: "false" or "no" or "off" } => false,
        _ => throw WrongType(path, "boolean (true/false, yes/no, on/off)", value),
    };

    public static long ToLong(string path, HoconValue value)
    {
        var number = AsNumber(path, value, "long");
        return number.TryGetLong(out var l) ? l : throw WrongType(path, "long (a whole number in range)", value);
    }

    public static int ToInt(string path, HoconValue value)
    {
        var number = AsNumber(path, value, "int");
        return number.TryGetLong(out var l) && l is >= int.MinValue and <= int.MaxValue
            ? (int)l
            : throw WrongType(path, "int (a whole number in 32-bit range)", value);
    }

    public static double ToDouble(string path, HoconValue value) => AsNumber(path, value, "number").DoubleValue;

    public static TimeSpan ToTimeSpan(string path, HoconValue value)
    {
        string error;
        switch (value)
        {
            case HoconNumber n:
                if (TryGetDecimal(n, out var milliseconds, out error) && DurationUnits.TryFromMilliseconds(milliseconds, out var fromNumber, out error))
                    return fromNumber;
                break;
            case HoconString { Value: "infinite" or "inf" }:
                return Timeout.InfiniteTimeSpan;
            case HoconString s:
                if (DurationUnits.TryParse(s.Value, out var parsed, out error))
                    return parsed;
                break;
            default:
                throw WrongType(path, "duration", value);
        }
        throw new ConfigException($"Configuration path '{path}'{At(value)}: expected a duration such as 200ms, 10s or 2 minutes, found {value.Describe()}: {error}");
    }

    public static long ToByteSize(string path, HoconValue value)
    {
        string error;
        switch (value)
        {
            case HoconNumber n:
                if (TryGetDecimal(n, out var count, out error) && ByteSizeUnits.TryFromNumber(count, 1, out var fromNumber, out error))
                    return fromNumber;
                break;
            case HoconString s:
                if (ByteSizeUnits.TryParse(s.Value, out var parsed, out error))
                    return parsed;
                break;
            default:
                throw WrongType(path, "size in bytes", value);
        }
        throw new ConfigException($"Configuration path '{path}'{At(value)}: expected a size in bytes such as 64MiB, 10k or 1 GB, found {value.Describe()}: {error}");
    }

    public static ConfigException Missing(string path, string expected) =>
        new($"Configuration path '{path}' is missing (expected {expected})");

    public static ConfigException WrongType(string path, string expected, HoconValue found) =>
        new($"Configuration path '{path}'{At(found)}: expected {expected}, found {found.Describe()}");

    public static string At(HoconValue value) => value.Origin is { } origin ? $" (at {origin})" : "";

    /// <summary>Decimal keeps unit arithmetic exact; doubles beyond its range (about 7.9e28) are out of range for any unit.</summary>
    private static bool TryGetDecimal(HoconNumber number, out decimal value, out string error)
    {
        error = "";
        if (number.IsInteger && number.TryGetLong(out var l))
        {
            value = l;
            return true;
        }
        var d = number.DoubleValue;
        if (Math.Abs(d) < 7.9e28)
        {
            value = (decimal)d;
            return true;
        }
        value = 0;
        error = "the number is out of range";
        return false;
    }

    private static HoconNumber AsNumber(string path, HoconValue value, string expected)
    {
        if (value is HoconNumber number)
            return number;
        if (value is HoconString s && NumberSyntax.IsNumber(s.Value, out var isDouble))
        {
            if (!isDouble && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                return new HoconNumber(l, s.Value, s.Origin);
            if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                return new HoconNumber(d, s.Value, s.Origin);
        }
        throw WrongType(path, expected, value);
    }
}
