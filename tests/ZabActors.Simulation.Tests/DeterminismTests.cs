namespace ZabActors.Simulation.Tests;

/// <summary>A seed is a complete description of a run: the same seed replays the same history.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData(7UL)]
    [InlineData(424_242UL)]
    public void Same_seed_twice_gives_the_identical_trace(ulong seed)
    {
        var first = new Simulator(SimulationOptions.FromSeed(seed)).Run();
        var second = new Simulator(SimulationOptions.FromSeed(seed)).Run();
        Assert.Equal(first.TraceHash, second.TraceHash);
        Assert.Equal(first.Steps, second.Steps);
        Assert.Equal(first.VirtualTime, second.VirtualTime);
        Assert.Equal(first.Summary, second.Summary);
        Assert.True(first.Steps > 1000, $"the run did too little to prove anything: {first.Summary}");
    }

    [Fact]
    public void Same_seed_twice_gives_the_identical_verbose_trace()
    {
        var options = SimulationOptions.FromSeed(99, voters: 3, observers: 1, safetyTicks: 1500);
        var first = new StringWriter();
        var second = new StringWriter();
        new Simulator(options, first).Run();
        new Simulator(options, second).Run();
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Contains("established", first.ToString());
    }

    [Fact]
    public void Different_seeds_give_different_traces()
    {
        var a = new Simulator(SimulationOptions.FromSeed(1, voters: 3, observers: 0)).Run();
        var b = new Simulator(SimulationOptions.FromSeed(2, voters: 3, observers: 0)).Run();
        Assert.NotEqual(a.TraceHash, b.TraceHash);
    }

    [Fact]
    public void Overriding_the_ensemble_size_keeps_the_rest_of_the_seed_s_options()
    {
        var derived = SimulationOptions.FromSeed(5);
        var overridden = SimulationOptions.FromSeed(5, voters: derived.Layout.Voters == 3 ? 5 : 3, observers: 2);
        Assert.Equal(derived.Network, overridden.Network);
        Assert.Equal(derived.Disk, overridden.Disk);
        Assert.Equal(derived.Workload, overridden.Workload);
        Assert.Equal(derived.SafetyTicks, overridden.SafetyTicks);
        Assert.Equal(derived.Faults.PauseProbability, overridden.Faults.PauseProbability);
    }
}
