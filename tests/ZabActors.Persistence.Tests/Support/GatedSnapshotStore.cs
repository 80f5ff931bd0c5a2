using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence.Tests.Support;

/// <summary>
/// A snapshot store decorator whose loads wait for <see cref="ReleaseLoads"/> while
/// <see cref="HoldLoads"/> is set, so a test can keep a persistent actor in recovery.
/// </summary>
/// <remarks>
/// Held loads complete on the releasing thread with no asynchronous hop, so under the
/// deterministic runtime the outcome reaches the actor from the test thread, like a synchronous
/// plugin's would.
/// </remarks>
public sealed class GatedSnapshotStore(ISnapshotStore inner) : ISnapshotStore
{
    private readonly object gate = new();
    private readonly List<Action> held = [];

    public bool HoldLoads { get; set; }

    public void ReleaseLoads()
    {
        Action[] release;
        lock (gate)
        {
            HoldLoads = false;
            release = [.. held];
            held.Clear();
        }
        foreach (var load in release)
            load();
    }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        lock (gate)
        {
            if (!HoldLoads)
                return inner.LoadAsync(persistenceId, criteria);
            var result = new TaskCompletionSource<SelectedSnapshot?>();
            held.Add(() =>
            {
                var load = inner.LoadAsync(persistenceId, criteria);
                if (load.IsCompletedSuccessfully)
                    result.SetResult(load.Result);
                else
                    result.SetException(load.Exception?.InnerException ?? new InvalidOperationException("load did not complete"));
            });
            return result.Task;
        }
    }

    public Task SaveAsync(SnapshotMetadata metadata, byte[] snapshot) => inner.SaveAsync(metadata, snapshot);

    public Task DeleteAsync(SnapshotMetadata metadata) => inner.DeleteAsync(metadata);

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria) => inner.DeleteAsync(persistenceId, criteria);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
