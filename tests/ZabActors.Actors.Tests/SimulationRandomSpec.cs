using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

public sealed class SimulationRandomSpec
{
    [Fact]
    public void The_sequence_depends_only_on_the_seed()
    {
        var a = new SimulationRandom(42);
        var b = new SimulationRandom(42);
        var c = new SimulationRandom(43);
        var first = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void The_sequence_is_stable_across_platforms()
    {
        // xoshiro256** seeded by SplitMix64(0): fixed values so a changed generator cannot silently change every replay
        var random = new SimulationRandom(0);
        Assert.Equal(11091344671253066420UL, random.NextUInt64());
        Assert.Equal(13793997310169335082UL, random.NextUInt64());
    }

    [Fact]
    public void Bounded_values_stay_in_range_and_cover_it()
    {
        var random = new SimulationRandom(7);
        var seen = new int[10];
        for (int i = 0; i < 10_000; i++) seen[random.Next(10)]++;
        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
        for (int i = 0; i < 1000; i++) Assert.InRange(random.Next(-5, 5), -5, 4);
        for (int i = 0; i < 1000; i++) Assert.InRange(random.NextDouble(), 0.0, 0.9999999999);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(0));
    }
}
