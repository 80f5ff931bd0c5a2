using System.Globalization;
namespace ZabActors.Simulation;

/// <summary>The runner's command line: which seeds to run, optional ensemble sizes and phase length, verbosity.</summary>
/// <remarks>
/// <c>--storage memory</c> is still accepted, so that replay lines printed before the peers ran on their
/// pure core keep parsing; every run now uses the simulated disk at the level of the peer's storage outputs.
/// </remarks>
public sealed record RunnerOptions(ulong SeedStart, int Seeds, int? Voters, int? Observers, int? SafetyTicks, bool Verbose)
{
    public const string Usage =
        "usage: ZabActors.Simulation --seed-start S --seeds N [--voters 3|5|7] [--observers K] [--ticks T] [--storage memory] [--verbose]";

    /// <summary>Parses the arguments; returns null and writes the reason to <paramref name="error"/> when they are invalid.</summary>
    public static RunnerOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        ulong seedStart = 0;
        int seeds = 1;
        int? voters = null, observers = null, ticks = null;
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--verbose")
            {
                verbose = true;
                continue;
            }
            if (i + 1 >= args.Count)
            {
                error.WriteLine($"option {arg} needs a value");
                return null;
            }
            var value = args[++i];
            var ok = arg switch
            {
                "--seed-start" => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seedStart),
                "--seeds" => TryPositive(value, out seeds),
                "--voters" => TryPositive(value, out var v) && Assign(ref voters, v),
                "--observers" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && Assign(ref observers, o),
                "--ticks" => TryPositive(value, out var t) && Assign(ref ticks, t),
                "--storage" => value == "memory",
                _ => false,
            };
            if (!ok)
            {
                error.WriteLine($"invalid option or value: {arg} {value}");
                return null;
            }
        }
        return new RunnerOptions(seedStart, seeds, voters, observers, ticks, verbose);
    }

    /// <summary>The command that replays one seed exactly (sizes as the run resolved them).</summary>
    public string ReplayCommand(SimulationOptions run) =>
        $"dotnet run -c Release --project tests/ZabActors.Simulation -- --seed-start {run.Seed} --seeds 1 " +
        $"--voters {run.Layout.Voters} --observers {run.Layout.Observers}" +
        (SafetyTicks is { } ticks ? $" --ticks {ticks}" : "");

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static bool Assign(ref int? target, int value)
    {
        target = value;
        return true;
    }
}
