namespace ZabActors.Persistence.Journal;

/// <summary>One entry of the group-commit queue: a caller's request and the task it awaits.</summary>
internal abstract class JournalRequest
{
    public abstract void Fail(Exception cause);
}

/// <summary>A caller's WriteMessagesAsync call; it may share a transaction with other calls.</summary>
internal sealed class WriteRequest(IReadOnlyList<AtomicWrite> writes) : JournalRequest
{
    public IReadOnlyList<AtomicWrite> Writes { get; } = writes;

    public int RecordCount { get; } = writes.Sum(w => w.Count);

    public TaskCompletionSource<IReadOnlyList<Exception?>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception cause) => Completion.TrySetException(cause);
}

/// <summary>A DeleteMessagesTo or TruncateAfter call; it runs alone, in queue order.</summary>
internal sealed class ControlRequest(string persistenceId, long sequenceNr, bool truncate) : JournalRequest
{
    public string PersistenceId { get; } = persistenceId;

    public long SequenceNr { get; } = sequenceNr;

    /// <summary>True for TruncateAfter (drop the suffix), false for DeleteMessagesTo (drop the prefix).</summary>
    public bool Truncate { get; } = truncate;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception cause) => Completion.TrySetException(cause);
}
