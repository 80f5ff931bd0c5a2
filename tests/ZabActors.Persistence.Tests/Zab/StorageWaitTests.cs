using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>
/// The synchronous storage calls must not deadlock when their caller's thread has a
/// synchronization context that only that (now blocked) thread would run, as an actor's has.
/// </summary>
public sealed class StorageWaitTests
{
    [Fact]
    public void A_plugin_that_awaits_does_not_post_back_to_the_blocked_callers_context()
    {
        var storage = JournalPeerStorage.Open(new YieldingJournal(new MemoryJournal()), new MemorySnapshotStore(), "peer-1",
            PeerStorageSettings.Default with { OperationTimeout = TimeSpan.FromSeconds(20) });
        var context = new NeverRunContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            storage.Log.Append(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("a")));
            storage.Log.Flush();
            Assert.Single(storage.Log.ReadAfter(Zxid.Zero));
            storage.Epochs.Save(1, 1);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        Assert.Equal(0, context.Posted);
    }

    /// <summary>Stands for a blocked actor: work posted to it never runs.</summary>
    private sealed class NeverRunContext : SynchronizationContext
    {
        private int posted;

        public int Posted => posted;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref posted);
    }

    /// <summary>A plugin whose every call yields first, as a truly asynchronous store does.</summary>
    private sealed class YieldingJournal(IAsyncWriteJournal inner) : IAsyncWriteJournal
    {
        public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages)
        {
            await Task.Yield();
            return await inner.WriteMessagesAsync(messages);
        }

        public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback)
        {
            await Task.Yield();
            await inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
        }

        public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr)
        {
            await Task.Yield();
            return await inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr);
        }

        public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr)
        {
            await Task.Yield();
            await inner.DeleteMessagesToAsync(persistenceId, toSequenceNr);
        }

        public async Task TruncateAfterAsync(string persistenceId, long sequenceNr)
        {
            await Task.Yield();
            await inner.TruncateAfterAsync(persistenceId, sequenceNr);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
