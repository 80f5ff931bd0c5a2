using ZabActors.Actors;

namespace ZabActors.Persistence.Snapshot;

/// <summary>The messages between persistent actors and the <see cref="SnapshotStoreActor"/> (Akka's <c>SnapshotProtocol</c>).</summary>
internal static class SnapshotProtocol
{
    /// <summary>Loads the newest snapshot matching the criteria with a sequence nr of at most ToSequenceNr.</summary>
    public sealed record LoadSnapshot(string PersistenceId, SnapshotSelectionCriteria Criteria, long ToSequenceNr, int ActorInstanceId);

    public sealed record LoadSnapshotResult(SelectedSnapshot? Snapshot, int ActorInstanceId);

    public sealed record LoadSnapshotFailed(Exception Cause, int ActorInstanceId);

    /// <summary>Replied with <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    public sealed record SaveSnapshot(SnapshotMetadata Metadata, byte[] Snapshot);

    /// <summary>Replied with <see cref="DeleteSnapshotSuccess"/> or <see cref="DeleteSnapshotFailure"/>.</summary>
    public sealed record DeleteSnapshot(SnapshotMetadata Metadata);

    /// <summary>Replied with <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    public sealed record DeleteSnapshots(string PersistenceId, SnapshotSelectionCriteria Criteria);
}
