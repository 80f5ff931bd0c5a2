using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// A snapshot store that can delete old snapshots, an optional addition to
/// <see cref="ISnapshotStore"/>; the TxnLogActor keeps the newest <c>zab.snapshot-retain-count</c>.
/// </summary>
public interface IPurgeableSnapshotStore
{
    /// <summary>Durably deletes every snapshot older than <paramref name="zxid"/>; the one at <paramref name="zxid"/> stays.</summary>
    void DeleteBefore(Zxid zxid);
}
