namespace ZabActors.Zab.Tests;

/// <summary>One rule of the leader's proposal pipeline per test.</summary>
public class ProposalTrackerTests
{
    private static ProposalTracker Active(int voters = 3, long epoch = 4, LeaderHistory? history = null, ZabTiming? timing = null)
    {
        var config = new PeerConfig(1, new QuorumMaj(Enumerable.Range(1, voters).Select(i => (long)i), [9]), timing ?? Z.Timing);
        var tracker = new ProposalTracker(config, history ?? new LeaderHistory(Z.X(3, 2), Z.X(3, 2), [Z.T(3, 1), Z.T(3, 2)]));
        tracker.Step(new LeaderEstablished(epoch));
        tracker.TakeOutputs();
        return tracker;
    }

    private static Propose Write(string data) => new(Bytes.FromUtf8(data));

    [Fact]
    public void Tracker_should_refuse_proposals_before_the_epoch_is_established()
    {
        var tracker = new ProposalTracker(Z.Maj(1, 3), new LeaderHistory(Zxid.Zero, Zxid.Zero, []));
        tracker.Step(Write("a"));
        var ready = tracker.TakeOutputs();

        Assert.Single(ready.Of<ProposalRejected>());
        Assert.Empty(ready.Of<Proposed>());
    }

    [Fact]
    public void Tracker_should_assign_zxids_from_the_new_epoch_and_log_each_proposal_locally()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(Write("b"));
        var ready = tracker.TakeOutputs();

        var expected = new[] { new Txn(Z.X(4, 1), Bytes.FromUtf8("a")), new Txn(Z.X(4, 2), Bytes.FromUtf8("b")) };
        Assert.Equal(expected, ready.Of<Proposed>().Select(p => p.Txn));
        Assert.Equal(expected, ready.Appended());
        Assert.Single(ready.Storage);
    }

    [Fact]
    public void Tracker_should_commit_once_a_quorum_acked_counting_its_own_durable_write()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(new AckReceived(2, Z.X(4, 1)));
        tracker.TakeOutputs();
        Assert.Equal(1, tracker.OutstandingCount);

        tracker.Step(new LogDurable(Z.X(4, 1)));
        var ready = tracker.TakeOutputs();

        Assert.Equal(new[] { Z.X(4, 1) }, ready.Of<Committed>().Select(c => c.Txn.Zxid));
        Assert.Equal(Z.X(4, 1), tracker.LastCommittedZxid);
    }

    [Fact]
    public void Tracker_should_not_count_an_ack_from_a_learner_session_that_ended()
    {
        // Learner 2 acked, then its session ended: its next sync may TRUNC it below this proposal (it is
        // ahead of the committed log), so the old ack must not make the leader's own copy a "quorum".
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(new AckReceived(2, Z.X(4, 1)));
        tracker.Step(new LearnerSessionEnded(2, "connection reset"));
        tracker.Step(new LogDurable(Z.X(4, 1)));
        Assert.Empty(tracker.TakeOutputs().Of<Committed>());

        // The learner's new session logs the proposal again and acks it: now it commits.
        tracker.Step(new AckReceived(2, Z.X(4, 1)));
        Assert.Equal(new[] { Z.X(4, 1) }, tracker.TakeOutputs().Of<Committed>().Select(c => c.Txn.Zxid));
    }

    [Fact]
    public void Tracker_should_commit_with_a_quorum_of_followers_even_before_its_own_write_is_durable()
    {
        var tracker = Active(voters: 5);
        tracker.Step(Write("a"));
        foreach (var sid in new long[] { 2, 3, 4 })
        {
            tracker.Step(new AckReceived(sid, Z.X(4, 1)));
        }
        var ready = tracker.TakeOutputs();

        Assert.Single(ready.Of<Committed>());
        Assert.Empty(ready.Apply);
    }

    [Fact]
    public void Tracker_should_apply_a_committed_transaction_only_once_its_own_copy_is_durable()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(new AckReceived(2, Z.X(4, 1)));
        tracker.Step(new AckReceived(3, Z.X(4, 1)));
        Assert.Empty(tracker.TakeOutputs().Apply);

        tracker.Step(new LogDurable(Z.X(4, 1)));

        Assert.Equal(new[] { Z.X(4, 1) }, tracker.TakeOutputs().Apply.Select(t => t.Zxid));
    }

    [Fact]
    public void Tracker_should_commit_strictly_in_zxid_order()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(Write("b"));
        tracker.Step(new AckReceived(2, Z.X(4, 2)));
        tracker.Step(new AckReceived(3, Z.X(4, 2)));
        Assert.Empty(tracker.TakeOutputs().Of<Committed>());

        tracker.Step(new AckReceived(2, Z.X(4, 1)));
        Assert.Empty(tracker.TakeOutputs().Of<Committed>());
        tracker.Step(new AckReceived(3, Z.X(4, 1)));

        Assert.Equal(new[] { Z.X(4, 1), Z.X(4, 2) }, tracker.TakeOutputs().Of<Committed>().Select(c => c.Txn.Zxid));
    }

    [Fact]
    public void Tracker_should_not_count_observer_acks()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(new LogDurable(Z.X(4, 1)));
        tracker.Step(new AckReceived(9, Z.X(4, 1)));

        Assert.Empty(tracker.TakeOutputs().Of<Committed>());
    }

    [Fact]
    public void Tracker_should_ignore_acks_of_committed_proposals_and_of_NewLeader()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(new LogDurable(Z.X(4, 1)));
        tracker.Step(new AckReceived(2, Z.X(4, 1)));
        tracker.TakeOutputs();

        tracker.Step(new AckReceived(3, Z.X(4, 1)));
        tracker.Step(new AckReceived(3, Z.X(4, 0)));

        Assert.True(tracker.TakeOutputs().IsEmpty);
    }

    [Fact]
    public void Tracker_should_report_an_ack_of_a_proposal_it_never_made()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.TakeOutputs();
        tracker.Step(new AckReceived(2, Z.X(4, 7)));

        Assert.Single(tracker.TakeOutputs().Of<ProtocolViolation>());
    }

    [Fact]
    public void Tracker_should_keep_only_the_last_committed_log_size_transactions()
    {
        var tracker = Active(timing: Z.Timing with { CommittedLogSize = 3 });
        for (var i = 0; i < 4; i++)
        {
            tracker.Step(Write($"w{i}"));
        }
        tracker.Step(new LogDurable(Z.X(4, 4)));
        foreach (var counter in new long[] { 1, 2, 3, 4 })
        {
            tracker.Step(new AckReceived(2, Z.X(4, counter)));
        }

        Assert.Equal(new[] { Z.X(4, 2), Z.X(4, 3), Z.X(4, 4) }, tracker.CommittedLog.Select(t => t.Zxid));
    }

    [Fact]
    public void Tracker_should_require_a_re_election_when_the_zxid_counter_would_roll_over_ZOOKEEPER_1277()
    {
        var tracker = Active();
        tracker.SkipCounterTo(Zxid.CounterMax - 2);
        tracker.Step(Write("last"));
        Assert.Equal(Z.X(4, Zxid.CounterMax - 1), tracker.TakeOutputs().Of<Proposed>().Single().Txn.Zxid);

        tracker.Step(Write("too many"));
        var ready = tracker.TakeOutputs();

        Assert.Single(ready.Of<ReElectionRequired>());
        Assert.Single(ready.Of<ProposalRejected>());
        Assert.Empty(ready.Of<Proposed>());
        tracker.Step(Write("again"));
        Assert.Empty(tracker.TakeOutputs().Of<ReElectionRequired>());
    }

    [Fact]
    public void Tracker_should_bound_outstanding_proposals()
    {
        var tracker = Active(timing: Z.Timing with { MaxOutstandingProposals = 2 });
        tracker.Step(Write("a"));
        tracker.Step(Write("b"));
        tracker.Step(Write("c"));

        Assert.Equal("too many outstanding proposals", tracker.TakeOutputs().Of<ProposalRejected>().Single().Reason);
    }

    [Fact]
    public void Tracker_should_give_a_follower_its_history_with_outstanding_proposals()
    {
        var tracker = Active();
        tracker.Step(Write("a"));
        tracker.Step(new HistoryRequest(2, LearnerType.Participant));
        tracker.Step(new HistoryRequest(9, LearnerType.Observer));
        var histories = tracker.TakeOutputs().Of<LearnerHistory>().ToList();

        Assert.Equal(new[] { Z.X(3, 1), Z.X(3, 2) }, histories[0].CommittedLog.Select(t => t.Zxid));
        Assert.Equal(Z.X(4, 0), histories[0].LastProcessedZxid);
        Assert.Equal(Z.X(3, 2), histories[0].LastCommittedTxnZxid);
        Assert.Equal(new[] { Z.X(4, 1) }, histories[0].Outstanding.Select(t => t.Zxid));
        Assert.Empty(histories[1].Outstanding);
    }

    [Fact]
    public void Tracker_should_serve_the_leaders_log_before_the_epoch_is_established()
    {
        var tracker = new ProposalTracker(Z.Maj(1, 3), new LeaderHistory(Z.X(3, 2), Z.X(3, 2), [Z.T(3, 1), Z.T(3, 2)]));
        tracker.Step(new HistoryRequest(2, LearnerType.Participant));
        var history = tracker.TakeOutputs().Of<LearnerHistory>().Single();

        Assert.Equal(Z.X(3, 2), history.LastProcessedZxid);
        Assert.Equal(2, history.CommittedLog.Length);
    }

    [Fact]
    public void Tracker_should_apply_the_leaders_unapplied_tail_when_the_epoch_is_established_ZOOKEEPER_2845()
    {
        var tracker = new ProposalTracker(Z.Maj(1, 3), new LeaderHistory(Z.X(3, 3), Z.X(3, 1), [Z.T(3, 1), Z.T(3, 2), Z.T(3, 3)]));
        tracker.Step(new LeaderEstablished(4));

        Assert.Equal(new[] { Z.X(3, 2), Z.X(3, 3) }, tracker.TakeOutputs().Apply.Select(t => t.Zxid));
    }

    [Fact]
    public void Committed_log_should_start_after_the_last_applied_zxid_when_it_begins_with_the_unapplied_tail()
    {
        var tracker = new ProposalTracker(Z.Maj(1, 3), new LeaderHistory(Z.X(1, 3), Zxid.Zero, [Z.T(1, 1), Z.T(1, 2), Z.T(1, 3)]));
        tracker.Step(new HistoryRequest(2, LearnerType.Participant));
        var history = tracker.TakeOutputs().Of<LearnerHistory>().Single();

        Assert.Equal(Zxid.Zero, history.CommittedLogStartsAfter);
        Assert.Equal(new[] { Z.X(1, 1), Z.X(1, 2), Z.X(1, 3) }, history.CommittedLog.Select(t => t.Zxid));
    }

    [Fact]
    public void Committed_log_should_start_after_the_last_recent_transaction_it_leaves_out()
    {
        var timing = Z.Timing with { CommittedLogSize = 2 };
        var tracker = new ProposalTracker(new PeerConfig(1, Z.Maj(1, 3).Verifier, timing),
            new LeaderHistory(Z.X(3, 4), Z.X(3, 4), [Z.T(3, 1), Z.T(3, 2), Z.T(3, 3), Z.T(3, 4)]));

        Assert.Equal(new[] { Z.X(3, 3), Z.X(3, 4) }, tracker.CommittedLog.Select(t => t.Zxid));
        Assert.Equal(Z.X(3, 2), tracker.CommittedLogStartsAfter);
    }

    [Fact]
    public void Committed_log_should_start_at_its_first_zxid_when_what_precedes_it_is_unknown()
    {
        var tracker = new ProposalTracker(Z.Maj(1, 3), new LeaderHistory(Z.X(3, 3), Z.X(3, 1), [Z.T(3, 1), Z.T(3, 2), Z.T(3, 3)]));

        Assert.Equal(Z.X(3, 1), tracker.CommittedLogStartsAfter);
    }

    [Fact]
    public void Committed_log_should_keep_the_whole_unapplied_tail_until_commits_push_it_out()
    {
        // The leader's snapshot stands at its last applied zxid; the log must reach back to it.
        var timing = Z.Timing with { CommittedLogSize = 2 };
        var config = new PeerConfig(1, Z.Maj(1, 3).Verifier, timing);
        var tracker = new ProposalTracker(config, new LeaderHistory(Z.X(3, 4), Z.X(3, 1), [Z.T(3, 2), Z.T(3, 3), Z.T(3, 4)]));
        Assert.Equal(new[] { Z.X(3, 2), Z.X(3, 3), Z.X(3, 4) }, tracker.CommittedLog.Select(t => t.Zxid));
        Assert.Equal(Z.X(3, 1), tracker.CommittedLogStartsAfter);

        tracker.Step(new LeaderEstablished(4));
        tracker.Step(Write("a"));
        tracker.Step(new LogDurable(Z.X(4, 1)));
        tracker.Step(new AckReceived(2, Z.X(4, 1)));

        Assert.Equal(new[] { Z.X(3, 4), Z.X(4, 1) }, tracker.CommittedLog.Select(t => t.Zxid));
        Assert.Equal(Z.X(3, 3), tracker.CommittedLogStartsAfter);
    }

    [Fact]
    public void Empty_committed_log_should_start_after_the_last_committed_transaction()
    {
        var timing = Z.Timing with { CommittedLogSize = 0 };
        var tracker = new ProposalTracker(new PeerConfig(1, Z.Maj(1, 3).Verifier, timing),
            new LeaderHistory(Z.X(3, 2), Z.X(3, 1), [Z.T(3, 2)]));
        Assert.Equal(Z.X(3, 1), tracker.CommittedLogStartsAfter);

        tracker.Step(new LeaderEstablished(4));
        tracker.Step(Write("a"));
        tracker.Step(new LogDurable(Z.X(4, 1)));
        tracker.Step(new AckReceived(2, Z.X(4, 1)));

        Assert.Empty(tracker.CommittedLog);
        Assert.Equal(Z.X(4, 1), tracker.CommittedLogStartsAfter);
    }

    [Fact]
    public void Tracker_should_refuse_a_history_without_the_unapplied_tail()
    {
        Assert.Throws<ArgumentException>(() =>
            new ProposalTracker(Z.Maj(1, 3), new LeaderHistory(Z.X(3, 3), Z.X(3, 1), [Z.T(3, 1)])));
    }

    [Fact]
    public void Tracker_should_propose_forwarded_learner_requests()
    {
        var tracker = Active();
        tracker.Step(new LearnerRequest(2, Bytes.FromUtf8("from 2")));

        Assert.Equal(Bytes.FromUtf8("from 2"), tracker.TakeOutputs().Of<Proposed>().Single().Txn.Data);
    }
}
