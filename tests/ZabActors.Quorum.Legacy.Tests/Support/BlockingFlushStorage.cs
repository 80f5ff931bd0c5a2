using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// An <see cref="InMemoryPeerStorage"/> whose log flush can be held in flight: while
/// <see cref="Hold"/> is set, each flush announces itself on <see cref="FlushStarted"/> and waits for
/// <see cref="Release"/>, as a slow fsync would. It records how many transactions each flush wrote and
/// on which thread flushes ran. Holding a flush makes sense on the real thread-pool runtime only.
/// </summary>
internal sealed class BlockingFlushStorage : IPeerStorage, IDisposable
{
    private readonly object gate = new();
    private readonly List<int> flushSizes = [];
    private readonly ManualResetEventSlim released = new(true);

    public BlockingFlushStorage()
    {
        Log = new LogView(this);
    }

    public InMemoryPeerStorage Inner { get; } = new();

    public ITxnLog Log { get; }

    public IEpochStore Epochs => Inner.Epochs;

    public ISnapshotStore Snapshots => Inner.Snapshots;

    public SemaphoreSlim FlushStarted { get; } = new(0);

    /// <summary>Transactions written by each flush, in order.</summary>
    public IReadOnlyList<int> FlushSizes
    {
        get
        {
            lock (gate)
            {
                return [.. flushSizes];
            }
        }
    }

    /// <summary>Whether the last flush ran on a thread-pool thread, and that thread's name.</summary>
    public (bool ThreadPool, string? Name)? LastFlushThread { get; private set; }

    /// <summary>The managed id of the thread the last flush ran on.</summary>
    public int LastFlushThreadId { get; private set; }

    /// <summary>From now on every flush waits for <see cref="Release"/>.</summary>
    public void Hold() => released.Reset();

    public void Release() => released.Set();

    public void Dispose()
    {
        released.Set();
        released.Dispose();
        FlushStarted.Dispose();
    }

    private void Flush()
    {
        var size = Inner.Log.ReadAfter(Inner.Log.LastDurableZxid).Count();
        LastFlushThread = (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name);
        LastFlushThreadId = Environment.CurrentManagedThreadId;
        FlushStarted.Release();
        if (!released.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the test never released the flush");
        }
        Inner.Log.Flush();
        lock (gate)
        {
            flushSizes.Add(size);
        }
    }

    private sealed class LogView(BlockingFlushStorage owner) : ITxnLog
    {
        public Zxid LastZxid => owner.Inner.Log.LastZxid;

        public void Append(Txn txn) => owner.Inner.Log.Append(txn);

        public void Flush() => owner.Flush();

        public void TruncateAfter(Zxid zxid) => owner.Inner.Log.TruncateAfter(zxid);

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => owner.Inner.Log.ReadAfter(zxid);
    }
}
