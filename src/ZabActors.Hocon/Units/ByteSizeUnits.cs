namespace ZabActors.Hocon.Units;

/// <summary>
/// Sizes in bytes with exactly the specification's units: powers of ten (<c>kB MB GB</c> ... and long
/// names), powers of two (<c>K k Ki KiB</c> ...), bytes (<c>B b byte bytes</c>). A bare number is bytes;
/// fractions of a byte are truncated.
/// </summary>
internal static class ByteSizeUnits
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = Build();

    public static bool TryParse(string text, out long bytes, out string error)
    {
        bytes = 0;
        if (!UnitText.TrySplit(text, out var number, out var unit, out error))
            return false;
        if (!BytesPerUnit.TryGetValue(unit.Length == 0 ? "B" : unit, out var factor))
        {
            error = $"unknown size unit '{unit}' (use B, kB, MB, GB, K, M, G, KiB, MiB, GiB, ...)";
            return false;
        }
        return TryFromNumber(number, factor, out bytes, out error);
    }

    public static bool TryFromNumber(decimal number, decimal factor, out long bytes, out string error)
    {
        bytes = 0;
        try
        {
            var value = decimal.Truncate(number * factor);
            if (value < 0)
            {
                error = "a size in bytes cannot be negative";
                return false;
            }
            if (value > long.MaxValue)
            {
                error = "the size is too large for a 64-bit byte count";
                return false;
            }
            bytes = (long)value;
            error = "";
            return true;
        }
        catch (OverflowException)
        {
            error = "the size is too large for a 64-bit byte count";
            return false;
        }
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1 };
        string[] decimalPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        decimal power10 = 1, power2 = 1;
        for (var i = 0; i < decimalPrefixes.Length; i++)
        {
            power10 *= 1000;
            power2 *= 1024;
            var upper = decimalPrefixes[i].ToUpperInvariant();
            units[decimalPrefixes[i] + "B"] = power10;
            units[decimalNames[i] + "byte"] = power10;
            units[decimalNames[i] + "bytes"] = power10;
            foreach (var name in new[] { upper, upper.ToLowerInvariant(), upper + "i", upper + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes" })
                units[name] = power2;
        }
        return units;
    }
}
