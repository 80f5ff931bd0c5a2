namespace ZabActors.Simulation.Tests;

/// <summary>The runner's command line, replay command and summary line.</summary>
public sealed class RunnerTests
{
    [Fact]
    public void Parses_every_option()
    {
        var options = RunnerOptions.Parse(["--seed-start", "1234", "--seeds", "3", "--voters", "5", "--observers", "1", "--ticks", "900", "--verbose"], TextWriter.Null);
        Assert.Equal(new RunnerOptions(1234, 3, 5, 1, 900, true), options);
        // Replay lines printed before the pure-peer simulation name the storage; memory is the only one left.
        Assert.Equal(new RunnerOptions(7, 1, null, null, null, false), RunnerOptions.Parse(["--seed-start", "7", "--storage", "memory"], TextWriter.Null));
        Assert.Null(RunnerOptions.Parse(["--storage", "journal"], TextWriter.Null));
    }

    [Theory]
    [InlineData("--seeds", "0")]
    [InlineData("--seeds", "x")]
    [InlineData("--seed-start", "-1")]
    [InlineData("--bogus", "1")]
    [InlineData("--voters")]
    public void Refuses_bad_arguments_with_a_reason(params string[] args)
    {
        var error = new StringWriter();
        Assert.Null(RunnerOptions.Parse(args, error));
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public void Main_exits_with_the_usage_code_on_bad_arguments() =>
        Assert.Equal(Program.UsageExitCode, Program.Main(["--seeds"]));

    [Fact]
    public void The_replay_command_names_the_seed_and_the_resolved_ensemble()
    {
        var runner = new RunnerOptions(1, 10, null, null, null, false);
        var options = SimulationOptions.FromSeed(1234, voters: 5, observers: 1);
        Assert.Equal(
            "dotnet run -c Release --project tests/ZabActors.Simulation -- --seed-start 1234 --seeds 1 --voters 5 --observers 1",
            runner.ReplayCommand(options));
    }

    [Fact]
    public void A_run_ends_with_the_summary_line_and_exits_zero_when_all_pass()
    {
        var output = new StringWriter();
        var exit = Program.Run(new RunnerOptions(3, 2, 3, 1, 300, false), output);
        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(0, exit);
        Assert.Equal("2 passed, 0 failed", lines[^1]);
        Assert.StartsWith("seed 3: passed", lines[0]);
    }
}

/// <summary>Exit codes separate the failure classes; several failures report the most severe.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(new Outcome[0], 0)]
    [InlineData(new[] { Outcome.Liveness }, 3)]
    [InlineData(new[] { Outcome.Crash }, 1)]
    [InlineData(new[] { Outcome.Correctness }, 2)]
    [InlineData(new[] { Outcome.Liveness, Outcome.Crash }, 1)]
    [InlineData(new[] { Outcome.Crash, Outcome.Correctness, Outcome.Liveness }, 2)]
    public void The_most_severe_failure_decides(Outcome[] outcomes, int exitCode) =>
        Assert.Equal(exitCode, Program.ExitCode(outcomes));
}
