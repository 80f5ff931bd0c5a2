using ZabActors.Actors;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// Group commit and the txn log's own thread, on the real thread-pool runtime where a flush really
/// blocks: appends that arrive while a flush is in flight all go into the next single flush, and
/// only then are they confirmed. The tests wait on signals, never on the clock.
/// </summary>
public sealed class TxnLogGroupCommitSpec() : TestKit(TestKitOptions.Default with { DefaultTimeout = TimeSpan.FromSeconds(20) })
{
    [Fact]
    public void Appends_arriving_during_an_in_flight_flush_are_made_durable_by_exactly_one_following_flush()
    {
        using var storage = new BlockingFlushStorage();
        var progress = new PeerProgress();
        var log = Sys.ActorOf(TxnLogActor.Props(storage, progress, 500).WithDispatcher(Dispatchers.PinnedDispatcherId));
        var proposals = CreateTestProbe("proposals");
        var learner = CreateTestProbe("learner");
        storage.Hold();
        log.Tell(new StorageRequest(new AppendTxns([T(1, 1)])), proposals.Ref);
        Assert.True(storage.FlushStarted.Wait(TimeSpan.FromSeconds(20)), "the first flush never started");

        // Several dispatcher turns' worth (throughput 100), from two requesters, all while the flush blocks.
        const int arriving = 450;
        for (var counter = 2; counter <= arriving + 1; counter++)
        {
            log.Tell(new StorageRequest(new AppendTxns([T(1, counter)])), (counter % 3 == 0 ? learner : proposals).Ref);
        }
        Assert.Equal(Zxid.Zero, storage.Inner.Log.LastDurableZxid);
        storage.Release();

        Assert.Equal(new LogDurable(X(1, 1)), proposals.ExpectMsg<LogDurable>());
        var last = arriving + 1;
        var lastOfLearner = Enumerable.Range(2, arriving).Last(counter => counter % 3 == 0);
        var lastOfProposals = Enumerable.Range(2, arriving).Last(counter => counter % 3 != 0);
        Assert.Equal(new LogDurable(X(1, lastOfProposals)), proposals.ExpectMsg<LogDurable>());
        Assert.Equal(new LogDurable(X(1, lastOfLearner)), learner.ExpectMsg<LogDurable>());
        Assert.Equal([1, arriving], storage.FlushSizes);
        Assert.Equal(X(1, last), storage.Inner.Log.LastDurableZxid);
        Assert.Equal(X(1, last), progress.LastLoggedZxid);
        proposals.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_peer_flushes_on_a_dedicated_thread_by_default()
    {
        using var storage = new BlockingFlushStorage();
        var flushed = WriteOnce(storage, settings => settings);
        Assert.Equal((false, Dispatchers.PinnedDispatcherId), flushed);
    }

    [Fact]
    public void zab_txn_log_dispatcher_chooses_where_the_peer_flushes()
    {
        using var storage = new BlockingFlushStorage();
        var flushed = WriteOnce(storage, settings => settings with { TxnLogDispatcher = Dispatchers.DefaultDispatcherId });
        Assert.True(flushed.ThreadPool, "the txn log did not run on the thread pool");
    }

    /// <summary>A one-voter ensemble commits one write; returns the thread its leader flushed on.</summary>
    private (bool ThreadPool, string? Name) WriteOnce(BlockingFlushStorage storage, Func<QuorumPeerSettings, QuorumPeerSettings> configure)
    {
        var settings = configure(new QuorumPeerSettings(1, Servers(1), Timing));
        var peer = Sys.ActorOf(QuorumPeerActor.Props(settings, storage, new InProcessQuorumNetwork(), () => new ListStateMachine()), "peer");
        var client = CreateTestProbe("client");
        AwaitAssert(() =>
        {
            client.Send(peer, new ClientWrite(1, TestEnsemble.Payload(1)));
            client.ExpectMsg<WriteCommitted>(TimeSpan.FromSeconds(1));
        }, TimeSpan.FromSeconds(20));
        return storage.LastFlushThread!.Value;
    }
}
