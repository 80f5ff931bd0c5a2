using System.Collections.Concurrent;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Tests.Support;

/// <summary>A journal decorator that records every WriteMessagesAsync call, to count journal writes.</summary>
public sealed class RecordingJournal(IAsyncWriteJournal inner) : IAsyncWriteJournal
{
    public ConcurrentQueue<IReadOnlyList<AtomicWrite>> WriteCalls { get; } = new();

    public IAsyncWriteJournal Inner => inner;

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages)
    {
        WriteCalls.Enqueue(messages);
        return inner.WriteMessagesAsync(messages);
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback) =>
        inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) => inner.DeleteMessagesToAsync(persistenceId, toSequenceNr);

    public Task TruncateAfterAsync(string persistenceId, long sequenceNr) => inner.TruncateAfterAsync(persistenceId, sequenceNr);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
