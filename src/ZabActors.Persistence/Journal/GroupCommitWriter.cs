using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ZabActors.Persistence.Journal;

/// <summary>
/// Owns the single writer thread of a durable journal and groups the writes that arrive while a
/// transaction is in flight into the next transaction, so many appenders share one fsync (the
/// way ZooKeeper's <c>SyncRequestProcessor</c> batches its log flushes).
/// </summary>
/// <remarks>
/// <para>Requests wait in a bounded FIFO queue. The loop takes every write request that is queued
/// (up to <see cref="GroupCommitSettings.MaxBatchRecords"/> records), checks each
/// <see cref="AtomicWrite"/> continues its id's sequence, commits the accepted ones in one store
/// transaction and only then completes the callers' tasks. Delete and truncate requests run alone
/// in queue order, so a caller's operations apply in the order it issued them.</para>
/// <para>The writer caches the highest sequence nr per id; it is the only writer of its store's
/// ids, so the cache stays exact. After a failed transaction the cache entries of that batch are
/// dropped and re-read from the store.</para>
/// </remarks>
public sealed class GroupCommitWriter : IDisposable
{
    private const int MaxCachedIds = 65536;

    private readonly IGroupCommitStore store;
    private readonly GroupCommitSettings settings;
    private readonly ILogger logger;
    private readonly string name;
    private readonly Channel<JournalRequest> queue;
    private readonly Thread thread;
    private readonly Dictionary<string, long> highestById = new(StringComparer.Ordinal);
    private readonly List<WriteRequest> batch = [];
    private readonly List<AtomicWrite> accepted = [];
    private readonly Dictionary<string, long> batchHighestById = new(StringComparer.Ordinal);
    private int disposed;

    public GroupCommitWriter(string name, IGroupCommitStore store, GroupCommitSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.name = name;
        this.store = store;
        this.settings = settings;
        this.logger = logger;
        queue = Channel.CreateBounded<JournalRequest>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
            // A producer wakes the blocked writer thread directly; going through the thread pool
            // would delay every commit whenever the pool is busy or starved.
            AllowSynchronousContinuations = true,
        });
        thread = new Thread(Run) { IsBackground = true, Name = $"zab-journal-writer {name}" };
        thread.Start();
    }

    public GroupCommitStatistics Statistics { get; } = new();

    /// <summary>Queues the writes; the task completes once their transaction has committed.</summary>
    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
            return Task.FromResult<IReadOnlyList<Exception?>>([]);
        var request = new WriteRequest(writes);
        return Enqueue(request, request.Completion.Task);
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        var request = new ControlRequest(persistenceId, toSequenceNr, truncate: false);
        return Enqueue(request, request.Completion.Task);
    }

    public Task TruncateAfterAsync(string persistenceId, long sequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNr);
        var request = new ControlRequest(persistenceId, sequenceNr, truncate: true);
        return Enqueue(request, request.Completion.Task);
    }

    /// <summary>Stops taking requests, lets the writer finish the queued ones, then joins it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        queue.Writer.TryComplete();
        if (Thread.CurrentThread != thread)
            thread.Join();
    }

    private TTask Enqueue<TTask>(JournalRequest request, TTask completion) where TTask : Task
    {
        // TryWrite keeps call order for callers that issue several requests without awaiting;
        // only a full queue takes the slower path, whose waiters the channel serves in FIFO order.
        if (queue.Writer.TryWrite(request))
            return completion;
        if (Volatile.Read(ref disposed) != 0)
        {
            request.Fail(new ObjectDisposedException(name, $"Journal {name} is closed."));
            return completion;
        }
        _ = EnqueueSlowAsync(request);
        return completion;
    }

    private async Task EnqueueSlowAsync(JournalRequest request)
    {
        try
        {
            await queue.Writer.WriteAsync(request).ConfigureAwait(false);
        }
        catch (ChannelClosedException closed)
        {
            // A writer that died of a bug closed the queue with its cause; report that, not "closed".
            request.Fail(closed.InnerException ?? new ObjectDisposedException(name, $"Journal {name} is closed."));
        }
    }

    private void Run()
    {
        try
        {
            while (WaitForRequest())
            {
                if (queue.Reader.TryPeek(out var next) && next is ControlRequest control)
                {
                    queue.Reader.TryRead(out _);
                    ExecuteControl(control);
                    continue;
                }
                CollectWrites();
                CommitWrites();
            }
        }
        catch (Exception fatal)
        {
            // Only a bug in this loop gets here; fail every waiting caller rather than hang them.
            logger.LogCritical(fatal, "Journal writer {Journal} stopped", name);
            queue.Writer.TryComplete(fatal);
            foreach (var request in batch)
                request.Fail(fatal);
            while (queue.Reader.TryRead(out var pending))
                pending.Fail(fatal);
        }
    }

    private bool WaitForRequest()
    {
        while (!queue.Reader.TryPeek(out _))
        {
            if (!queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                return false;
        }
        return true;
    }

    private void CollectWrites()
    {
        var records = 0;
        while (queue.Reader.TryPeek(out var next) && next is WriteRequest write
               && (batch.Count == 0 || records + write.RecordCount <= settings.MaxBatchRecords))
        {
            queue.Reader.TryRead(out _);
            batch.Add(write);
            records += write.RecordCount;
        }
    }

    private void CommitWrites()
    {
        var results = new Exception?[batch.Count][];
        var records = 0;
        try
        {
            for (var r = 0; r < batch.Count; r++)
                results[r] = Admit(batch[r].Writes, ref records);
            if (accepted.Count > 0)
                store.CommitBatch(accepted);
        }
        catch (Exception cause)
        {
            FailBatch(cause);
            return;
        }
        foreach (var (id, highest) in batchHighestById)
            highestById[id] = highest;
        if (accepted.Count > 0)
            Statistics.OnCommitted(records);
        for (var r = 0; r < batch.Count; r++)
            batch[r].Completion.TrySetResult(results[r]);
        ResetBatch();
    }

    /// <summary>Accepts the writes that continue their id's sequence; returns one rejection slot per write.</summary>
    private Exception?[] Admit(IReadOnlyList<AtomicWrite> writes, ref int records)
    {
        var rejections = new Exception?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!batchHighestById.TryGetValue(write.PersistenceId, out var highest))
                highest = CachedHighest(write.PersistenceId);
            if (write.LowestSequenceNr != highest + 1)
            {
                rejections[i] = new JournalSequenceException(write.PersistenceId, highest + 1, write.LowestSequenceNr);
                Statistics.OnRejected();
                continue;
            }
            accepted.Add(write);
            records += write.Count;
            batchHighestById[write.PersistenceId] = write.HighestSequenceNr;
        }
        return rejections;
    }

    private void FailBatch(Exception cause)
    {
        logger.LogError(cause, "Journal {Journal}: a batch of {Requests} write request(s) failed", name, batch.Count);
        Statistics.OnFailed();
        foreach (var id in batchHighestById.Keys)
            highestById.Remove(id);
        foreach (var request in batch)
            request.Fail(cause);
        ResetBatch();
    }

    private void ResetBatch()
    {
        batch.Clear();
        accepted.Clear();
        batchHighestById.Clear();
    }

    private long CachedHighest(string persistenceId)
    {
        if (highestById.TryGetValue(persistenceId, out var highest))
            return highest;
        if (highestById.Count >= MaxCachedIds)
            highestById.Clear();
        highest = store.ReadHighestSequenceNr(persistenceId);
        highestById[persistenceId] = highest;
        return highest;
    }

    private void ExecuteControl(ControlRequest request)
    {
        try
        {
            var highest = CachedHighest(request.PersistenceId);
            if (request.Truncate)
            {
                store.TruncateAfter(request.PersistenceId, request.SequenceNr);
                highestById[request.PersistenceId] = Math.Min(highest, Math.Max(request.SequenceNr, 0));
            }
            else
            {
                store.DeleteMessagesTo(request.PersistenceId, request.SequenceNr, highest);
            }
            request.Completion.TrySetResult();
        }
        catch (Exception cause)
        {
            highestById.Remove(request.PersistenceId);
            logger.LogError(cause, "Journal {Journal}: {Operation} of {PersistenceId} failed", name,
                request.Truncate ? "truncate" : "delete", request.PersistenceId);
            request.Fail(cause);
        }
    }
}
