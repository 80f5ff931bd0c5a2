using System.Text;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Snapshot;

/// <summary>
/// The conformance suite every snapshot store plugin passes (after Akka.Persistence.TCK's
/// SnapshotStoreSpec); one derived class per plugin.
/// </summary>
public abstract class SnapshotStoreSpec : IAsyncLifetime
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private ISnapshotStore? store;

    protected ISnapshotStore Store => store ?? throw new InvalidOperationException("store not opened");

    /// <summary>Opens a store on this test's storage; a second call is a restart on the same storage.</summary>
    protected abstract Task<ISnapshotStore> OpenStoreAsync();

    /// <summary>Damages one stored snapshot behind the store's back.</summary>
    protected abstract Task CorruptSnapshotAsync(string persistenceId, long sequenceNr);

    protected abstract string ExpectedCorruptionLocation { get; }

    public virtual async Task InitializeAsync() => store = await OpenStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (store is not null)
            await store.DisposeAsync();
    }

    private static SnapshotMetadata Metadata(string persistenceId, long sequenceNr, int minutes) =>
        new(persistenceId, sequenceNr, Epoch.AddMinutes(minutes));

    private static byte[] State(string persistenceId, long sequenceNr) => Encoding.UTF8.GetBytes($"state of {persistenceId} at {sequenceNr}");

    /// <summary>Saves snapshots of "p" at sequence nrs 10, 20, 30, 40 taken at minutes 1, 2, 3, 4.</summary>
    private async Task SaveFourAsync()
    {
        for (var i = 1; i <= 4; i++)
            await Store.SaveAsync(Metadata("p", i * 10, i), State("p", i * 10));
    }

    private async Task<long?> LoadSequenceNrAsync(SnapshotSelectionCriteria criteria, string persistenceId = "p")
    {
        var selected = await Store.LoadAsync(persistenceId, criteria);
        if (selected is null)
            return null;
        Assert.Equal(State(persistenceId, selected.Metadata.SequenceNr), selected.Snapshot);
        return selected.Metadata.SequenceNr;
    }

    [PluginFact]
    public async Task Store_should_return_nothing_when_no_snapshot_exists()
    {
        Assert.Null(await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest));
    }

    [PluginFact]
    public async Task Store_should_load_the_latest_snapshot_with_its_metadata()
    {
        await SaveFourAsync();
        var latest = await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest);
        Assert.Equal(new SelectedSnapshot(Metadata("p", 40, 4), State("p", 40)), latest);
        Assert.Null(await Store.LoadAsync("p", SnapshotSelectionCriteria.None));
    }

    [PluginFact]
    public async Task Store_should_respect_the_maximum_sequence_nr_and_timestamp()
    {
        await SaveFourAsync();
        Assert.Equal(30, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(35)));
        Assert.Equal(20, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(long.MaxValue, Epoch.AddMinutes(2))));
        Assert.Equal(10, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(30, Epoch.AddMinutes(1))));
        Assert.Null(await LoadSequenceNrAsync(new SnapshotSelectionCriteria(9)));
    }

    [PluginFact]
    public async Task Store_should_respect_the_minimum_sequence_nr_and_timestamp()
    {
        await SaveFourAsync();
        Assert.Equal(30, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(35, DateTime.MaxValue, 25)));
        Assert.Null(await LoadSequenceNrAsync(new SnapshotSelectionCriteria(35, DateTime.MaxValue, 31)));
        Assert.Equal(20, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue, 0, Epoch.AddMinutes(2))));
        Assert.Null(await LoadSequenceNrAsync(new SnapshotSelectionCriteria(25, DateTime.MaxValue, 0, Epoch.AddMinutes(3))));
    }

    [PluginFact]
    public async Task Store_should_replace_a_snapshot_saved_again_at_the_same_sequence_nr()
    {
        await Store.SaveAsync(Metadata("p", 10, 1), [1, 2, 3]);
        await Store.SaveAsync(Metadata("p", 10, 5), State("p", 10));
        var loaded = await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest);
        Assert.Equal(new SelectedSnapshot(Metadata("p", 10, 5), State("p", 10)), loaded);
    }

    [PluginFact]
    public async Task Store_should_delete_one_snapshot_by_metadata()
    {
        await SaveFourAsync();
        await Store.DeleteAsync(Metadata("p", 40, 4));
        Assert.Equal(30, await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest));
        await Store.DeleteAsync(Metadata("p", 99, 4));
        Assert.Equal(30, await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest));
    }

    [PluginFact]
    public async Task Store_should_delete_the_snapshots_matching_criteria()
    {
        await SaveFourAsync();
        await Store.DeleteAsync("p", new SnapshotSelectionCriteria(30, DateTime.MaxValue, 20));
        Assert.Equal(40, await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest));
        Assert.Equal(10, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(39)));
        await Store.DeleteAsync("p", SnapshotSelectionCriteria.Latest);
        Assert.Null(await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest));
    }

    [PluginFact]
    public async Task Store_should_keep_ids_apart()
    {
        await Store.SaveAsync(Metadata("p", 10, 1), State("p", 10));
        await Store.SaveAsync(Metadata("q", 20, 1), State("q", 20));
        await Store.DeleteAsync("q", SnapshotSelectionCriteria.Latest);
        Assert.Equal(10, await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest, "p"));
        Assert.Null(await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest, "q"));
    }

    [PluginFact]
    public async Task Store_should_keep_snapshots_across_a_restart()
    {
        await SaveFourAsync();
        await Store.DisposeAsync();
        store = null;
        store = await OpenStoreAsync();
        Assert.Equal(40, await LoadSequenceNrAsync(SnapshotSelectionCriteria.Latest));
    }

    [PluginFact]
    public async Task Store_should_round_trip_empty_and_large_snapshots()
    {
        var large = Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 7)).ToArray();
        await Store.SaveAsync(Metadata("p", 1, 1), []);
        await Store.SaveAsync(Metadata("p", 2, 1), large);
        Assert.Equal(large, (await Store.LoadAsync("p", SnapshotSelectionCriteria.Latest))!.Snapshot);
        Assert.Empty((await Store.LoadAsync("p", new SnapshotSelectionCriteria(1)))!.Snapshot);
    }

    [PluginFact]
    public async Task Store_should_refuse_a_corrupted_snapshot()
    {
        await SaveFourAsync();
        await CorruptSnapshotAsync("p", 40);
        var error = await Assert.ThrowsAsync<SnapshotCorruptedException>(() => Store.LoadAsync("p", SnapshotSelectionCriteria.Latest));
        Assert.Equal("p", error.PersistenceId);
        Assert.Equal(40, error.SequenceNr);
        Assert.Equal(ExpectedCorruptionLocation, error.Location);
        Assert.Contains("checksum", error.Message);
        Assert.Equal(30, await LoadSequenceNrAsync(new SnapshotSelectionCriteria(39)));
    }
}
