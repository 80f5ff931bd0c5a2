using ZabActors.Actors;
using ZabActors.Persistence.Journal;
using static ZabActors.Persistence.Journal.JournalProtocol;

namespace ZabActors.Persistence.Tests.Journal;

using ZabActors.TestKit;

/// <summary>The journal actor answers writes in the order they arrived, whatever order the plugin completes them in.</summary>
public sealed class JournalActorTests() : TestKit(TestKitOptions.VirtualTime(seed: 5))
{
    [Fact]
    public void Replies_keep_request_order_when_the_plugin_completes_out_of_order()
    {
        var plugin = new ManualJournal();
        var journal = ActorOf(JournalActor.Props(plugin, ownsJournal: false), "journal");
        var first = new Persistent("p", 1, "string", [1]);
        var second = new Persistent("p", 2, "string", [2]);
        journal.Tell(new WriteMessages([new AtomicWrite(first)], [TestActor], TestActor, 1), TestActor);
        journal.Tell(new WriteMessages([new AtomicWrite(second)], [TestActor], TestActor, 1), TestActor);
        RunIfVirtual();
        Assert.Equal(2, plugin.Pending.Count);
        plugin.Pending[1].SetResult([null]);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        plugin.Pending[0].SetResult([null]);
        ExpectMsg(new WriteMessageSuccess(first, 1));
        ExpectMsg(new WriteMessageSuccess(second, 1));
    }

    [Fact]
    public void A_failed_write_answers_every_record_of_the_request_with_the_cause()
    {
        var plugin = new ManualJournal();
        var journal = ActorOf(JournalActor.Props(plugin, ownsJournal: false), "journal");
        var records = new[] { new Persistent("p", 1, "string", [1]), new Persistent("p", 2, "string", [2]) };
        journal.Tell(new WriteMessages([new AtomicWrite(records)], [TestActor], TestActor, 3), TestActor);
        RunIfVirtual();
        var cause = new IOException("gone");
        plugin.Pending[0].SetException(cause);
        ExpectMsg(new WriteMessageFailure(records[0], cause, 3));
        ExpectMsg(new WriteMessageFailure(records[1], cause, 3));
    }

    /// <summary>A journal whose writes complete when the test says so.</summary>
    private sealed class ManualJournal : IAsyncWriteJournal
    {
        public List<TaskCompletionSource<IReadOnlyList<Exception?>>> Pending { get; } = [];

        public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages)
        {
            var completion = new TaskCompletionSource<IReadOnlyList<Exception?>>();
            Pending.Add(completion);
            return completion.Task;
        }

        public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback) =>
            Task.CompletedTask;

        public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr) => Task.FromResult(0L);

        public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) => Task.CompletedTask;

        public Task TruncateAfterAsync(string persistenceId, long sequenceNr) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
