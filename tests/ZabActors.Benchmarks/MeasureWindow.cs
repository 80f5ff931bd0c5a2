using System.Diagnostics;
using System.Globalization;

namespace ZabActors.Benchmarks;

/// <summary>
/// The warm-up and timed window of the in-process benchmarks (<c>actors</c>, <c>remote</c>,
/// <c>broadcast</c>): their <c>--seconds</c> and <c>--warmup</c> options and the one way they time a window,
/// so every benchmark reports a rate over the same kind of interval.
/// </summary>
internal sealed record MeasureWindow(TimeSpan Warmup, TimeSpan Measure)
{
    /// <summary>
    /// Reads <c>--seconds N</c> or <c>--warmup N</c> at <paramref name="i"/> into <paramref name="window"/> and
    /// steps past its value; false for any other option, or for one without a positive number after it.
    /// </summary>
    public static bool TryRead(string[] args, ref int i, ref MeasureWindow window)
    {
        if (i + 1 >= args.Length || !TryParsePositive(args[i + 1], out var value))
            return false;
        switch (args[i])
        {
            case "--seconds":
                window = window with { Measure = TimeSpan.FromSeconds(value) };
                break;
            case "--warmup":
                window = window with { Warmup = TimeSpan.FromSeconds(value) };
                break;
            default:
                return false;
        }
        i++;
        return true;
    }

    /// <summary>Says which option was not understood and how to call <paramref name="name"/>; returns the exit code 2.</summary>
    public static int Usage(string name, string option, string moreOptions = "")
    {
        Console.Error.WriteLine($"{name}: unknown or incomplete option '{option}'");
        Console.Error.WriteLine($"usage: {name} [--seconds N] [--warmup N]{moreOptions}");
        return 2;
    }

    /// <summary>
    /// Waits out the warm-up, calls <paramref name="open"/>, waits out the measured window and calls
    /// <paramref name="close"/> with what <paramref name="open"/> returned; the seconds elapsed run from
    /// the end of <paramref name="open"/> to the end of <paramref name="close"/>.
    /// </summary>
    public async Task<(TResult Result, double ElapsedSeconds)> RunAsync<TStart, TResult>(
        Func<Task<TStart>> open, Func<TStart, Task<TResult>> close)
    {
        await Task.Delay(Warmup);
        var start = await open();
        var clock = Stopwatch.StartNew();
        await Task.Delay(Measure);
        var result = await close(start);
        return (result, clock.Elapsed.TotalSeconds);
    }

    private static bool TryParsePositive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0;
}
