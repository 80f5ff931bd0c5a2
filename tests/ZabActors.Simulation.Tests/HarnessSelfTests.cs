using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Storage;

namespace ZabActors.Simulation.Tests;

/// <summary>
/// The harness catches real damage end to end: with a disk whose fsync lies, crashes lose acknowledged
/// transactions, and the checkers (not a hand-made history) must notice.
/// </summary>
public sealed class HarnessSelfTests
{
    [Fact]
    public void A_lying_fsync_is_caught_at_the_first_acknowledgement()
    {
        var scenario = Scenario.Create(seed: 8, voters: 3, disk: new DiskOptions { LyingFsync = true }).StartAll().AwaitLeader(TimeSpan.FromMinutes(1));
        var violation = Assert.Throws<InvariantViolation>(() => scenario.Write(1).AwaitConvergence(TimeSpan.FromMinutes(1)));
        Assert.Equal("QuorumDurability", violation.Property);
        Assert.Contains("is durable on 0 voters [], fewer than a quorum of 2", violation.Detail);
    }

    [Fact]
    public void Seeds_with_a_lying_fsync_fail_as_correctness_failures()
    {
        var outcomes = new List<SimulationResult>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var derived = SimulationOptions.FromSeed(seed, voters: 3, observers: 0, safetyTicks: 3000);
            var options = derived with
            {
                Disk = derived.Disk with { LyingFsync = true },
                Faults = derived.Faults with { CrashProbability = 0.01, RestartProbability = 0.05, MaxCrashed = 3, MinUpTicks = 20, MinDownTicks = 10 },
                Workload = derived.Workload with { WriteProbability = 0.2 },
            };
            outcomes.Add(new Simulator(options).Run());
        }
        Assert.Contains(outcomes, r => r.Outcome == Outcome.Correctness);
    }
}
