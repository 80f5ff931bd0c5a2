using ZabActors.Client.Tests;

namespace ZabActors.Coordination.Tests;

/// <summary>
/// A three-server Apache ZooKeeper ensemble shared by the real-process cluster specs, which run one
/// after the other. A spec that kills a server starts it again through <see cref="HealAsync"/>.
/// </summary>
public sealed class ZooKeeperEnsembleFixture : IAsyncLifetime
{
    private readonly HashSet<int> killed = [];

    public ApacheZooKeeperEnsemble Ensemble { get; } = new();

    public Task InitializeAsync() => Ensemble.StartAsync();

    public Task DisposeAsync() => Ensemble.DisposeAsync().AsTask();

    public void Kill(int id)
    {
        Ensemble.Kill(id);
        killed.Add(id);
    }

    /// <summary>Starts every killed server again and waits until each has rejoined the quorum.</summary>
    public async Task HealAsync()
    {
        foreach (var id in killed)
        {
            Ensemble.Start(id);
        }
        foreach (var id in killed)
        {
            await Ensemble.WaitServingAsync(id);
        }
        killed.Clear();
    }
}

[CollectionDefinition(Name)]
public sealed class ZooKeeperEnsembleCollection : ICollectionFixture<ZooKeeperEnsembleFixture>
{
    public const string Name = "Apache ZooKeeper ensemble with sample cluster nodes";
}
