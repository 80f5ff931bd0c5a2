namespace ZabActors.Persistence.Journal;

/// <summary>
/// Bounds of a <see cref="GroupCommitWriter"/>: how many records one transaction may carry and
/// how many requests may wait for the writer before callers are held back.
/// </summary>
public sealed record GroupCommitSettings(int MaxBatchRecords = 4096, int QueueCapacity = 16384)
{
    public static GroupCommitSettings Default { get; } = new();

    public void Validate()
    {
        if (MaxBatchRecords < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxBatchRecords), MaxBatchRecords, "max-batch-size must be at least 1");
        if (QueueCapacity < 1)
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "queue-capacity must be at least 1");
    }
}
