using ZabActors.Hocon;

namespace ZabActors.Persistence.Journal;

/// <summary>
/// In-memory journal for tests and the deterministic simulation. It owns the not-yet-durable
/// operations of one node "process"; the durable records live in a shared
/// <see cref="MemoryJournalStorage"/> that survives the process.
/// </summary>
/// <remarks>
/// <para>Fault model (for the simulation): with <see cref="HoldWrites"/> on, every mutation is
/// queued as unflushed and its task stays pending until <see cref="Flush"/>, as a real journal's
/// writes wait for fsync. <see cref="SimulateCrash"/> then decides how much of the unflushed
/// queue reached the disk: the first N operations survive whole (an AtomicWrite is never torn),
/// the rest are lost, and no task of the queue is acknowledged. <see cref="FailNextWrite"/>
/// makes the next write fail as a journal failure, storing nothing.</para>
/// <para>Torn writes: the unit of survival is a whole queued operation, so a record is never
/// half-stored; the "torn tail" of this store is the lost suffix of the unflushed queue, none of
/// which was acknowledged. Stored records keep their checksum, and
/// <see cref="MemoryJournalStorage.CorruptPayload"/> models media corruption.</para>
/// <para>The journal reads no clock and no random source, so a seeded simulation stays replayable.</para>
/// </remarks>
public sealed class MemoryJournal : IAsyncWriteJournal
{
    private readonly Queue<PendingOperation> unflushed = new();
    private readonly Dictionary<string, long> projectedHighestById = new(StringComparer.Ordinal);
    private readonly Queue<Exception> scheduledFailures = new();
    private bool holdWrites;
    private bool crashed;
    private bool disposed;

    public MemoryJournal() : this(new MemoryJournalStorage()) { }

    /// <summary>The HOCON plugin constructor (<c>zab.persistence.journal.memory</c>); it has no settings.</summary>
    public MemoryJournal(Config pluginConfig) : this(new MemoryJournalStorage()) => ArgumentNullException.ThrowIfNull(pluginConfig);

    public MemoryJournal(MemoryJournalStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Storage = storage;
    }

    public MemoryJournalStorage Storage { get; }

    private object Gate => Storage.Gate;

    /// <summary>When true, mutations wait in the unflushed queue until <see cref="Flush"/>.</summary>
    public bool HoldWrites
    {
        get { lock (Gate) return holdWrites; }
        set { lock (Gate) holdWrites = value; }
    }

    public int UnflushedCount
    {
        get { lock (Gate) return unflushed.Count; }
    }

    /// <summary>The next WriteMessagesAsync call fails with <paramref name="cause"/> and stores nothing.</summary>
    public void FailNextWrite(Exception? cause = null)
    {
        lock (Gate)
            scheduledFailures.Enqueue(cause ?? new IOException("Injected journal write failure"));
    }

    /// <summary>
    /// Makes every unflushed operation durable, in order, then completes the callers' tasks on
    /// this thread, outside the journal's lock: a simulation that flushes from its driving thread
    /// keeps the callers' continuations (an actor's PipeTo) inside its own step.
    /// </summary>
    public void Flush()
    {
        List<PendingOperation> durable;
        lock (Gate)
            durable = ApplyUnflushed();
        Complete(durable);
    }

    /// <summary>
    /// Kills this journal: the first <paramref name="survivingUnflushedOperations"/> unflushed
    /// operations reach the storage, the rest are lost; none of their tasks is acknowledged and
    /// every later call fails. Open a new MemoryJournal on <see cref="Storage"/> to "restart".
    /// </summary>
    public void SimulateCrash(int survivingUnflushedOperations = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(survivingUnflushedOperations);
        var lost = new List<PendingOperation>();
        lock (Gate)
        {
            var index = 0;
            while (unflushed.TryDequeue(out var operation))
            {
                if (index++ < survivingUnflushedOperations)
                    operation.Apply();
                lost.Add(operation);
            }
            crashed = true;
        }
        var crash = new SimulatedCrashException();
        foreach (var operation in lost)
            operation.Fail(crash);
    }

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Task<IReadOnlyList<Exception?>> task;
        List<PendingOperation> durable;
        lock (Gate)
        {
            if (Unusable() is { } unusable)
                return Task.FromException<IReadOnlyList<Exception?>>(unusable);
            if (scheduledFailures.TryDequeue(out var failure))
                return Task.FromException<IReadOnlyList<Exception?>>(failure);
            var results = new Exception?[messages.Count];
            var accepted = new List<AtomicWrite>(messages.Count);
            for (var i = 0; i < messages.Count; i++)
            {
                var write = messages[i];
                var highest = ProjectedHighest(write.PersistenceId);
                if (write.LowestSequenceNr != highest + 1)
                {
                    results[i] = new JournalSequenceException(write.PersistenceId, highest + 1, write.LowestSequenceNr);
                    continue;
                }
                accepted.Add(write);
                projectedHighestById[write.PersistenceId] = write.HighestSequenceNr;
            }
            var completion = new TaskCompletionSource<IReadOnlyList<Exception?>>();
            durable = Submit(new PendingOperation(
                () => accepted.ForEach(w => Storage.GetOrAdd(w.PersistenceId).Append(w)),
                () => completion.TrySetResult(results),
                e => completion.TrySetException(e)));
            task = completion.Task;
        }
        Complete(durable);
        return task;
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        List<Persistent> replay;
        JournalCorruptedException? corruption;
        lock (Gate)
        {
            if (Unusable() is { } unusable)
                return Task.FromException(unusable);
            replay = CollectReplay(persistenceId, fromSequenceNr, toSequenceNr, max, out corruption);
        }
        // Callbacks run outside the lock so they may call back into the journal; the records
        // before a damaged one are delivered first, as a streaming store would.
        foreach (var record in replay)
            recoveryCallback(record);
        return corruption is null ? Task.CompletedTask : Task.FromException(corruption);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        lock (Gate)
        {
            if (Unusable() is { } unusable)
                return Task.FromException<long>(unusable);
            return Task.FromResult(Storage.Find(persistenceId)?.HighestSequenceNr ?? 0);
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        return SubmitControl(() => Storage.Find(persistenceId)?.DeleteTo(toSequenceNr));
    }

    public Task TruncateAfterAsync(string persistenceId, long sequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNr);
        lock (Gate)
        {
            if (Unusable() is null)
                projectedHighestById[persistenceId] = Math.Min(ProjectedHighest(persistenceId), sequenceNr);
        }
        return SubmitControl(() => Storage.Find(persistenceId)?.TruncateAfter(sequenceNr));
    }

    /// <summary>A graceful close: whatever is unflushed is flushed, as a real journal finishes its queue.</summary>
    public ValueTask DisposeAsync()
    {
        var durable = new List<PendingOperation>();
        lock (Gate)
        {
            if (!crashed && !disposed)
                durable = ApplyUnflushed();
            disposed = true;
        }
        Complete(durable);
        return ValueTask.CompletedTask;
    }

    private Task SubmitControl(Action apply)
    {
        List<PendingOperation> durable;
        Task task;
        lock (Gate)
        {
            if (Unusable() is { } unusable)
                return Task.FromException(unusable);
            var completion = new TaskCompletionSource();
            durable = Submit(new PendingOperation(apply, () => completion.TrySetResult(), e => completion.TrySetException(e)));
            task = completion.Task;
        }
        Complete(durable);
        return task;
    }

    /// <summary>Queues the operation; without <see cref="HoldWrites"/> it is applied at once, with whatever was queued before it.</summary>
    private List<PendingOperation> Submit(PendingOperation operation)
    {
        unflushed.Enqueue(operation);
        return holdWrites ? [] : ApplyUnflushed();
    }

    private List<PendingOperation> ApplyUnflushed()
    {
        var durable = new List<PendingOperation>(unflushed.Count);
        while (unflushed.TryDequeue(out var operation))
        {
            operation.Apply();
            durable.Add(operation);
        }
        return durable;
    }

    /// <summary>
    /// Completes the callers' tasks outside the lock. Tasks complete synchronously here, so a
    /// caller's synchronous continuation (PipeTo) runs on this thread; without HoldWrites that is
    /// before the task is even returned, which keeps the deterministic runtime deterministic.
    /// </summary>
    private static void Complete(List<PendingOperation> durable)
    {
        foreach (var operation in durable)
            operation.Complete();
    }

    private List<Persistent> CollectReplay(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        out JournalCorruptedException? corruption)
    {
        corruption = null;
        var replay = new List<Persistent>();
        var log = Storage.Find(persistenceId);
        if (log is null || max <= 0)
            return replay;
        foreach (var stored in log.Records)
        {
            var record = stored.Record;
            if (record.SequenceNr < fromSequenceNr)
                continue;
            if (record.SequenceNr > toSequenceNr || replay.Count >= max)
                break;
            if (RecordChecksum.Of(record) != stored.Checksum)
            {
                corruption = new JournalCorruptedException(persistenceId, record.SequenceNr, MemoryJournalStorage.Location,
                    $"checksum mismatch (stored 0x{stored.Checksum:x8}, computed 0x{RecordChecksum.Of(record):x8})");
                break;
            }
            replay.Add(record);
        }
        return replay;
    }

    private long ProjectedHighest(string persistenceId) =>
        projectedHighestById.TryGetValue(persistenceId, out var highest)
            ? highest
            : Storage.Find(persistenceId)?.HighestSequenceNr ?? 0;

    private Exception? Unusable() =>
        crashed ? new SimulatedCrashException()
        : disposed ? new ObjectDisposedException(nameof(MemoryJournal))
        : null;

    /// <summary>A queued mutation: how to apply it to the storage, and how to answer its caller.</summary>
    private sealed record PendingOperation(Action Apply, Action Complete, Action<Exception> Fail);
}
