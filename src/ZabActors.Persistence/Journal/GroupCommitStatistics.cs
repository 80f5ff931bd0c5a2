namespace ZabActors.Persistence.Journal;

/// <summary>
/// Counters a <see cref="GroupCommitWriter"/> keeps so benchmarks and operators can see how well
/// writes are grouped: one committed batch is one transaction and one fsync.
/// </summary>
public sealed class GroupCommitStatistics
{
    private long batchesCommitted;
    private long recordsCommitted;
    private long writesRejected;
    private long batchesFailed;

    public long BatchesCommitted => Interlocked.Read(ref batchesCommitted);

    public long RecordsCommitted => Interlocked.Read(ref recordsCommitted);

    public long WritesRejected => Interlocked.Read(ref writesRejected);

    public long BatchesFailed => Interlocked.Read(ref batchesFailed);

    internal void OnCommitted(int records)
    {
        Interlocked.Increment(ref batchesCommitted);
        Interlocked.Add(ref recordsCommitted, records);
    }

    internal void OnRejected() => Interlocked.Increment(ref writesRejected);

    internal void OnFailed() => Interlocked.Increment(ref batchesFailed);
}
