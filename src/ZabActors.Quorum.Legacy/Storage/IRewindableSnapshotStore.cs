using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// A snapshot store that can delete the snapshots above a zxid, an optional addition to
/// <see cref="ISnapshotStore"/>: when a leader's SNAP or TRUNC rewinds the peer below one of its own
/// snapshots, the TxnLogActor deletes that snapshot (as ZooKeeper's FileTxnSnapLog.truncateLog does),
/// so the newest snapshot on disk never lies ahead of the state the peer restored.
/// </summary>
public interface IRewindableSnapshotStore
{
    /// <summary>Durably deletes every snapshot newer than <paramref name="zxid"/>; the one at <paramref name="zxid"/> stays.</summary>
    void DeleteAfter(Zxid zxid);
}
