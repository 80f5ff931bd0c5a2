namespace ZabActors.Simulation.Tests;

/// <summary>
/// The seeds of the protocol bugs in tests/ZabActors.Simulation/FINDINGS.md, with the phase lengths they
/// were found with; the findings are fixed and their seeds must keep passing. (An open finding's seeds
/// would be skipped here until its fix.) Since the simulation drives the pure QuorumPeer these seeds no
/// longer replay the runs they were found with; they remain regression seeds of the same shapes, and
/// each finding also has tests in the layer that owns the fix.
/// </summary>
public sealed class KnownFindingTests
{
    /// <summary>Finding 1, fixed in the Zab election (a voter answers an observer only while the observer is LOOKING).</summary>
    [Theory]
    [InlineData(102893UL, 7, 2, 4719)]
    [InlineData(102287UL, 7, 2, 3786)]
    [InlineData(100062UL, 7, 2, 3054)]
    public void Observer_voter_notification_storm(ulong seed, int voters, int observers, int ticks) =>
        AssertPasses(seed, voters, observers, ticks);

    /// <summary>Finding 2, fixed in the Zab leader (the committed log knows the zxid it starts after).</summary>
    [Theory]
    [InlineData(276UL, 3, 1, 3751)]
    [InlineData(678UL, 5, 1, 4344)]
    [InlineData(157UL, 3, 0, 3452)]
    [InlineData(315UL, 3, 2, 3337)]
    public void Snapshot_bridge_off_by_one(ulong seed, int voters, int observers, int ticks) =>
        AssertPasses(seed, voters, observers, ticks);

    private static void AssertPasses(ulong seed, int voters, int observers, int ticks)
    {
        var result = new Simulator(SimulationOptions.FromSeed(seed, voters, observers, ticks)).Run();
        Assert.True(result.Passed, $"{result.Outcome}: {result.Property}: {result.Detail}\n{string.Join("\n", result.Pending)}");
    }
}
