using ZabActors.Actors;
using ZabActors.Simulation.Storage;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>
/// The persistence plugin under the simulation's crash points: a crash before the fsync loses the
/// batch the peer never acknowledged, a crash after it keeps it, and a restart reopens (and
/// verifies) exactly what the journal made durable.
/// </summary>
public sealed class JournalDiskTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_crash_before_the_fsync_loses_the_batch_and_after_it_keeps_it()
    {
        foreach (var (tornProbability, survives) in new[] { (0.0, false), (1.0, (bool?)null) })
        {
            var runtime = new DeterministicRuntime(1);
            var disk = new JournalDisk(1, new SimulationRandom(3), new DiskOptions(), new VirtualTimeProvider(runtime));
            var crashes = new List<string>();
            disk.CrashPointReached = (_, reason) => crashes.Add(reason);
            var storage = disk.Open();
            storage.Log.Append(new Txn(Zxid.Make(1, 1), Bytes.Wrap([1])));
            storage.Log.Flush();
            disk.Options = new DiskOptions { CrashAtWriteProbability = 1, TornWriteProbability = tornProbability };
            storage.Log.Append(new Txn(Zxid.Make(1, 2), Bytes.Wrap([2])));
            storage.Log.Flush();
            Assert.Single(crashes);
            Assert.True(disk.IsFenced);
            var durable = disk.ReadBackLog().LastDurableZxid;
            if (crashes[0].StartsWith("crash before", StringComparison.Ordinal))
            {
                Assert.Contains(durable, new[] { Zxid.Make(1, 1), Zxid.Make(1, 2) });
                if (survives == false) Assert.Equal(Zxid.Make(1, 1), durable);
            }
            else
            {
                Assert.Equal(Zxid.Make(1, 2), durable);
            }
            // The dead incarnation writes nothing more, and the restart reads back what is durable.
            storage.Log.Append(new Txn(Zxid.Make(1, 3), Bytes.Wrap([3])));
            storage.Log.Flush();
            disk.Options = new DiskOptions();
            Assert.Equal(durable, disk.Open().Log.LastZxid);
        }
    }

    [Fact]
    public void A_lying_fsync_is_refused_on_the_journal_plugin()
    {
        var runtime = new DeterministicRuntime(1);
        Assert.Throws<ArgumentException>(() =>
            new JournalDisk(1, new SimulationRandom(1), new DiskOptions { LyingFsync = true }, new VirtualTimeProvider(runtime)));
    }

    /// <summary>
    /// End to end, harness self-test style: a follower's journal crashes before the fsync of its next
    /// batch. Every checker runs throughout; the batch is gone from its journal, yet every write the
    /// clients were told about stays durable on a quorum, and the restarted follower catches up.
    /// </summary>
    [Fact]
    public void A_crash_before_the_fsync_in_journal_mode_loses_only_unacknowledged_txns()
    {
        var scenario = Scenario.Create(seed: 11, voters: 3, storage: StorageMode.Journal).StartAll().AwaitLeader(Bound);
        scenario.Write(10).AwaitConvergence(Bound);
        var follower = scenario.Ensemble.Options.Layout.VoterIds.First(sid => sid != scenario.Leader);
        var disk = (JournalDisk)scenario.Ensemble.Cluster.Disks[follower];
        var durableBefore = disk.ReadBackLog().LastDurableZxid;
        disk.Options = new DiskOptions { CrashAtWriteProbability = 1, TornWriteProbability = 0 };

        scenario.Write(5).Await(e => !e.Cluster.IsUp(follower), Bound, "the follower's crash point");
        Assert.Equal(1, disk.Statistics.CrashPoints);
        Assert.Equal(durableBefore, disk.ReadBackLog().LastDurableZxid);

        disk.Options = new DiskOptions();
        scenario.Await(e => e.Workload.PendingCount == 0, Bound, "every write acknowledged by the remaining quorum");
        Assert.Equal(15, scenario.Ensemble.Workload.Completed);
        var lastDelivered = scenario.Ensemble.Checkers.Prefix.Global[^1];
        scenario.Restart(follower).AwaitConvergence(Bound);
        Assert.True(disk.ReadBackLog().LastDurableZxid >= durableBefore);
        Assert.Equal(lastDelivered, scenario.Ensemble.Checkers.Prefix.Global[^1]);
    }
}
