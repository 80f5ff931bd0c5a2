namespace ZabActors.Persistence.Snapshot;

/// <summary>
/// The snapshot plugin contract, shaped after Akka.Persistence's <c>SnapshotStore</c>: it owns
/// serialized state snapshots, at most one per (persistence id, sequence nr).
/// </summary>
/// <remarks>Tasks complete when the change is durable.</remarks>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>
    /// The newest matching snapshot (highest sequence nr, then newest timestamp), or null.
    /// Throws <see cref="SnapshotCorruptedException"/> when that snapshot fails its checksum.
    /// </summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria);

    /// <summary>Stores the snapshot; a second save with the same id and sequence nr replaces the first.</summary>
    Task SaveAsync(SnapshotMetadata metadata, byte[] snapshot);

    /// <summary>Deletes the snapshot with the metadata's id and sequence nr.</summary>
    Task DeleteAsync(SnapshotMetadata metadata);

    /// <summary>Deletes every snapshot of the id that matches the criteria.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria);
}
