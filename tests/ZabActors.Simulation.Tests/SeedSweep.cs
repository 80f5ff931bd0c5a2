using System.Text;

namespace ZabActors.Simulation.Tests;

/// <summary>
/// Runs a range of seeds of one ensemble shape with everything else derived from each seed, and fails
/// with the replay command and the broken property of every failing seed.
/// </summary>
internal static class SeedSweep
{
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
// Every row is its own test case, so a failing range shows up on its own.

public sealed class ThreeVotersOneObserverSeeds
{
    [Theory]
    [InlineData(10_000UL)]
    [InlineData(10_010UL)]
    [InlineData(10_020UL)]
    [InlineData(10_030UL)]
    [InlineData(10_040UL)]
    [InlineData(10_050UL)]
    [InlineData(10_060UL)]
    [InlineData(10_070UL)]
    [InlineData(10_080UL)]
    [InlineData(10_090UL)]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 3, observers: 1);
}

public sealed class ThreeVotersTwoObserversSeeds
{
    [Theory]
    [InlineData(20_000UL)]
    [InlineData(20_010UL)]
    [InlineData(20_020UL)]
    [InlineData(20_030UL)]
    [InlineData(20_040UL)]
    [InlineData(20_050UL)]
    [InlineData(20_060UL)]
    [InlineData(20_070UL)]
    [InlineData(20_080UL)]
    [InlineData(20_090UL)]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 3, observers: 2);
}

public sealed class FiveVotersOneObserverSeeds
{
    [Theory]
    [InlineData(30_000UL)]
    [InlineData(30_010UL)]
    [InlineData(30_020UL)]
    [InlineData(30_030UL)]
    [InlineData(30_040UL)]
    [InlineData(30_050UL)]
    [InlineData(30_060UL)]
    [InlineData(30_070UL)]
    [InlineData(30_080UL)]
    [InlineData(30_090UL)]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 5, observers: 1);
}

public sealed class FiveVotersTwoObserversSeeds
{
    [Theory]
    [InlineData(40_000UL)]
    [InlineData(40_010UL)]
    [InlineData(40_020UL)]
    [InlineData(40_030UL)]
    [InlineData(40_040UL)]
    [InlineData(40_050UL)]
    [InlineData(40_060UL)]
    [InlineData(40_070UL)]
    [InlineData(40_080UL)]
    [InlineData(40_090UL)]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 5, observers: 2);
}

public sealed class SevenVotersOneObserverSeeds
{
    [Theory]
    [InlineData(50_000UL)]
    [InlineData(50_010UL)]
    [InlineData(50_020UL)]
    [InlineData(50_030UL)]
    [InlineData(50_040UL)]
    [InlineData(50_050UL)]
    [InlineData(50_060UL)]
    [InlineData(50_070UL)]
    [InlineData(50_080UL)]
    [InlineData(50_090UL)]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 7, observers: 1);
}

public sealed class SevenVotersTwoObserversSeeds
{
    [Theory]
    [InlineData(60_000UL)]
    [InlineData(60_010UL)]
    [InlineData(60_020UL)]
    [InlineData(60_030UL)]
    [InlineData(60_040UL)]
    [InlineData(60_050UL)]
    [InlineData(60_060UL)]
    [InlineData(60_070UL)]
    [InlineData(60_080UL)]
    [InlineData(60_090UL)]
    public void Ten_seeds_pass(ulong seedStart) => SeedSweep.Run(seedStart, 10, voters: 7, observers: 2);
}
