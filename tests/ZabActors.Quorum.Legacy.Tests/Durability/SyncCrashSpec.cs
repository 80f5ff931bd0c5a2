using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// ZooKeeper's synchronization durability bugs, each replayed with whole peers and a learner crashed
/// at every durable operation of its synchronization, just before and just after it (the points are
/// counted by a crash-free run of the same seed). After each crash the ensemble recovers without the
/// peer that knew most, and must still hold every committed transaction, in one history. The points
/// run past the NEWLEADER ack into broadcast, where the learner logs the next writes.
/// </summary>
public sealed class SyncCrashSpec
{
    private const ulong Seed = 21;

    [Fact]
    public void ZOOKEEPER_3911_4646_4685_a_learner_acks_NEWLEADER_only_after_its_DIFF_and_new_epoch_are_durable()
    {
        var operations = DiffOfTheLeadersUncommittedTail(null);
        var ackAt = operations.ToList().IndexOf("epochs accepted=- current=2");
        Assert.True(ackAt >= 1, $"the sync saved no new current epoch: {string.Join(", ", operations)}");
        // Crash points after the NEWLEADER ack too: X logs the next writes once the leader is established.
        Assert.Contains(operations.Skip(ackAt), op => op.StartsWith("flush to", StringComparison.Ordinal));
        foreach (var point in PointsOf(operations))
        {
            DiffOfTheLeadersUncommittedTail(point);
        }
    }

    [Fact]
    public void ZOOKEEPER_4643_no_committed_txn_is_lost_when_a_learner_crashes_between_its_new_epoch_and_its_log()
    {
        var operations = DiffOfCommittedTxns(null);
        var epochAt = operations.ToList().IndexOf("epochs accepted=- current=2");
        var flushAt = operations.ToList().FindIndex(op => op.StartsWith("flush to", StringComparison.Ordinal));
        Assert.True(flushAt >= 0 && flushAt < epochAt, $"the new current epoch was saved before the synced log: {string.Join(", ", operations)}");
        Assert.Contains(operations.Skip(epochAt), op => op.StartsWith("flush to", StringComparison.Ordinal));
        foreach (var point in PointsOf(operations))
        {
            DiffOfCommittedTxns(point);
        }
    }

    [Fact]
    public void ZOOKEEPER_3642_a_SNAP_is_durable_before_the_learner_acks_or_logs_anything_after_it()
    {
        var operations = SnapSync(null, leaderCrashes: false);
        var snapAt = operations.ToList().FindIndex(op => op.StartsWith("snapshot", StringComparison.Ordinal));
        Assert.True(snapAt >= 0, $"no snapshot was installed: {string.Join(", ", operations)}");
        var snapZxid = SyncCrashRun.ZxidOf(operations[snapAt])!.Value;
        Assert.Contains(operations.Skip(snapAt), op => op.StartsWith("flush", StringComparison.Ordinal) && SyncCrashRun.ZxidOf(op) > snapZxid);
        foreach (var point in PointsOf(operations))
        {
            SnapSync(point, leaderCrashes: false);
        }
    }

    [Fact]
    public void ZOOKEEPER_3642_a_learner_keeps_its_SNAP_when_the_leader_crashes_before_NEWLEADER_and_the_next_one_DIFFs()
    {
        var operations = SnapSync(null, leaderCrashes: true);
        Assert.StartsWith("snapshot", operations[0], StringComparison.Ordinal);
        foreach (var point in PointsOf(operations).Where(point => point.After))
        {
            SnapSync(point, leaderCrashes: true);
        }
    }

    private static IEnumerable<CrashPoint> PointsOf(IReadOnlyList<string> operations) =>
        Enumerable.Range(0, operations.Count).SelectMany(i => new[] { new CrashPoint(i, After: false), new CrashPoint(i, After: true) });

    /// <summary>
    /// The leader alone logged writes 4 and 5; it restarts with one learner X, whose NEWLEADER ack makes
    /// the quorum that commits them; then X logs writes 10 and 11. X crashes at <paramref name="point"/>
    /// (before or after its NEWLEADER ack), then the leader; X and Y recover and must keep 4 and 5 if
    /// the leader applied them.
    /// </summary>
    private static IReadOnlyList<string> DiffOfTheLeadersUncommittedTail(CrashPoint? point)
    {
        using var run = new SyncCrashRun(Seed, TestTiming.Timing);
        var ensemble = run.Ensemble;
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var (x, y) = run.Followers(leader);
        run.Commit(leader, 1, 3);
        ensemble.Crash(x);
        ensemble.Crash(y);
        run.Write(leader, 4);
        run.Write(leader, 5);
        run.Runtime.RunUntilIdle();
        Assert.Equal("write-5", TestEnsemble.Text(ensemble.Storage[leader].Log.DurableTxns()[^1]));
        ensemble.Crash(leader);

        return ResyncXAndRecoverWithoutLeader(run, leader, x, y, point, finalWrite: 6);
    }

    /// <summary>
    /// X missed writes 3 and 4, which the leader and Y committed. The leader restarts with X alone and
    /// DIFFs them, then X logs writes 10 and 11. X crashes at <paramref name="point"/>, then the leader;
    /// X (perhaps with the new epoch) and Y (with the writes) elect; a current epoch without its history
    /// would win and TRUNC Y.
    /// </summary>
    private static IReadOnlyList<string> DiffOfCommittedTxns(CrashPoint? point)
    {
        using var run = new SyncCrashRun(Seed, TestTiming.Timing);
        var ensemble = run.Ensemble;
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var (x, y) = run.Followers(leader);
        run.Commit(leader, 1, 2);
        ensemble.Crash(x);
        run.Commit(leader, 3, 2);
        ensemble.Crash(y);
        ensemble.Crash(leader);

        return ResyncXAndRecoverWithoutLeader(run, leader, x, y, point, finalWrite: 5);
    }

    /// <summary>
    /// The leader restarts with X alone and syncs it, X crashing at <paramref name="point"/> (or not);
    /// then the leader goes down and X and Y must elect and keep every committed write, before the
    /// leader rejoins and <paramref name="finalWrite"/> commits everywhere. Returns X's durable operations.
    /// </summary>
    private static IReadOnlyList<string> ResyncXAndRecoverWithoutLeader(
        SyncCrashRun run, long leader, long x, long y, CrashPoint? point, int finalWrite)
    {
        var ensemble = run.Ensemble;
        var disk = run.Arm(x, point);
        ensemble.Start(leader);
        ensemble.Start(x);
        var crashed = run.RunUntilCrashOrSettled() || run.WriteUntilCrash(leader, 10, 2);
        Assert.Equal(point is not null, crashed);
        var operations = disk.Operations;
        if (crashed)
        {
            ensemble.Crash(x);
            run.AssertDurableEpochCoversHistory(x);
        }
        run.Disarm();
        ensemble.Crash(leader);
        ensemble.Start(x);
        ensemble.Start(y);
        ensemble.AwaitSettled();
        ensemble.Start(leader);
        run.Finish(finalWrite);
        return operations;
    }

    /// <summary>
    /// X missed 20 writes, more than the committed log holds, so it gets a SNAP. Either X crashes at
    /// <paramref name="point"/> (while 3 more writes go on) and the leader after it, or (ZOOKEEPER-3642's
    /// case) the leader crashes there: X then resyncs with Y by DIFF from the snapshot's zxid and,
    /// crashed and restarted afterwards, must still hold what the snapshot gave it.
    /// </summary>
    private static IReadOnlyList<string> SnapSync(CrashPoint? point, bool leaderCrashes)
    {
        using var run = new SyncCrashRun(Seed, TestTiming.Timing with { CommittedLogSize = 8 });
        var ensemble = run.Ensemble;
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var (x, y) = run.Followers(leader);
        ensemble.Crash(x);
        run.Commit(leader, 1, 20);

        var disk = run.Arm(x, point, failOnCrash: !leaderCrashes);
        ensemble.Start(x);
        if (!leaderCrashes)
        {
            // Writes that the leader proposes while X syncs: X logs them after the snapshot, before and after NEWLEADER.
            run.OnPacket = (from, packet) =>
            {
                if (from == leader && packet is Snap)
                {
                    Enumerable.Range(21, 3).ToList().ForEach(id => run.Write(leader, id));
                }
            };
        }
        var crashed = run.RunUntilCrashOrSettled();
        Assert.Equal(point is not null, crashed);
        var operations = disk.Operations;
        if (crashed && leaderCrashes)
        {
            ensemble.Crash(leader);
            ensemble.AwaitSettled();
            ensemble.Crash(x);
            run.Disarm();
            ensemble.Start(x);
            ensemble.AwaitSettled();
            ensemble.Start(leader);
            run.Finish(finalWrite: 30);
            return operations;
        }
        if (crashed)
        {
            ensemble.Crash(x);
            run.AssertDurableEpochCoversHistory(x);
        }
        run.Disarm();
        ensemble.Crash(leader);
        ensemble.Start(x);
        ensemble.AwaitSettled();
        ensemble.Start(leader);
        run.Finish(finalWrite: 30);
        return operations;
    }
}
