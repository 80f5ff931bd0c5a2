using Akka.Configuration;
using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;
using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>An append of N transactions reaches the journal as one atomic write of N events in one write call.</summary>
public sealed class GroupCommitSpec(ITestOutputHelper output) : TxnLogSpecBase(CountingConfig, output)
{
    private static readonly Config CountingConfig = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.counting"
        akka.persistence.journal.counting.class = "ZabActors.Journal.Tests.Support.CountingJournal, ZabActors.Journal.Tests"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(ZabJournalConfig.Reference);

    [Fact]
    public void Each_append_is_one_atomic_write_whatever_its_size()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 1));
        Call<LogDurable>(log, Append(2, 9));
        Call<LogDurable>(log, Append(10, 73));
        Call<EpochsDurable>(log, new SaveEpochs(1, 1));

        Assert.Equal([1, 8, 64, 1], CountingJournal.AtomicWriteSizes[PersistenceId()]);
        Assert.Equal(4, CountingJournal.WriteCalls[PersistenceId()]);
        StopAndWait(log);
        Assert.Equal(Z(73), Recover().LastLoggedZxid);
    }

    [Fact]
    public void Appends_sent_while_a_write_is_in_flight_share_the_next_write_call_and_are_answered_in_order()
    {
        CountingJournal.Slow[PersistenceId(2)] = true;
        var log = Start(serverId: 2);
        var probe = CreateTestProbe();
        for (var i = 0; i < 10; i++)
        {
            log.Tell(Append(i * 4 + 1, i * 4 + 4), probe.Ref);
        }
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(new LogDurable(Z(i * 4 + 4)), probe.ExpectMsg<LogDurable>(StoreTimeout));
        }

        Assert.Equal(Enumerable.Repeat(4, 10), CountingJournal.AtomicWriteSizes[PersistenceId(2)]);
        var calls = CountingJournal.WriteCalls[PersistenceId(2)];
        Output?.WriteLine($"10 appends reached the journal in {calls} write call(s)");
        Assert.InRange(calls, 1, 3);
    }

    [Fact]
    public void Appends_beyond_the_in_flight_bound_wait_for_the_earlier_ones_and_keep_their_order()
    {
        CountingJournal.Slow[PersistenceId(3)] = true;
        Settings = Settings with { MaxAppendsInFlight = 2 };
        var log = Start(serverId: 3);
        var probe = CreateTestProbe();
        for (var i = 0; i < 6; i++)
        {
            log.Tell(Append(i + 1, i + 1), probe.Ref);
        }
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(new LogDurable(Z(i + 1)), probe.ExpectMsg<LogDurable>(StoreTimeout));
        }
        // Unbounded, the five appends behind the first would share one write call; two in flight allow no more than two.
        var perCall = CountingJournal.AtomicWritesPerCall[PersistenceId(3)].ToList();
        Output?.WriteLine($"atomic writes per write call: {string.Join(", ", perCall)}");
        Assert.Equal(6, perCall.Sum());
        Assert.All(perCall, count => Assert.InRange(count, 1, 2));
        Assert.True(perCall.Count >= 3);
    }
}
