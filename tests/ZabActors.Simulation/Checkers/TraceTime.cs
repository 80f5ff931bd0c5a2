using System.Globalization;

namespace ZabActors.Simulation.Checkers;

/// <summary>Formats virtual times for trace lines.</summary>
internal static class TraceTime
{
    public static string Format(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(12);
}
