using Xunit.Abstractions;

namespace ZabActors.Coordination.Tests;

/// <summary>
/// Split Brain Resolver with lease-majority and the ZabActors lease, with three real sample node
/// processes. The partition is a paused process: SIGSTOP freezes one node (not the singleton's), so
/// the other two see it unreachable while it sees nothing; SIGCONT wakes it to a cluster that has
/// moved on. What this shows: the two reachable nodes take the SBR lease and down the paused one,
/// and when it wakes it is the side that goes down (its process exits) while the two stay up. It does
/// not show two live sides racing for the lease at the same moment; a paused side cannot race.
/// </summary>
[Collection(ZooKeeperEnsembleCollection.Name)]
public sealed class SplitBrainResolverSpec(ZooKeeperEnsembleFixture zookeeper, ITestOutputHelper output) : IAsyncLifetime
{
    private const string System = "sbr-spec";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private SampleNodes? nodes;

    public Task InitializeAsync() => zookeeper.HealAsync();

    public Task DisposeAsync()
    {
        if (nodes is not null)
        {
            output.WriteLine(nodes.Describe());
            nodes.Dispose();
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task After_a_partition_the_side_with_the_lease_stays_up_and_the_paused_node_goes_down()
    {
        nodes = new SampleNodes(System, zookeeper.Ensemble.ConnectString, $"/sbr-{Guid.NewGuid():N}");
        var all = Enumerable.Range(0, 3).Select(nodes.Node).Order().ToList();
        await nodes.WaitUntilAsync(() => Enumerable.Range(0, 3).All(i => nodes.LatestUp(i)?.Order().SequenceEqual(all) == true), Patience, "all three nodes up");
        await nodes.WaitUntilAsync(() => nodes.Activations().Count == 1, Patience, "the singleton activation");
        var singletonNode = nodes.IndexOf(nodes.Activations()[0].Node);
        var paused = Enumerable.Range(0, 3).First(i => i != singletonNode);
        var survivors = Enumerable.Range(0, 3).Where(i => i != paused).ToList();
        var survivorNames = survivors.Select(nodes.Node).Order().ToList();

        nodes.Pause(paused);
        await nodes.WaitUntilAsync(() => survivors.All(i => nodes.LatestUp(i)?.Order().SequenceEqual(survivorNames) == true && LastSeesNoneUnreachable(i)),
            Patience, "the two reachable nodes removing the paused one");
        var leaseTakers = survivors.Where(i => nodes.Lines(i).Any(l => l.Contains($"lease {System}-akka-sbr acquired by {nodes.Node(i)}", StringComparison.Ordinal))).ToList();
        Assert.Single(leaseTakers);

        nodes.Resume(paused);
        await nodes.WaitUntilAsync(() => nodes.HasExited(paused), Patience, "the paused node going down after it woke");
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.All(survivors, i => Assert.False(nodes.HasExited(i), $"{nodes.Node(i)} went down too"));
        Assert.All(survivors, i => Assert.Equal(survivorNames, nodes.LatestUp(i)!.Order()));
        Assert.Single(nodes.Activations());
    }

    private bool LastSeesNoneUnreachable(int i) =>
        nodes!.Lines(i).LastOrDefault(l => l.Contains(" sees up=[", StringComparison.Ordinal))?.EndsWith("unreachable=[]", StringComparison.Ordinal) == true;
}
