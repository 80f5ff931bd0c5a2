using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Tests;

/// <summary>Histories of the node's append log: zxid order, sync reads, unknown appends; and the recorder.</summary>
public sealed class AppendLogHistoryTests
{
    private static readonly AppendLogModel Model = new();

    private static Histories<Append, AppendResult> History() => new();

    private static AppendResult At(long zxid) => new(zxid);

    private static AppendResult ReadAt(long zxid, long lastZxid, params string[] seen) =>
        new(zxid, new LogPrefix(seen.Length, LogDigest.Of(seen), lastZxid));

    private static Verdict Check(Histories<Append, AppendResult> history) => LinearizabilityChecker.Check(Model, history.Operations).Verdict;

    [Fact]
    public void Sequential_appends_with_growing_zxids_and_a_read_that_sees_them_are_linearizable()
    {
        var history = History()
            .Ok(1, new Append("a"), At(0x100000001), 1, 2)
            .Ok(2, new Append("b"), At(0x200000001), 3, 4)
            .Ok(3, new Append("r", ReadsLog: true), ReadAt(0x200000002, 0x200000001, "a", "b"), 5, 6);
        Assert.Equal(Verdict.Linearizable, Check(history));
    }

    [Fact]
    public void A_later_append_with_a_smaller_zxid_is_not_linearizable()
    {
        var history = History()
            .Ok(1, new Append("a"), At(5), 1, 2)
            .Ok(2, new Append("b"), At(3), 3, 4);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void Concurrent_appends_may_commit_in_either_order()
    {
        var history = History()
            .Ok(1, new Append("a"), At(5), 1, 4)
            .Ok(2, new Append("b"), At(3), 2, 3)
            .Ok(3, new Append("r", ReadsLog: true), ReadAt(6, 5, "b", "a"), 5, 6);
        Assert.Equal(Verdict.Linearizable, Check(history));
    }

    [Fact]
    public void A_sync_read_that_misses_a_completed_append_is_not_linearizable()
    {
        var history = History()
            .Ok(1, new Append("a"), At(1), 1, 2)
            .Ok(1, new Append("b"), At(2), 3, 4)
            .Ok(2, new Append("r", ReadsLog: true), ReadAt(3, 1, "a"), 5, 6);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void A_sync_read_that_sees_a_value_nobody_appended_is_not_linearizable()
    {
        var history = History()
            .Ok(1, new Append("a"), At(1), 1, 2)
            .Ok(2, new Append("r", ReadsLog: true), ReadAt(3, 2, "a", "ghost"), 3, 4);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void Reads_that_see_two_appends_in_different_orders_are_not_linearizable()
    {
        var history = History()
            .Ok(1, new Append("a"), At(1), 1, 10)
            .Ok(2, new Append("b"), At(2), 1, 10)
            .Ok(3, new Append("r1", ReadsLog: true), ReadAt(3, 2, "a", "b"), 11, 12)
            .Ok(4, new Append("r2", ReadsLog: true), ReadAt(4, 3, "b", "a", "r1"), 13, 14);
        Assert.Equal(Verdict.NotLinearizable, Check(history));
    }

    [Fact]
    public void An_unknown_append_may_be_seen_or_not_until_it_is_seen()
    {
        var seen = History()
            .Unknown(1, new Append("a"), 1)
            .Ok(2, new Append("r1", ReadsLog: true), ReadAt(2, 0), 2, 3)
            .Ok(2, new Append("r2", ReadsLog: true), ReadAt(4, 2, "r1", "a"), 4, 5);
        Assert.Equal(Verdict.Linearizable, Check(seen));
        var unseen = History()
            .Unknown(1, new Append("a"), 1)
            .Ok(2, new Append("r1", ReadsLog: true), ReadAt(2, 0), 2, 3);
        Assert.Equal(Verdict.Linearizable, Check(unseen));
        var undone = History()
            .Unknown(1, new Append("a"), 1)
            .Ok(2, new Append("r1", ReadsLog: true), ReadAt(3, 2, "a"), 2, 3)
            .Ok(2, new Append("r2", ReadsLog: true), ReadAt(4, 3, "r1"), 4, 5);
        Assert.Equal(Verdict.NotLinearizable, Check(undone));
    }

    [Fact]
    public void An_unknown_append_whose_zxid_was_learned_later_takes_its_place_in_zxid_order()
    {
        var history = History()
            .Unknown(1, new Append("a"), 1, At(2))
            .Ok(2, new Append("b"), At(1), 2, 3)
            .Ok(2, new Append("r", ReadsLog: true), ReadAt(4, 2, "b", "a"), 4, 5);
        Assert.Equal(Verdict.Linearizable, Check(history));
        var misplaced = History()
            .Unknown(1, new Append("a"), 1, At(2))
            .Ok(2, new Append("b"), At(1), 2, 3)
            .Ok(2, new Append("r", ReadsLog: true), ReadAt(4, 2, "a", "b"), 4, 5);
        Assert.Equal(Verdict.NotLinearizable, Check(misplaced));
    }

    [Fact]
    public void The_recorder_orders_events_on_one_clock_and_leaves_open_operations_unknown()
    {
        var recorder = new HistoryRecorder<Append, AppendResult>();
        var a = recorder.Invoke(1, new Append("a"));
        var b = recorder.Invoke(2, new Append("b"));
        recorder.Ok(a, At(1));
        recorder.Fail(b);
        var open = recorder.Invoke(3, new Append("c"));
        var ops = recorder.Operations();
        Assert.Equal([1L, 2L, 5L], ops.Select(o => o.Call));
        Assert.Equal([3L, 4L, Operation<Append, AppendResult>.Infinity], ops.Select(o => o.Return));
        Assert.Equal(OperationStatus.Unknown, ops[open].Status);
        Assert.Throws<InvalidOperationException>(() => recorder.Ok(a, At(2)));
    }
}
