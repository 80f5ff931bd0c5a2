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
}
