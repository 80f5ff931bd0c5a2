using System.Text;
namespace ZabActors.Simulation.Tests;

/// <summary>
/// Runs a range of seeds of one ensemble shape with everything else derived from each seed, and fails
/// with the replay command and the broken property of every failing seed.
/// </summary>
public static class SeedSweep
{
    /// <summary>Ten rows of ten seeds from <paramref name="seedStart"/>.</summary>
    public static TheoryData<ulong> Rows(ulong seedStart)
    {
        var rows = new TheoryData<ulong>();
        for (var row = 0; row < 10; row++)
        {
            rows.Add(seedStart + (ulong)(row * 10));
        }
        return rows;
    }

    public static void Run(ulong seedStart, int seeds, int voters, int observers)
    {
        var runner = new RunnerOptions(seedStart, seeds, voters, observers, null, false);
        var failures = new StringBuilder();
        for (var i = 0; i < seeds; i++)
        {
            var options = SimulationOptions.FromSeed(seedStart + (ulong)i, voters, observers);
            var result = new Simulator(options).Run();
            if (!result.Passed)
            {
                using var writer = new StringWriter(failures);
                Program.Report(runner, result, writer);
            }
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }
}

// One class per ensemble shape: xunit runs classes in parallel, rows of one class one after another.
// Every row is its own test case, so a failing range shows up on its own: 600 seeds across 3, 5 and 7
// voters, each with every fault its seed chose (disk crash points, torn writes, read faults, bit rot on a
// minority, pauses, clock drift, partitions, clogs, drops, election loss and replays).

public sealed class ThreeVotersOneObserverSeeds
{
    [Theory]
    [MemberData(nameof(SeedSweep.Rows), 10_000UL, MemberType = typeof(SeedSweep))]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 3, observers: 1);
}

public sealed class ThreeVotersTwoObserversSeeds
{
    [Theory]
    [MemberData(nameof(SeedSweep.Rows), 20_000UL, MemberType = typeof(SeedSweep))]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 3, observers: 2);
}

public sealed class FiveVotersOneObserverSeeds
{
    [Theory]
    [MemberData(nameof(SeedSweep.Rows), 30_000UL, MemberType = typeof(SeedSweep))]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 5, observers: 1);
}

public sealed class FiveVotersTwoObserversSeeds
{
    [Theory]
    [MemberData(nameof(SeedSweep.Rows), 40_000UL, MemberType = typeof(SeedSweep))]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 5, observers: 2);
}

public sealed class SevenVotersOneObserverSeeds
{
    [Theory]
    [MemberData(nameof(SeedSweep.Rows), 50_000UL, MemberType = typeof(SeedSweep))]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 7, observers: 1);
}

public sealed class SevenVotersTwoObserversSeeds
{
    [Theory]
    [MemberData(nameof(SeedSweep.Rows), 60_000UL, MemberType = typeof(SeedSweep))]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 7, observers: 2);
}
