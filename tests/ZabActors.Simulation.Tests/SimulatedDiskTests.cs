using ZabActors.Actors;
using ZabActors.Simulation.Storage;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>The simulated disk keeps exactly what was durable across crashes, and its crash points behave as documented.</summary>
public sealed class SimulatedDiskTests
{
    private static Txn T(long counter) => new(Zxid.Make(1, counter), Bytes.FromUtf8($"t{counter}"));

    [Fact]
    public void A_crash_keeps_flushed_transactions_and_saved_epochs_and_loses_the_buffer()
    {
        var disk = new SimulatedDisk(1, new SimulationRandom(1), new DiskOptions());
        disk.Log.Append(T(1));
        disk.Log.Append(T(2));
        disk.Log.Flush();
        disk.Log.Append(T(3));
        disk.Epochs.Save(4, 3);
        disk.Snapshots.Save(new Snapshot(T(1).Zxid, Bytes.FromUtf8("s")));
        Assert.Equal(T(3).Zxid, disk.Log.LastZxid);

        disk.Crash();
        disk.Open();

        Assert.Equal([T(1), T(2)], disk.Log.ReadAfter(Zxid.Zero));
        Assert.Equal(T(2).Zxid, disk.Log.LastZxid);
        Assert.Equal((4L, 3L), (disk.Epochs.AcceptedEpoch, disk.Epochs.CurrentEpoch));
        Assert.Equal(T(1).Zxid, disk.Snapshots.LoadLatest()!.Zxid);
    }

    [Fact]
    public void A_crashed_incarnation_writes_nothing_until_the_disk_is_opened_again()
    {
        var disk = new SimulatedDisk(1, new SimulationRandom(1), new DiskOptions());
        disk.Crash();
        disk.Log.Append(T(1));
        disk.Log.Flush();
        disk.Epochs.Save(9, 9);
        disk.Log.TruncateAfter(Zxid.Zero);
        disk.Open();
        Assert.Empty(disk.Log.ReadAfter(Zxid.Zero));
        Assert.Equal(0, disk.Epochs.AcceptedEpoch);
    }

    [Fact]
    public void Truncation_is_durable_and_takes_the_buffer_with_it()
    {
        var disk = new SimulatedDisk(1, new SimulationRandom(1), new DiskOptions());
        disk.Log.Append(T(1));
        disk.Log.Append(T(2));
        disk.Log.Flush();
        disk.Log.Append(T(3));
        disk.Log.TruncateAfter(T(1).Zxid);
        disk.Crash();
        disk.Open();
        Assert.Equal([T(1)], disk.Log.ReadAfter(Zxid.Zero));
    }

    [Fact]
    public void Out_of_order_appends_are_refused()
    {
        var disk = new SimulatedDisk(1, new SimulationRandom(1), new DiskOptions());
        disk.Log.Append(T(2));
        Assert.Throws<InvalidOperationException>(() => disk.Log.Append(T(1)));
    }

    [Fact]
    public void Crash_points_fire_before_or_after_the_write_and_a_torn_flush_keeps_a_prefix()
    {
        var outcomes = new List<(string Reason, int Durable)>();
        for (ulong seed = 0; seed < 200; seed++)
        {
            var disk = new SimulatedDisk(1, new SimulationRandom(seed), new DiskOptions { CrashAtWriteProbability = 1, TornWriteProbability = 0.5 });
            disk.CrashPointReached = (_, reason) => outcomes.Add((reason, disk.DurableTxns.Count));
            for (var i = 1; i <= 4; i++) disk.Log.Append(T(i));
            disk.Log.Flush();
            Assert.True(disk.IsFenced);
        }
        Assert.Equal(200, outcomes.Count);
        Assert.Contains(outcomes, o => o.Reason.Contains("right after") && o.Durable == 4);
        Assert.Contains(outcomes, o => o.Reason.Contains("during") && o.Durable == 0);
        Assert.Contains(outcomes, o => o.Reason.Contains("during") && o.Durable is > 0 and < 4);
        Assert.DoesNotContain(outcomes, o => o.Reason.Contains("right after") && o.Durable != 4);
    }

    [Fact]
    public void An_epoch_save_that_crashes_before_completing_keeps_the_old_epochs()
    {
        var kept = 0;
        var saved = 0;
        for (ulong seed = 0; seed < 100; seed++)
        {
            var disk = new SimulatedDisk(1, new SimulationRandom(seed), new DiskOptions { CrashAtWriteProbability = 1 });
            disk.CrashPointReached = (_, _) => { };
            disk.Epochs.Save(5, 4);
            disk.Open();
            if (disk.Epochs.AcceptedEpoch == 0 && disk.Epochs.CurrentEpoch == 0) kept++;
            else if (disk.Epochs.AcceptedEpoch == 5 && disk.Epochs.CurrentEpoch == 4) saved++;
        }
        Assert.Equal(100, kept + saved);
        Assert.True(kept > 0 && saved > 0);
    }
}
