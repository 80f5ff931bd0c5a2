using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// The durable storage a peer is given at creation: its transaction log, epoch files and snapshots.
/// It outlives the peer's actors, so a crash and restart keeps exactly what was durable.
/// Only the peer's <c>TxnLogActor</c> calls it while the peer runs.
/// </summary>
public interface IPeerStorage
{
    ITxnLog Log { get; }

    IEpochStore Epochs { get; }

    ISnapshotStore Snapshots { get; }
}
