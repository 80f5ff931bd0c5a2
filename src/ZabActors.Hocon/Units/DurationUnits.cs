namespace ZabActors.Hocon.Units;

/// <summary>
/// Durations: the specification's case-sensitive units (<c>ns us ms s m h d</c> and their long names),
/// plus the singular/plural short forms the reference implementation also accepts (<c>nanos</c>,
/// <c>micro</c>, <c>millis</c>, ...). A bare number is milliseconds.
/// </summary>
internal static class DurationUnits
{
    private static readonly Dictionary<string, decimal> TicksPerUnit = Build();

    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = default;
        if (!UnitText.TrySplit(text, out var number, out var unit, out error))
            return false;
        if (unit.Length == 0)
            unit = "ms";
        if (!TicksPerUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            error = $"unknown duration unit '{unit}' (use ns, us, ms, s, m, h or d)";
            return false;
        }
        return TryFromTicks(number, ticksPerUnit, out duration, out error);
    }

    public static bool TryFromMilliseconds(decimal milliseconds, out TimeSpan duration, out string error) =>
        TryFromTicks(milliseconds, TimeSpan.TicksPerMillisecond, out duration, out error);

    private static bool TryFromTicks(decimal number, decimal ticksPerUnit, out TimeSpan duration, out string error)
    {
        duration = default;
        try
        {
            var ticks = decimal.Truncate(number * ticksPerUnit);
            if (ticks < long.MinValue || ticks > long.MaxValue)
            {
                error = "the duration is out of range";
                return false;
            }
            duration = TimeSpan.FromTicks((long)ticks);
            error = "";
            return true;
        }
        catch (OverflowException)
        {
            error = "the duration is out of range";
            return false;
        }
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
                units.Add(name, ticks);
        }
        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
