using System.Net.Sockets;
using ZabActors.Client;
using ZabActors.Samples.ClusterSingleton;
using Xunit.Abstractions;

namespace ZabActors.Coordination.Tests;

/// <summary>
/// Cluster Singleton guarded by the ZabActors lease, with three real sample node processes on a
/// three-server Apache ZooKeeper ensemble. The nodes record every activation of the singleton; the
/// spec checks those records: no two activations overlap and each has a larger fencing token than the
/// one before, when the ZooKeeper server the holder's session uses is killed (the lease must stay
/// put) and when the singleton's node is killed (the lease must move, after the dead node's session
/// expired). A killed node cannot record its stop, so its activation ends, at the latest, when the
/// spec saw the process gone.
/// </summary>
[Collection(ZooKeeperEnsembleCollection.Name)]
public sealed class ClusterSingletonSpec(ZooKeeperEnsembleFixture zookeeper, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(6);
    private readonly string leaseRoot = $"/singleton-{Guid.NewGuid():N}";
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
    public async Task The_singleton_never_runs_twice_when_its_zookeeper_server_and_then_its_node_are_killed()
    {
        nodes = new SampleNodes("singleton-spec", zookeeper.Ensemble.ConnectString, leaseRoot);
        await nodes.WaitUntilAsync(() => nodes.Activations().Count == 1, Patience, "the first singleton activation");
        var first = nodes.Activations()[0];
        await using var observer = await ZooKeeperClient.ConnectAsync(zookeeper.Ensemble.ConnectString);
        var leasePath = $"{leaseRoot}/{ZabLeaseSettings.NodeName($"singleton-spec-singleton-akka://singleton-spec/user/singleton-manager")}";
        var (holder, held) = await observer.GetDataAsync(leasePath);
        Assert.Equal(first.Node, System.Text.Encoding.UTF8.GetString(holder!));
        Assert.Equal(first.FencingToken, held.Czxid);

        // The holder's ZooKeeper server dies: its session moves to another server and keeps the lease.
        var server = await ServerOfSessionAsync(held.EphemeralOwner);
        zookeeper.Kill(server);
        await Task.Delay(SessionTimeout * 2.5);
        var (_, after) = await observer.GetDataAsync(leasePath);
        Assert.Equal((held.Czxid, held.EphemeralOwner), (after.Czxid, after.EphemeralOwner));
        Assert.Equal(new[] { first }, nodes.Activations());

        // The singleton's node dies: the lease moves only once its session has expired.
        var killedAt = nodes.Kill(nodes.IndexOf(first.Node));
        await nodes.WaitUntilAsync(() => nodes.Activations().Count >= 2, Patience, "a singleton activation on another node");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var activations = nodes.Activations().OrderBy(a => a.Start).ToList();
        Assert.Equal(2, activations.Count);
        Assert.NotEqual(first.Node, activations[1].Node);
        AssertNoOverlapAndGrowingTokens(activations, new Dictionary<string, DateTimeOffset> { [first.Node] = killedAt });
        var (_, moved) = await observer.GetDataAsync(leasePath);
        Assert.Equal(activations[1].FencingToken, moved.Czxid);
        Assert.NotEqual(held.EphemeralOwner, moved.EphemeralOwner);
    }

    /// <summary>
    /// Sorted by start, each activation ends before the next starts: at its recorded stop, or for a
    /// killed node at the kill; one still running must be the last. Tokens strictly grow.
    /// </summary>
    private static void AssertNoOverlapAndGrowingTokens(IReadOnlyList<Activation> activations, IReadOnlyDictionary<string, DateTimeOffset> killedAt)
    {
        for (var i = 1; i < activations.Count; i++)
        {
            var previous = activations[i - 1];
            var end = previous.Stop ?? (killedAt.TryGetValue(previous.Node, out var kill) ? kill : DateTimeOffset.MaxValue);
            Assert.True(end <= activations[i].Start, $"{previous} overlaps {activations[i]}");
            Assert.True(previous.FencingToken < activations[i].FencingToken, $"fencing token of {activations[i]} does not grow");
        }
    }

    /// <summary>The ensemble server that lists the session among its connections (four-letter word cons).</summary>
    private async Task<int> ServerOfSessionAsync(long session)
    {
        var needle = $"sid=0x{session:x}";
        for (var id = 1; id <= 3; id++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, zookeeper.Ensemble.ClientPort(id));
            await tcp.GetStream().WriteAsync("cons"u8.ToArray());
            using var reader = new StreamReader(tcp.GetStream());
            if ((await reader.ReadToEndAsync()).Contains(needle, StringComparison.Ordinal))
            {
                return id;
            }
        }
        throw new InvalidOperationException($"no server lists session 0x{session:x}");
    }
}
