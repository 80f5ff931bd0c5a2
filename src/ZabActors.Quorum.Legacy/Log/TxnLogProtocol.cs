using ZabActors.Zab;

namespace ZabActors.Quorum;

// The TxnLogActor's protocol. Every request is answered to its sender, in the order requests arrived.

/// <summary>
/// Carry out <see cref="Op"/>. Replies: <see cref="LogDurable"/> for appends (possibly one for several
/// appends, group commit), <see cref="EpochsDurable"/>, <see cref="SnapshotInstalled"/>, nothing for a
/// truncation, or <see cref="StorageFailed"/>.
/// </summary>
internal sealed record StorageRequest(StorageOp Op);

/// <summary>
/// Save a snapshot the applier took of its state machine; every transaction it reflects is already
/// durable in the log, so the log is left as it is. No reply.
/// </summary>
internal sealed record SaveSnapshot(Snapshot Snapshot);

/// <summary>
/// The snapshot is durable and the log holds nothing above it. The requester restores its state
/// machine from it and then steps <see cref="SnapshotDurable"/>: the state machine is volatile (a
/// restart rebuilds it from snapshot and log), so restoring it after the truncation risks nothing.
/// </summary>
internal sealed record SnapshotInstalled(Snapshot Snapshot);

/// <summary>
/// Read the peer's durable state after every earlier request. With <see cref="AtStartup"/> the state
/// machine is about to be rebuilt from the latest snapshot, so that snapshot's zxid is the applied one;
/// otherwise <see cref="LastAppliedZxid"/> is how far the running state machine got.
/// </summary>
internal sealed record ReadDisk(bool AtStartup, Zxid LastAppliedZxid);

/// <summary>The answer to <see cref="ReadDisk"/>; <see cref="Snapshot"/> is the latest snapshot (restore it at startup).</summary>
internal sealed record DiskRead(PeerDisk Disk, Snapshot? Snapshot);

/// <summary>The durable state could not be read; the reason says why.</summary>
internal sealed record DiskReadFailed(string Reason);

/// <summary>The TxnLogActor's note to itself: the mailbox drained up to here, flush what was appended.</summary>
internal sealed record FlushNow
{
    public static readonly FlushNow Instance = new();
}
