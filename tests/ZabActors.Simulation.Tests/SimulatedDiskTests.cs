using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Runtime;
using ZabActors.Simulation.Storage;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>The simulated disk's fault model, one rule per test: fsync, crash points, torn writes, late completions, checksums.</summary>
public sealed class SimulatedDiskTests
{
    private readonly VirtualScheduler scheduler = new();
    private readonly List<HistoryEvent> history = [];
    private readonly List<IPeerInput> confirmations = [];

    [Fact]
    public void A_crash_before_the_fsync_loses_the_unsynced_txn_and_keeps_the_synced_one()
    {
        var disk = NewDisk(new DiskOptions { LatencyMaxMs = 5, TornWriteProbability = 0 });
        Open(disk);
        disk.Submit(Append(1));
        Run();
        disk.Submit(Append(2));
        disk.Crash();
        Run();

        Assert.Equal([new LogDurable(Z(1))], confirmations);
        var read = Open(disk);
        Assert.Equal(Z(1), read.Disk!.LastLoggedZxid);
        Assert.Equal([Z(1)], disk.LoggedTxns.Select(txn => txn.Zxid));
    }

    [Fact]
    public void A_crash_point_before_the_fsync_loses_the_write_and_never_confirms_it()
    {
        var crashes = new List<string>();
        var disk = NewDisk(new DiskOptions { CrashAtWriteProbability = 1, TornWriteProbability = 0 });
        disk.CrashPointReached = (_, reason) => crashes.Add(reason);
        Open(disk);
        disk.Submit(Append(1));
        Run();

        Assert.Empty(confirmations);
        Assert.Single(crashes);
        Assert.True(disk.IsFenced);
        var durable = crashes[0].Contains("after", StringComparison.Ordinal);
        Assert.Equal(durable ? [Z(1)] : [], disk.LoggedTxns.Select(txn => txn.Zxid));
        Assert.Equal(durable, history.OfType<LogFlushed>().Any());
    }

    [Fact]
    public void A_torn_write_keeps_a_prefix_and_recovery_drops_the_torn_record()
    {
        var disk = NewDisk(new DiskOptions { LatencyMaxMs = 5, TornWriteProbability = 1 });
        Open(disk);
        disk.Submit(new AppendTxns([Txn(1), Txn(2), Txn(3)]));
        disk.Crash();

        Assert.Equal(1, disk.Statistics.TornWrites);
        var read = Open(disk);
        Assert.False(read.Failed, read.Failure);
        Assert.True(read.Disk!.LastLoggedZxid < Z(3));
        Assert.All(disk.LoggedTxns, txn => Assert.True(txn.Zxid < Z(3)));
    }

    [Fact]
    public void A_slow_disk_confirms_late_and_in_order()
    {
        var disk = NewDisk(new DiskOptions { LatencyMaxMs = 0 });
        Open(disk);
        disk.SlowDown(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));
        disk.Submit(Append(1));
        disk.Submit(new SaveEpochs(2, null));
        scheduler.RunFor(TimeSpan.FromMilliseconds(299), () => false);
        Assert.Empty(confirmations);
        Run();
        Assert.Equal([new LogDurable(Z(1)), new EpochsDurable(2, null)], confirmations);
    }

    [Fact]
    public void Bit_rot_is_caught_by_the_checksum_when_the_disk_is_read()
    {
        var disk = NewDisk(new DiskOptions());
        Open(disk);
        disk.Submit(new AppendTxns([Txn(1), Txn(2)]));
        Run();
        Assert.True(disk.Rot());
        Assert.True(disk.IsRotted);

        disk.Submit(new LoadDisk(Zxid.Zero, 500));
        Run();
        var failed = Assert.IsType<StorageOpFailed>(confirmations[^1]);
        Assert.Contains("checksum mismatch", failed.Reason);
        disk.Crash();
        var read = Open(disk);
        Assert.True(read.Failed);
        Assert.Contains("checksum mismatch", read.Failure);
        Assert.Equal(2, disk.Statistics.CorruptionsDetected);
    }

    [Fact]
    public void A_read_fault_fails_the_read_once_and_the_data_stays_intact()
    {
        var disk = NewDisk(new DiskOptions { ReadFaultProbability = 1 });
        Open(disk);
        disk.Submit(Append(1));
        disk.Submit(new LoadDisk(Zxid.Zero, 500));
        Run();
        Assert.Contains("read fault", Assert.IsType<StorageOpFailed>(confirmations[^1]).Reason);
        disk.Options = disk.Options with { ReadFaultProbability = 0 };
        disk.Crash();
        Assert.Equal(Z(1), Open(disk).Disk!.LastLoggedZxid);
        Assert.False(disk.IsRotted);
    }

    private SimulatedDisk NewDisk(DiskOptions options) => new(1, scheduler, new SimulationRandom(42), options, new Sink(history));

    private DiskRead Open(SimulatedDisk disk) => disk.Open(confirmations.Add, 500);

    private void Run() => scheduler.RunFor(TimeSpan.FromSeconds(10), () => false);

    private static AppendTxns Append(long counter) => new([Txn(counter)]);

    private static Txn Txn(long counter) => new(Z(counter), Bytes.FromUtf8($"t{counter}"));

    private static Zxid Z(long counter) => new((1L << 32) | counter);

    private sealed class Sink(List<HistoryEvent> events) : IHistorySink
    {
        public void Record(HistoryEvent evt) => events.Add(evt);
    }
}
