using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Tests.Journal;

/// <summary>
/// The fault hooks the simulation relies on: held (unflushed) writes, crashes that keep only a
/// prefix of them, and injected write failures.
/// </summary>
public sealed class MemoryJournalFaultTests
{
    private readonly MemoryJournalStorage storage = new();

    private static AtomicWrite Write(string persistenceId, long from, int count = 1) =>
        new(Enumerable.Range(0, count).Select(i => new Persistent(persistenceId, from + i, "m", [(byte)(from + i)])).ToList());

    private async Task<List<long>> ReplayAsync(IAsyncWriteJournal journal, string persistenceId)
    {
        var replayed = new List<long>();
        await journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, r => replayed.Add(r.SequenceNr));
        return replayed;
    }

    [Fact]
    public async Task Held_writes_are_neither_visible_nor_acknowledged_until_flushed()
    {
        var journal = new MemoryJournal(storage) { HoldWrites = true };
        var first = journal.WriteMessagesAsync([Write("a", 1, 2)]);
        var second = journal.WriteMessagesAsync([Write("a", 3)]);
        Assert.False(first.IsCompleted);
        Assert.Equal(2, journal.UnflushedCount);
        Assert.Empty(await ReplayAsync(journal, "a"));
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("a", 0));

        journal.Flush();
        Assert.Null((await first)[0]);
        Assert.Null((await second)[0]);
        Assert.Equal([1L, 2L, 3L], await ReplayAsync(journal, "a"));
    }

    [Fact]
    public async Task A_crash_keeps_only_the_surviving_prefix_of_unflushed_operations()
    {
        var journal = new MemoryJournal(storage);
        Assert.Null((await journal.WriteMessagesAsync([Write("a", 1)]))[0]);
        journal.HoldWrites = true;
        var pending = new[]
        {
            journal.WriteMessagesAsync([Write("a", 2, 2)]),
            journal.WriteMessagesAsync([Write("a", 4)]),
            journal.WriteMessagesAsync([Write("b", 1)]),
        };

        journal.SimulateCrash(survivingUnflushedOperations: 1);
        foreach (var write in pending)
            await Assert.ThrowsAsync<SimulatedCrashException>(() => write);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => journal.WriteMessagesAsync([Write("a", 4)]));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => journal.ReadHighestSequenceNrAsync("a", 0));

        var restarted = new MemoryJournal(storage);
        Assert.Equal([1L, 2L, 3L], await ReplayAsync(restarted, "a"));
        Assert.Empty(await ReplayAsync(restarted, "b"));
        Assert.Null((await restarted.WriteMessagesAsync([Write("a", 4)]))[0]);
    }

    [Fact]
    public async Task Held_deletes_and_truncates_keep_their_place_in_the_queue()
    {
        var journal = new MemoryJournal(storage) { HoldWrites = true };
        var write = journal.WriteMessagesAsync([Write("a", 1, 5)]);
        var truncate = journal.TruncateAfterAsync("a", 3);
        var next = journal.WriteMessagesAsync([Write("a", 4)]);
        var delete = journal.DeleteMessagesToAsync("a", 1);
        Assert.False(truncate.IsCompleted);
        journal.Flush();
        await Task.WhenAll(write, truncate, next, delete);
        Assert.Null((await next)[0]);
        Assert.Equal([2L, 3L, 4L], await ReplayAsync(journal, "a"));
    }

    [Fact]
    public async Task An_injected_failure_fails_one_write_and_stores_nothing()
    {
        var journal = new MemoryJournal(storage);
        journal.FailNextWrite(new IOException("injected"));
        var failure = await Assert.ThrowsAsync<IOException>(() => journal.WriteMessagesAsync([Write("a", 1)]));
        Assert.Equal("injected", failure.Message);
        Assert.Equal(0, storage.RecordCount);
        Assert.Null((await journal.WriteMessagesAsync([Write("a", 1)]))[0]);
        Assert.Equal(1, storage.RecordCount);
    }

    [Fact]
    public async Task A_graceful_close_flushes_held_writes()
    {
        var journal = new MemoryJournal(storage) { HoldWrites = true };
        var write = journal.WriteMessagesAsync([Write("a", 1)]);
        await journal.DisposeAsync();
        Assert.Null((await write)[0]);
        Assert.Equal([1L], await ReplayAsync(new MemoryJournal(storage), "a"));
    }
}
