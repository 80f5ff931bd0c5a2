using ZabActors.Hocon;

namespace ZabActors.Persistence.Snapshot;

/// <summary>
/// In-memory snapshot store for tests and the simulation; the snapshots live in a shared
/// <see cref="MemorySnapshotStorage"/> so they outlive a simulated restart.
/// </summary>
/// <remarks><see cref="FailNextSave"/> injects a store failure for the simulation.</remarks>
public sealed class MemorySnapshotStore : ISnapshotStore
{
    private readonly Queue<Exception> scheduledFailures = new();

    public MemorySnapshotStore() : this(new MemorySnapshotStorage()) { }

    /// <summary>The HOCON plugin constructor (<c>zab.persistence.snapshot-store.memory</c>); it has no settings.</summary>
    public MemorySnapshotStore(Config pluginConfig) : this(new MemorySnapshotStorage()) => ArgumentNullException.ThrowIfNull(pluginConfig);

    public MemorySnapshotStore(MemorySnapshotStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Storage = storage;
    }

    public MemorySnapshotStorage Storage { get; }

    /// <summary>The next SaveAsync fails with <paramref name="cause"/> and stores nothing.</summary>
    public void FailNextSave(Exception? cause = null)
    {
        lock (Storage.Gate)
            scheduledFailures.Enqueue(cause ?? new IOException("Injected snapshot save failure"));
    }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        lock (Storage.Gate)
        {
            var snapshots = Storage.Find(persistenceId);
            if (snapshots is null)
                return Task.FromResult<SelectedSnapshot?>(null);
            for (var i = snapshots.Count - 1; i >= 0; i--)
            {
                var stored = snapshots.Values[i];
                if (!criteria.IsMatch(stored.Metadata))
                    continue;
                var metadata = stored.Metadata;
                if (RecordChecksum.OfSnapshot(persistenceId, metadata.SequenceNr, metadata.Timestamp.Ticks, stored.Snapshot) != stored.Checksum)
                    return Task.FromException<SelectedSnapshot?>(new SnapshotCorruptedException(
                        persistenceId, metadata.SequenceNr, MemorySnapshotStorage.Location, "checksum mismatch"));
                return Task.FromResult<SelectedSnapshot?>(new SelectedSnapshot(metadata, stored.Snapshot));
            }
            return Task.FromResult<SelectedSnapshot?>(null);
        }
    }

    public Task SaveAsync(SnapshotMetadata metadata, byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (Storage.Gate)
        {
            if (scheduledFailures.TryDequeue(out var failure))
                return Task.FromException(failure);
            var checksum = RecordChecksum.OfSnapshot(metadata.PersistenceId, metadata.SequenceNr, metadata.Timestamp.Ticks, snapshot);
            var copy = (byte[])snapshot.Clone();
            Storage.GetOrAdd(metadata.PersistenceId)[metadata.SequenceNr] =
                new MemorySnapshotStorage.StoredSnapshot(metadata, copy, checksum);
            return Task.CompletedTask;
        }
    }

    public Task DeleteAsync(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (Storage.Gate)
            Storage.Find(metadata.PersistenceId)?.Remove(metadata.SequenceNr);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        lock (Storage.Gate)
        {
            var snapshots = Storage.Find(persistenceId);
            if (snapshots is null)
                return Task.CompletedTask;
            foreach (var sequenceNr in snapshots.Values.Where(s => criteria.IsMatch(s.Metadata)).Select(s => s.Metadata.SequenceNr).ToList())
                snapshots.Remove(sequenceNr);
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
