using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence;

/// <summary>Offered to the recovery handlers first when recovery found a snapshot (Akka's <c>SnapshotOffer</c>).</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>The last message the recovery handlers see; commands are handled after it.</summary>
public sealed record RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted() { }
}

/// <summary>A <c>SaveSnapshot</c> is durable; delivered to the command handlers.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);

public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);

/// <summary>A <c>DeleteMessages</c> is durable: records up to <see cref="ToSequenceNr"/> are gone.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>Our addition for ZAB's TRUNC: records above <see cref="SequenceNr"/> are gone and the next persist follows it.</summary>
public sealed record TruncateMessagesSuccess(long SequenceNr);

public sealed record TruncateMessagesFailure(Exception Cause, long SequenceNr);
