using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>
/// A write the driver must make durable, in the order given, before it confirms it with the matching
/// input (<see cref="LogDurable"/>, <see cref="EpochsDurable"/>, <see cref="SnapshotDurable"/>).
/// A machine never sends an acknowledgement that depends on a write before that confirmation.
/// </summary>
public abstract record StorageOp;

/// <summary>Remove every logged transaction with a zxid above <see cref="After"/>; <see cref="After"/> itself stays.</summary>
public sealed record TruncateLog(Zxid After) : StorageOp;

/// <summary>
/// Write the snapshot durably, restore the state machine from it, and only then drop logged
/// transactions above its zxid; later appends follow the snapshot. Confirm with <see cref="SnapshotDurable"/>.
/// </summary>
public sealed record InstallSnapshot(Snapshot Snapshot) : StorageOp;

/// <summary>Append the transactions in order, flush them, and confirm with <see cref="LogDurable"/> of the last zxid.</summary>
public sealed record AppendTxns(ImmutableArray<Txn> Txns) : StorageOp
{
    public Zxid Last => Txns[^1].Zxid;
}

/// <summary>Write the epoch files durably (a null keeps the stored value) and confirm with <see cref="EpochsDurable"/>.</summary>
public sealed record SaveEpochs(long? AcceptedEpoch, long? CurrentEpoch) : StorageOp;
