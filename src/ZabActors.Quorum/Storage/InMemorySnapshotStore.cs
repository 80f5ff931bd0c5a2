using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>Keeps the latest state-machine snapshot in memory; a save is durable when it returns. Thread-safe.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly object gate = new();
    private Snapshot? latest;

    public void Save(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            latest = snapshot;
        }
    }

    public Snapshot? LoadLatest()
    {
        lock (gate)
        {
            return latest;
        }
    }
}
