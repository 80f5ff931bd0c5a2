namespace ZabActors.Simulation;

/// <summary>
/// The simulation runner: runs seeds S..S+N-1, prints one line per seed, the replay command and the
/// broken property of every failing seed, and ends with "N passed, F failed". Exit codes: 0 when all
/// passed; otherwise the most severe failure class seen: 2 correctness (a checker fired), 1 crash
/// (an exception escaped a peer's step or the simulator), 3 liveness (no convergence after healing);
/// 64 for a bad command line.
/// </summary>
public static class Program
{
    public const int UsageExitCode = 64;

    public static int Main(string[] args)
    {
        var options = RunnerOptions.Parse(args, Console.Error);
        if (options is null)
        {
            Console.Error.WriteLine(RunnerOptions.Usage);
            return UsageExitCode;
        }
        return Run(options, Console.Out);
    }

    public static int Run(RunnerOptions runner, TextWriter output)
    {
        int passed = 0, failed = 0;
        var outcomes = new List<Outcome>();
        for (var i = 0; i < runner.Seeds; i++)
        {
            var seed = runner.SeedStart + (ulong)i;
            var options = SimulationOptions.FromSeed(seed, runner.Voters, runner.Observers, runner.SafetyTicks);
            var result = new Simulator(options, runner.Verbose ? output : null).Run();
            if (result.Passed)
            {
                passed++;
                output.WriteLine($"seed {seed}: passed ({options.Layout}; {result.Summary}; trace {result.TraceHash:x16})");
                continue;
            }
            failed++;
            outcomes.Add(result.Outcome);
            Report(runner, result, output);
        }
        output.WriteLine($"{passed} passed, {failed} failed");
        return ExitCode(outcomes);
    }

    /// <summary>The exit code of a set of runs: that of the most severe outcome (correctness, then crash, then liveness), 0 when none failed.</summary>
    public static int ExitCode(IEnumerable<Outcome> outcomes) =>
        (int)outcomes.Aggregate(Outcome.Passed, MoreSevere);

    public static void Report(RunnerOptions runner, SimulationResult result, TextWriter output)
    {
        var options = result.Options;
        output.WriteLine($"seed {options.Seed}: FAILED {result.Outcome.ToString().ToLowerInvariant()} (exit {(int)result.Outcome}): {result.Property}: {result.Detail}");
        output.WriteLine($"  replay: {runner.ReplayCommand(options)}");
        output.WriteLine($"  config: {options.Describe()}");
        output.WriteLine($"  run: {result.Summary}");
        foreach (var line in result.Pending) output.WriteLine($"  pending: {line}");
    }

    private static Outcome MoreSevere(Outcome a, Outcome b) => Severity(a) >= Severity(b) ? a : b;

    private static int Severity(Outcome outcome) => outcome switch
    {
        Outcome.Correctness => 3,
        Outcome.Crash => 2,
        Outcome.Liveness => 1,
        _ => 0,
    };
}
