namespace ZabActors.Compatibility.Ensembles;

/// <summary>
/// The one ensemble the whole collection shares (started once, stopped at the end) and the switch
/// choosing what it is: change <see cref="Create"/> to run every client against another server.
/// </summary>
public sealed class CompatibilityEnsemble : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public IEnsembleUnderTest Ensemble { get; } = Create();

    /// <summary>The switch: the ensemble every compatibility test runs against.</summary>
    private static IEnsembleUnderTest Create() => new ApacheZooKeeperEnsemble();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        await Ensemble.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await Ensemble.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class CompatibilityCollection : ICollectionFixture<CompatibilityEnsemble>
{
    public const string Name = "Compatibility ensemble";
}
