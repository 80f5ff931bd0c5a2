using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Keeps state-machine snapshots in memory, newest by zxid first to load; a save is durable when it
/// returns, and a second save at the same zxid replaces the first. Old snapshots stay until
/// <see cref="DeleteBefore"/> (or, above a rewind, <see cref="DeleteAfter"/>). Thread-safe.
/// </summary>
public sealed class InMemorySnapshotStore : ISnapshotStore, IPurgeableSnapshotStore, IRewindableSnapshotStore
{
    private readonly object gate = new();
    private readonly SortedList<Zxid, Snapshot> snapshots = [];

    public void Save(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            snapshots[snapshot.Zxid] = snapshot;
        }
    }

    public Snapshot? LoadLatest()
    {
        lock (gate)
        {
            return snapshots.Count > 0 ? snapshots.Values[^1] : null;
        }
    }

    public void DeleteBefore(Zxid zxid)
    {
        lock (gate)
        {
            while (snapshots.Count > 0 && snapshots.Keys[0] < zxid)
            {
                snapshots.RemoveAt(0);
            }
        }
    }

    public void DeleteAfter(Zxid zxid)
    {
        lock (gate)
        {
            while (snapshots.Count > 0 && snapshots.Keys[^1] > zxid)
            {
                snapshots.RemoveAt(snapshots.Count - 1);
            }
        }
    }

    /// <summary>The zxids of the snapshots held, oldest first.</summary>
    public IReadOnlyList<Zxid> Zxids()
    {
        lock (gate)
        {
            return [.. snapshots.Keys];
        }
    }
}
