using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// A transaction log that can drop its oldest entries (ZooKeeper's PurgeTxnLog), an optional
/// addition to <see cref="ITxnLog"/>. The TxnLogActor calls it only with the zxid of the oldest
/// snapshot it keeps, so every transaction above that snapshot stays replayable.
/// </summary>
public interface IPurgeableTxnLog
{
    /// <summary>
    /// Durably deletes logged transactions with a zxid below <paramref name="zxid"/>. It may keep
    /// some of them (the newest logged transaction, or a whole file in ZooKeeper's case), never
    /// one at or above <paramref name="zxid"/>.
    /// </summary>
    void PurgeBefore(Zxid zxid);
}
