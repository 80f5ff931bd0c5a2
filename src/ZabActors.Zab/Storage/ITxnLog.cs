namespace ZabActors.Zab;

/// <summary>
/// A peer's transaction log, as ZooKeeper's <c>TxnLog</c>. Implemented by the drivers (TxnLogActor);
/// the state machines never call it, they emit <see cref="StorageOp"/>s.
/// </summary>
public interface ITxnLog
{
    /// <summary>The zxid of the last appended transaction (flushed or not); Zero for an empty log.</summary>
    Zxid LastZxid { get; }

    /// <summary>Buffers a transaction; zxids must ascend.</summary>
    void Append(Txn txn);

    /// <summary>Makes every appended transaction durable (fsync) before it returns.</summary>
    void Flush();

    /// <summary>Durably removes every transaction with a zxid above <paramref name="zxid"/>; that zxid itself stays.</summary>
    void TruncateAfter(Zxid zxid);

    /// <summary>The transactions with a zxid above <paramref name="zxid"/>, in order.</summary>
    IEnumerable<Txn> ReadAfter(Zxid zxid);
}
