namespace ZabActors.Zab.Tests;

/// <summary>The sync decision of ZooKeeper's syncFollower, with the cases of its LearnerHandlerTest.</summary>
public class SyncPlannerTests
{
    private static IReadOnlyList<Txn> Log(params long[] zxids) => zxids.Select(Z.Raw).ToList();

    private static IReadOnlyList<Txn> Log(params Zxid[] zxids) => zxids.Select(z => new Txn(z, Bytes.FromUtf8(z.ToString()))).ToList();

    private static long[] ProposalZxids(SyncPlan plan) =>
        plan.Packets.OfType<Proposal>().Select(p => p.Txn.Zxid.Value).ToArray();

    private static void AssertPairs(SyncPlan plan)
    {
        var pairs = plan.Packets.Skip(1).Chunk(2).ToList();
        Assert.All(pairs, pair => Assert.Equal(((Proposal)pair[0]).Txn.Zxid, ((Commit)pair[1]).Zxid));
    }

    [Fact]
    public void Leader_should_send_an_empty_Diff_when_follower_is_in_sync()
    {
        var plan = SyncPlanner.Plan(new Zxid(1), [], new Zxid(1));

        Assert.Equal(SyncKind.Diff, plan.Kind);
        Assert.Equal(new QuorumPacket[] { new Diff(new Zxid(1)) }, plan.Packets.ToArray());
        Assert.Equal(new Zxid(1), plan.CurrentZxid);
    }

    [Fact]
    public void Leader_should_send_Diff_with_proposal_commit_pairs_when_follower_is_behind()
    {
        var plan = SyncPlanner.Plan(new Zxid(2), Log(2, 3, 5), new Zxid(6));

        Assert.Equal(SyncKind.Diff, plan.Kind);
        Assert.Equal(new Diff(new Zxid(5)), plan.Packets[0]);
        Assert.Equal(new long[] { 3, 5 }, ProposalZxids(plan));
        AssertPairs(plan);
        Assert.Equal(5, plan.Packets.Length);
        Assert.Equal(new Zxid(5), plan.CurrentZxid);
    }

    [Fact]
    public void Leader_should_send_Trunc_when_follower_is_ahead()
    {
        var plan = SyncPlanner.Plan(new Zxid(3), [], new Zxid(1));

        Assert.Equal(SyncKind.Trunc, plan.Kind);
        Assert.Equal(new QuorumPacket[] { new Trunc(new Zxid(1)) }, plan.Packets.ToArray());
        Assert.Equal(new Zxid(1), plan.CurrentZxid);
    }

    [Fact]
    public void Leader_should_send_Snap_when_follower_is_older_than_the_committed_log()
    {
        var plan = SyncPlanner.Plan(new Zxid(1), Log(2, 3, 5), new Zxid(6));

        Assert.Equal(SyncKind.Snap, plan.Kind);
        Assert.Empty(plan.Packets);
    }

    [Fact]
    public void Leader_should_send_Snap_to_a_new_server_when_it_has_no_committed_log()
    {
        var plan = SyncPlanner.Plan(new Zxid(0), [], new Zxid(1));

        Assert.Equal(SyncKind.Snap, plan.Kind);
    }

    [Fact]
    public void Leader_should_truncate_to_the_previous_zxid_then_diff_when_follower_zxid_is_not_in_its_log()
    {
        var plan = SyncPlanner.Plan(new Zxid(4), Log(2, 3, 5), new Zxid(6));

        Assert.Equal(SyncKind.Trunc, plan.Kind);
        Assert.Equal(new Trunc(new Zxid(3)), plan.Packets[0]);
        Assert.Equal(new long[] { 5 }, ProposalZxids(plan));
        AssertPairs(plan);
        Assert.Equal(new Zxid(5), plan.CurrentZxid);
    }

    [Fact]
    public void Leader_should_truncate_a_follower_with_transactions_it_never_saw_to_exactly_its_last_zxid_ZOOKEEPER_1154()
    {
        var plan = SyncPlanner.Plan(Z.X(1, 7), Log(Z.X(1, 4), Z.X(1, 5)), Z.X(1, 5));

        Assert.Equal(new QuorumPacket[] { new Trunc(Z.X(1, 5)) }, plan.Packets.ToArray());
    }

    [Fact]
    public void Leader_should_truncate_the_uncommitted_tail_of_an_old_epoch_ZOOKEEPER_2832()
    {
        // The learner logged (2,5) as an old leader; the new leader's history ends at (2,3).
        var plan = SyncPlanner.Plan(Z.X(2, 5), Log(Z.X(1, 1), Z.X(2, 1), Z.X(2, 3)), Z.X(3, 0));

        Assert.Equal(SyncKind.Trunc, plan.Kind);
        Assert.Equal(new Trunc(Z.X(2, 3)), plan.Packets[0]);
    }

    [Fact]
    public void Leader_should_send_Snap_rather_than_truncate_across_an_epoch_ZOOKEEPER_2832()
    {
        // The learner's (3,1) diverged; the leader's history continues in epoch 4, so no TRUNC point exists.
        var plan = SyncPlanner.Plan(Z.X(3, 1), Log(Z.X(1, 1), Z.X(2, 1), Z.X(2, 2), Z.X(4, 1)), Z.X(6, 0));

        Assert.Equal(SyncKind.Snap, plan.Kind);
    }

    [Fact]
    public void Leader_should_diff_a_follower_with_a_new_epoch_zxid()
    {
        var log = Log(Z.X(0, 1), Z.X(1, 1), Z.X(1, 2));

        var fromEpoch1 = SyncPlanner.Plan(Z.X(1, 0), log, Z.X(2, 0));
        Assert.Equal(new Diff(Z.X(1, 2)), fromEpoch1.Packets[0]);
        Assert.Equal(new[] { Z.X(1, 1).Value, Z.X(1, 2).Value }, ProposalZxids(fromEpoch1));
        Assert.Equal(Z.X(1, 2), fromEpoch1.CurrentZxid);

        var inSync = SyncPlanner.Plan(Z.X(2, 0), log, Z.X(2, 0));
        Assert.Equal(new QuorumPacket[] { new Diff(Z.X(2, 0)) }, inSync.Packets.ToArray());

        // Never DIFF a learner older than everything we hold: we cannot know what it misses.
        var tooOld = SyncPlanner.Plan(Z.X(0, 0), log, Z.X(2, 0));
        Assert.Equal(SyncKind.Snap, tooOld.Kind);
    }

    [Fact]
    public void Leader_should_diff_from_the_first_newer_epoch_for_a_new_epoch_zxid_inside_its_log()
    {
        var log = Log(Z.X(1, 1), Z.X(2, 1), Z.X(2, 2), Z.X(4, 1));

        var plan = SyncPlanner.Plan(Z.X(3, 0), log, Z.X(6, 0));

        Assert.Equal(SyncKind.Diff, plan.Kind);
        Assert.Equal(new[] { Z.X(4, 1).Value }, ProposalZxids(plan));
        Assert.Equal(Z.X(4, 1), plan.CurrentZxid);
    }

    [Fact]
    public void Leader_should_send_Snap_for_a_new_epoch_zxid_past_its_committed_log_as_ZooKeeper_does()
    {
        var log = Log(Z.X(1, 1), Z.X(4, 1));

        Assert.Equal(SyncKind.Snap, SyncPlanner.Plan(Z.X(5, 0), log, Z.X(6, 0)).Kind);
    }

    [Fact]
    public void Leader_should_diff_a_learner_whose_last_zxid_is_the_one_the_committed_log_starts_after()
    {
        var plan = SyncPlanner.Plan(Z.X(2, 0x97), Log(Z.X(2, 0x98), Z.X(2, 0x99)), Z.X(2, 0x99), Z.X(2, 0x97));

        Assert.Equal(SyncKind.Diff, plan.Kind);
        Assert.Equal(new Diff(Z.X(2, 0x99)), plan.Packets[0]);
        Assert.Equal(new[] { Z.X(2, 0x98).Value, Z.X(2, 0x99).Value }, ProposalZxids(plan));
        AssertPairs(plan);
        Assert.Equal(Z.X(2, 0x99), plan.CurrentZxid);
    }

    [Fact]
    public void Leader_should_diff_an_empty_learner_when_the_committed_log_starts_after_zxid_0()
    {
        var plan = SyncPlanner.Plan(Zxid.Zero, Log(Z.X(1, 1), Z.X(1, 2)), Z.X(1, 2), Zxid.Zero);

        Assert.Equal(SyncKind.Diff, plan.Kind);
        Assert.Equal(new Diff(Z.X(1, 2)), plan.Packets[0]);
        Assert.Equal(new[] { Z.X(1, 1).Value, Z.X(1, 2).Value }, ProposalZxids(plan));
        AssertPairs(plan);
    }

    [Fact]
    public void Leader_should_diff_across_an_epoch_from_the_zxid_the_committed_log_starts_after()
    {
        // The log starts with a new epoch; the learner ends exactly where the previous epoch did.
        var plan = SyncPlanner.Plan(Z.X(1, 7), Log(Z.X(2, 1), Z.X(2, 2)), Z.X(3, 0), Z.X(1, 7));

        Assert.Equal(SyncKind.Diff, plan.Kind);
        Assert.Equal(new[] { Z.X(2, 1).Value, Z.X(2, 2).Value }, ProposalZxids(plan));
    }

    [Fact]
    public void Leader_should_still_send_Snap_to_a_learner_older_than_the_zxid_the_committed_log_starts_after()
    {
        Assert.Equal(SyncKind.Snap, SyncPlanner.Plan(Z.X(2, 0x96), Log(Z.X(2, 0x98)), Z.X(2, 0x98), Z.X(2, 0x97)).Kind);
        Assert.Equal(SyncKind.Snap, SyncPlanner.Plan(Zxid.Zero, Log(Z.X(1, 2)), Z.X(1, 2), Z.X(1, 1)).Kind);
    }

    [Fact]
    public void Leader_should_send_an_empty_Diff_to_a_learner_at_its_last_commit_when_the_committed_log_is_empty()
    {
        // Right after establishment the last processed zxid is the new epoch's start, in no log.
        var plan = SyncPlanner.Plan(Z.X(3, 9), [], Z.X(4, 0), Z.X(3, 9));

        Assert.Equal(new QuorumPacket[] { new Diff(Z.X(4, 0)) }, plan.Packets.ToArray());
        Assert.Equal(Z.X(3, 9), plan.CurrentZxid);
    }

    [Fact]
    public void Planner_should_refuse_a_committed_log_that_does_not_start_after_the_given_zxid()
    {
        Assert.Throws<ArgumentException>(() => SyncPlanner.Plan(Z.X(1, 1), Log(Z.X(1, 2)), Z.X(1, 2), Z.X(1, 3)));
    }

    [Fact]
    public void Leader_should_not_send_the_followers_last_transaction_again()
    {
        var plan = SyncPlanner.Plan(Z.X(1, 2), Log(Z.X(1, 1), Z.X(1, 2), Z.X(1, 3)), Z.X(1, 3));

        Assert.Equal(new[] { Z.X(1, 3).Value }, ProposalZxids(plan));
    }
}
