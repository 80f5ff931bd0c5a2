using System.Text;
using ZabActors.Simulation.Storage;

namespace ZabActors.Simulation.Tests;

/// <summary>
/// Runs a range of seeds of one ensemble shape with everything else derived from each seed, and fails
/// with the replay command and the broken property of every failing seed.
/// </summary>
internal static class SeedSweep
{
    public static void Run(ulong seedStart, int seeds, int voters, int observers, StorageMode storage)
    {
        var runner = new RunnerOptions(seedStart, seeds, voters, observers, null, false, storage);
        var failures = new StringBuilder();
        for (var i = 0; i < seeds; i++)
        {
            var options = SimulationOptions.FromSeed(seedStart + (ulong)i, voters, observers, storage: storage);
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
// Every row is its own test case, so a failing range shows up on its own. The first five rows of each
// class run on the simulation's own disk, the last five on the persistence plugin (the in-memory
// journal with crash points before and after its fsync): 300 seeds each, across 3, 5 and 7 voters.

public sealed class ThreeVotersOneObserverSeeds
{
    [Theory]
    [InlineData(10_000UL, StorageMode.Memory)]
    [InlineData(10_010UL, StorageMode.Memory)]
    [InlineData(10_020UL, StorageMode.Memory)]
    [InlineData(10_030UL, StorageMode.Memory)]
    [InlineData(10_040UL, StorageMode.Memory)]
    [InlineData(10_050UL, StorageMode.Journal)]
    [InlineData(10_060UL, StorageMode.Journal)]
    [InlineData(10_070UL, StorageMode.Journal)]
    [InlineData(10_080UL, StorageMode.Journal)]
    [InlineData(10_090UL, StorageMode.Journal)]
    public void Ten_seeds_pass(ulong seedStart, StorageMode storage) => SeedSweep.Run(seedStart, 10, voters: 3, observers: 1, storage);
}

public sealed class ThreeVotersTwoObserversSeeds
{
    [Theory]
    [InlineData(20_000UL, StorageMode.Memory)]
    [InlineData(20_010UL, StorageMode.Memory)]
    [InlineData(20_020UL, StorageMode.Memory)]
    [InlineData(20_030UL, StorageMode.Memory)]
    [InlineData(20_040UL, StorageMode.Memory)]
    [InlineData(20_050UL, StorageMode.Journal)]
    [InlineData(20_060UL, StorageMode.Journal)]
    [InlineData(20_070UL, StorageMode.Journal)]
    [InlineData(20_080UL, StorageMode.Journal)]
    [InlineData(20_090UL, StorageMode.Journal)]
    public void Ten_seeds_pass(ulong seedStart, StorageMode storage) => SeedSweep.Run(seedStart, 10, voters: 3, observers: 2, storage);
}

public sealed class FiveVotersOneObserverSeeds
{
    [Theory]
    [InlineData(30_000UL, StorageMode.Memory)]
    [InlineData(30_010UL, StorageMode.Memory)]
    [InlineData(30_020UL, StorageMode.Memory)]
    [InlineData(30_030UL, StorageMode.Memory)]
    [InlineData(30_040UL, StorageMode.Memory)]
    [InlineData(30_050UL, StorageMode.Journal)]
    [InlineData(30_060UL, StorageMode.Journal)]
    [InlineData(30_070UL, StorageMode.Journal)]
    [InlineData(30_080UL, StorageMode.Journal)]
    [InlineData(30_090UL, StorageMode.Journal)]
    public void Ten_seeds_pass(ulong seedStart, StorageMode storage) => SeedSweep.Run(seedStart, 10, voters: 5, observers: 1, storage);
}

public sealed class FiveVotersTwoObserversSeeds
{
    [Theory]
    [InlineData(40_000UL, StorageMode.Memory)]
    [InlineData(40_010UL, StorageMode.Memory)]
    [InlineData(40_020UL, StorageMode.Memory)]
    [InlineData(40_030UL, StorageMode.Memory)]
    [InlineData(40_040UL, StorageMode.Memory)]
    [InlineData(40_050UL, StorageMode.Journal)]
    [InlineData(40_060UL, StorageMode.Journal)]
    [InlineData(40_070UL, StorageMode.Journal)]
    [InlineData(40_080UL, StorageMode.Journal)]
    [InlineData(40_090UL, StorageMode.Journal)]
    public void Ten_seeds_pass(ulong seedStart, StorageMode storage) => SeedSweep.Run(seedStart, 10, voters: 5, observers: 2, storage);
}

public sealed class SevenVotersOneObserverSeeds
{
    [Theory]
    [InlineData(50_000UL, StorageMode.Memory)]
    [InlineData(50_010UL, StorageMode.Memory)]
    [InlineData(50_020UL, StorageMode.Memory)]
    [InlineData(50_030UL, StorageMode.Memory)]
    [InlineData(50_040UL, StorageMode.Memory)]
    [InlineData(50_050UL, StorageMode.Journal)]
    [InlineData(50_060UL, StorageMode.Journal)]
    [InlineData(50_070UL, StorageMode.Journal)]
    [InlineData(50_080UL, StorageMode.Journal)]
    [InlineData(50_090UL, StorageMode.Journal)]
    public void Ten_seeds_pass(ulong seedStart, StorageMode storage) => SeedSweep.Run(seedStart, 10, voters: 7, observers: 1, storage);
}

public sealed class SevenVotersTwoObserversSeeds
{
    [Theory]
    [InlineData(60_000UL, StorageMode.Memory)]
    [InlineData(60_010UL, StorageMode.Memory)]
    [InlineData(60_020UL, StorageMode.Memory)]
    [InlineData(60_030UL, StorageMode.Memory)]
    [InlineData(60_040UL, StorageMode.Memory)]
    [InlineData(60_050UL, StorageMode.Journal)]
    [InlineData(60_060UL, StorageMode.Journal)]
    [InlineData(60_070UL, StorageMode.Journal)]
    [InlineData(60_080UL, StorageMode.Journal)]
    [InlineData(60_090UL, StorageMode.Journal)]
    public void Ten_seeds_pass(ulong seedStart, StorageMode storage) => SeedSweep.Run(seedStart, 10, voters: 7, observers: 2, storage);
}
