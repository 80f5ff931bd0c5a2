using System.Collections.Immutable;

namespace ZabActors.Zab.Tests;

/// <summary>One rule of ZooKeeper's LearnerHandler per test, playing the learner by hand (as Zab1_0Test does).</summary>
public class LearnerSyncTests
{
    private static readonly PeerConfig LeaderConfig = Z.Maj(1, 3, 4);

    private static LearnerSync Handshaken(Zxid peerLastZxid, long sid = 2)
    {
        var sync = new LearnerSync(LeaderConfig);
        sync.Step(sid == 4 ? new ObserverInfo(4, 3) : new FollowerInfo(sid, 3));
        sync.Step(new EpochProposal(sid, 4));
        sync.Step(new AckEpoch(3, peerLastZxid));
        sync.Step(new StartSync(sid));
        sync.TakeOutputs();
        return sync;
    }

    /// <summary>A history whose committed log follows a transaction we do not know (as ZooKeeper's).</summary>
    private static LearnerHistory History(long sid, Zxid lastProcessed, ImmutableArray<Txn> committed, params Txn[] outstanding) =>
        HistoryAfter(sid, committed.IsEmpty ? lastProcessed : committed[0].Zxid, lastProcessed, committed, outstanding);

    private static LearnerHistory HistoryAfter(
        long sid, Zxid startsAfter, Zxid lastProcessed, ImmutableArray<Txn> committed, params Txn[] outstanding) =>
        new(sid, committed, startsAfter, lastProcessed, committed.IsEmpty ? lastProcessed : committed[^1].Zxid, [.. outstanding]);

    private static ImmutableArray<Txn> Committed(params long[] counters) => [.. counters.Select(c => Z.T(3, c))];

    /// <summary>A follower synchronized in epoch 4, with NEWLEADER acked and UPTODATE sent.</summary>
    private static LearnerSync Broadcasting(long sid = 2)
    {
        var sync = Handshaken(Z.X(3, 2), sid);
        sync.Step(History(sid, Z.X(3, 2), Committed(1, 2)));
        sync.Step(new Ack(Z.X(4, 0)));
        sync.Step(new SendUpToDate(sid));
        sync.TakeOutputs();
        return sync;
    }

    [Fact]
    public void Handler_should_walk_the_handshake_from_FollowerInfo_to_the_history_request()
    {
        var sync = new LearnerSync(LeaderConfig);
        sync.Step(new FollowerInfo(2, 3));
        Assert.Equal(new[] { new LearnerInfoReceived(2, LearnerType.Participant, 3) }, sync.TakeOutputs().Of<LearnerInfoReceived>());

        sync.Step(new EpochProposal(2, 4));
        Assert.Equal(new[] { new Envelope(2, new LeaderInfo(4)) }, sync.TakeOutputs().Send.ToArray());

        sync.Step(new AckEpoch(3, Z.X(3, 9)));
        Assert.Equal(new[] { new EpochAcked(2, 3, Z.X(3, 9)) }, sync.TakeOutputs().Of<EpochAcked>());

        sync.Step(new StartSync(2));
        Assert.Equal(new[] { new HistoryRequest(2, LearnerType.Participant) }, sync.TakeOutputs().Of<HistoryRequest>());
    }

    [Fact]
    public void Leader_should_send_an_empty_Diff_then_NewLeader_to_a_follower_in_sync()
    {
        var sync = Handshaken(Z.X(3, 2));
        sync.Step(History(2, Z.X(3, 2), Committed(1, 2)));

        Assert.Equal(
            new ZabMessage[] { new Diff(Z.X(3, 2)), new NewLeader(Z.X(4, 0)) },
            sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Leader_should_send_Trunc_when_follower_is_ahead()
    {
        var sync = Handshaken(Z.X(3, 9));
        sync.Step(History(2, Z.X(3, 2), Committed(1, 2)));

        Assert.Equal(
            new ZabMessage[] { new Trunc(Z.X(3, 2)), new NewLeader(Z.X(4, 0)) },
            sync.TakeOutputs().To(2).ToArray());
        Assert.Equal(SyncKind.Trunc, sync.SyncKind);
    }

    [Fact]
    public void Leader_should_send_Diff_with_missing_pairs_then_outstanding_proposals_then_NewLeader()
    {
        var sync = Handshaken(Z.X(3, 1));
        sync.Step(History(2, Z.X(4, 0), Committed(1, 2, 3), Z.T(4, 1)));

        Assert.Equal(
            new ZabMessage[]
            {
                new Diff(Z.X(3, 3)), new Proposal(Z.T(3, 2)), new Commit(Z.X(3, 2)), new Proposal(Z.T(3, 3)),
                new Commit(Z.X(3, 3)), new Proposal(Z.T(4, 1)), new NewLeader(Z.X(4, 0)),
            },
            sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Leader_should_not_send_outstanding_proposals_to_an_observer()
    {
        var sync = Handshaken(Z.X(3, 3), sid: 4);
        sync.Step(History(4, Z.X(4, 0), Committed(1, 2, 3), Z.T(4, 1)));

        Assert.DoesNotContain(sync.TakeOutputs().To(4), m => m is Proposal);
    }

    [Fact]
    public void Leader_should_ask_for_a_snapshot_when_follower_is_far_behind()
    {
        var sync = Handshaken(Z.X(2, 1));
        sync.Step(History(2, Z.X(3, 3), Committed(2, 3)));
        var ready = sync.TakeOutputs();

        Assert.Equal(new[] { new SnapshotRequest(2) }, ready.Of<SnapshotRequest>());
        Assert.Empty(ready.Send);
    }

    [Fact]
    public void Leader_should_send_NewLeader_only_after_the_whole_snapshot_and_what_followed_it_ZOOKEEPER_3104()
    {
        var sync = Handshaken(Z.X(2, 1));
        sync.Step(History(2, Z.X(4, 0), Committed(2, 3, 4), Z.T(4, 1)));
        sync.Step(new Proposed(Z.T(4, 2)));
        sync.Step(new Committed(Z.T(4, 1)));
        Assert.Empty(sync.TakeOutputs().Send);

        var snapshot = new Snapshot(Z.X(3, 3), Bytes.FromUtf8("state@3.3"));
        sync.Step(new LeaderSnapshot(2, snapshot));

        Assert.Equal(
            new ZabMessage[]
            {
                new Snap(snapshot), new Proposal(Z.T(3, 4)), new Commit(Z.X(3, 4)), new Proposal(Z.T(4, 1)),
                new Proposal(Z.T(4, 2)), new Commit(Z.X(4, 1)), new NewLeader(Z.X(4, 0)),
            },
            sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Leader_should_skip_what_the_snapshot_already_holds()
    {
        var sync = Handshaken(Z.X(2, 1));
        sync.Step(History(2, Z.X(4, 0), Committed(2, 3), Z.T(4, 1)));
        sync.Step(new Committed(Z.T(4, 1)));
        var snapshot = new Snapshot(Z.X(4, 1), Bytes.FromUtf8("state@4.1"));
        sync.Step(new LeaderSnapshot(2, snapshot));

        Assert.Equal(new ZabMessage[] { new Snap(snapshot), new NewLeader(Z.X(4, 0)) }, sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Handler_should_end_the_session_when_the_snapshot_is_older_than_the_committed_log()
    {
        var sync = Handshaken(Z.X(2, 1));
        sync.Step(History(2, Z.X(3, 9), Committed(5, 6, 7, 8, 9)));
        sync.Step(new LeaderSnapshot(2, new Snapshot(Z.X(3, 2), Bytes.Empty)));

        Assert.Single(sync.TakeOutputs().Of<LearnerSessionEnded>());
        Assert.True(sync.IsEnded);
    }

    [Fact]
    public void Snapshot_at_the_zxid_the_committed_log_starts_after_should_bridge_to_the_log()
    {
        // The leader's state machine stands at (2,0x97) and its log holds everything after it.
        var committed = ImmutableArray.Create(Z.T(2, 0x98), Z.T(2, 0x99));
        var sync = Handshaken(Z.X(1, 4));
        sync.Step(HistoryAfter(2, Z.X(2, 0x97), Z.X(2, 0x99), committed));
        Assert.Equal(new[] { new SnapshotRequest(2) }, sync.TakeOutputs().Of<SnapshotRequest>());

        var snapshot = new Snapshot(Z.X(2, 0x97), Bytes.FromUtf8("state@2.97"));
        sync.Step(new LeaderSnapshot(2, snapshot));

        Assert.Equal(
            new ZabMessage[]
            {
                new Snap(snapshot), new Proposal(Z.T(2, 0x98)), new Commit(Z.X(2, 0x98)),
                new Proposal(Z.T(2, 0x99)), new Commit(Z.X(2, 0x99)), new NewLeader(Z.X(4, 0)),
            },
            sync.TakeOutputs().To(2).ToArray());
        Assert.False(sync.IsEnded);
    }

    [Fact]
    public void Snapshot_of_the_empty_state_should_bridge_to_a_committed_log_that_starts_after_zxid_0()
    {
        // An empty state machine (0x0) and a log of every transaction from 0x100000001: the learner's
        // (2,5) diverged and cannot be truncated into epoch 3, so it needs the snapshot.
        var committed = ImmutableArray.Create(Z.T(1, 1), Z.T(1, 2), Z.T(3, 1));
        var sync = Handshaken(Z.X(2, 5));
        sync.Step(HistoryAfter(2, Zxid.Zero, Z.X(3, 1), committed));
        Assert.Equal(SyncKind.Snap, sync.SyncKind);
        sync.TakeOutputs();

        var snapshot = new Snapshot(Zxid.Zero, Bytes.Empty);
        sync.Step(new LeaderSnapshot(2, snapshot));

        Assert.Equal(
            new ZabMessage[]
            {
                new Snap(snapshot), new Proposal(Z.T(1, 1)), new Commit(Z.X(1, 1)), new Proposal(Z.T(1, 2)),
                new Commit(Z.X(1, 2)), new Proposal(Z.T(3, 1)), new Commit(Z.X(3, 1)), new NewLeader(Z.X(4, 0)),
            },
            sync.TakeOutputs().To(2).ToArray());
        Assert.False(sync.IsEnded);
    }

    [Fact]
    public void Handler_should_end_the_session_when_the_snapshot_is_older_than_the_zxid_the_committed_log_starts_after()
    {
        var sync = Handshaken(Z.X(1, 4));
        sync.Step(HistoryAfter(2, Z.X(2, 0x97), Z.X(2, 0x99), [Z.T(2, 0x98), Z.T(2, 0x99)]));
        sync.Step(new LeaderSnapshot(2, new Snapshot(Z.X(2, 0x96), Bytes.Empty)));

        Assert.Single(sync.TakeOutputs().Of<LearnerSessionEnded>());
        Assert.True(sync.IsEnded);
    }

    [Fact]
    public void Leader_should_diff_an_empty_learner_when_the_committed_log_starts_after_zxid_0()
    {
        var sync = Handshaken(Zxid.Zero);
        sync.Step(HistoryAfter(2, Zxid.Zero, Z.X(1, 2), [Z.T(1, 1), Z.T(1, 2)]));

        Assert.Equal(SyncKind.Diff, sync.SyncKind);
        Assert.Equal(
            new ZabMessage[]
            {
                new Diff(Z.X(1, 2)), new Proposal(Z.T(1, 1)), new Commit(Z.X(1, 1)), new Proposal(Z.T(1, 2)),
                new Commit(Z.X(1, 2)), new NewLeader(Z.X(4, 0)),
            },
            sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Handler_should_relay_the_NewLeader_ack_and_send_UpToDate_when_allowed()
    {
        var sync = Handshaken(Z.X(3, 2));
        sync.Step(History(2, Z.X(3, 2), Committed(1, 2)));
        sync.TakeOutputs();

        sync.Step(new Ack(Z.X(4, 0)));
        Assert.Equal(new[] { new NewLeaderAcked(2, Z.X(4, 0)) }, sync.TakeOutputs().Of<NewLeaderAcked>());

        sync.Step(new SendUpToDate(2));
        Assert.Equal(new ZabMessage[] { UpToDate.Instance }, sync.TakeOutputs().To(2).ToArray());
        Assert.True(sync.IsBroadcasting);
    }

    [Fact]
    public void Handler_should_forward_proposals_and_commits_to_a_follower_in_order()
    {
        var sync = Broadcasting();
        sync.Step(new Proposed(Z.T(4, 1)));
        sync.Step(new Proposed(Z.T(4, 2)));
        sync.Step(new Committed(Z.T(4, 1)));

        Assert.Equal(
            new ZabMessage[] { new Proposal(Z.T(4, 1)), new Proposal(Z.T(4, 2)), new Commit(Z.X(4, 1)) },
            sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Handler_should_inform_an_observer_of_commits_only()
    {
        var sync = Broadcasting(sid: 4);
        sync.Step(new Proposed(Z.T(4, 1)));
        sync.Step(new Committed(Z.T(4, 1)));

        Assert.Equal(new ZabMessage[] { new Inform(Z.T(4, 1)) }, sync.TakeOutputs().To(4).ToArray());
    }

    [Fact]
    public void Handler_should_relay_acks_and_requests_to_the_proposal_tracker()
    {
        var sync = Broadcasting();
        sync.Step(new Ack(Z.X(4, 0)));
        sync.Step(new Ack(Z.X(4, 1)));
        sync.Step(new Request(Bytes.FromUtf8("write")));
        var ready = sync.TakeOutputs();

        Assert.Equal(new[] { new AckReceived(2, Z.X(4, 1)) }, ready.Of<AckReceived>());
        Assert.Equal(new[] { new LearnerRequest(2, Bytes.FromUtf8("write")) }, ready.Of<LearnerRequest>());
    }

    [Fact]
    public void Handler_should_ping_the_learner_every_tick_once_NewLeader_is_sent()
    {
        var sync = Handshaken(Z.X(3, 2));
        sync.Tick();
        Assert.Empty(sync.TakeOutputs().Send);

        sync.Step(History(2, Z.X(3, 2), Committed(1, 2)));
        sync.TakeOutputs();
        sync.Tick();

        Assert.Equal(new ZabMessage[] { new Ping(Z.X(3, 2)) }, sync.TakeOutputs().To(2).ToArray());
    }

    [Fact]
    public void Handler_should_drop_a_learner_silent_for_sync_limit_ticks_in_broadcast()
    {
        var sync = Broadcasting();
        for (var i = 0; i < Z.Timing.SyncLimitTicks - 1; i++)
        {
            sync.Tick();
        }
        sync.Step(new Ping(Z.X(4, 0)));
        for (var i = 0; i < Z.Timing.SyncLimitTicks - 1; i++)
        {
            sync.Tick();
        }
        Assert.False(sync.IsEnded);

        sync.Tick();

        Assert.True(sync.IsEnded);
        Assert.Single(sync.TakeOutputs().Of<LearnerSessionEnded>());
    }

    [Fact]
    public void Handler_should_drop_a_learner_that_leaves_a_proposal_unacknowledged_past_sync_limit()
    {
        var sync = Broadcasting();
        sync.Step(new Proposed(Z.T(4, 1)));
        for (var i = 0; i <= Z.Timing.SyncLimitTicks; i++)
        {
            sync.Step(new Ping(Z.X(4, 0)));
            sync.Tick();
        }

        Assert.Equal("Closing connection to peer due to transaction timeout.", sync.EndReason);
    }

    [Fact]
    public void Handler_should_drop_a_learner_silent_for_init_limit_ticks_during_synchronization()
    {
        var sync = Handshaken(Z.X(3, 2));
        sync.Step(History(2, Z.X(3, 2), Committed(1, 2)));
        for (var i = 0; i < Z.Timing.InitLimitTicks; i++)
        {
            Assert.False(sync.IsEnded);
            sync.Tick();
        }

        Assert.True(sync.IsEnded);
    }

    [Fact]
    public void Handler_should_end_the_session_when_the_first_packet_is_not_learner_info()
    {
        var sync = new LearnerSync(LeaderConfig);
        sync.Step(new Ack(Z.X(1, 1)));
        var ready = sync.TakeOutputs();

        Assert.True(sync.IsEnded);
        Assert.Single(ready.Of<ProtocolViolation>());
        Assert.Single(ready.Of<LearnerSessionEnded>());
    }

    [Theory]
    [InlineData(9L, false)]
    [InlineData(4L, false)]
    [InlineData(1L, false)]
    [InlineData(2L, true)]
    public void Handler_should_only_accept_FollowerInfo_from_another_voter(long sid, bool accepted)
    {
        var sync = new LearnerSync(LeaderConfig);
        sync.Step(new FollowerInfo(sid, 3));

        Assert.Equal(!accepted, sync.IsEnded);
    }

    [Fact]
    public void Handler_should_refuse_a_learner_older_than_Zab_1_0()
    {
        var sync = new LearnerSync(LeaderConfig);
        sync.Step(new FollowerInfo(2, 3, ProtocolVersion: 0x0));

        Assert.True(sync.IsEnded);
    }

    [Fact]
    public void Handler_should_end_the_session_when_the_learner_answers_LeaderInfo_with_anything_but_AckEpoch()
    {
        var sync = new LearnerSync(LeaderConfig);
        sync.Step(new FollowerInfo(2, 3));
        sync.Step(new EpochProposal(2, 4));
        sync.Step(new Ack(Z.X(4, 0)));

        Assert.True(sync.IsEnded);
    }

    [Fact]
    public void Handler_should_end_the_session_when_NewLeader_is_answered_with_anything_but_Ack()
    {
        var sync = Handshaken(Z.X(3, 2));
        sync.Step(History(2, Z.X(3, 2), Committed(1, 2)));
        sync.Step(new Request(Bytes.Empty));

        Assert.True(sync.IsEnded);
    }

    [Fact]
    public void Handler_should_end_when_the_leader_ends_the_session()
    {
        var sync = Handshaken(Z.X(3, 2));
        sync.Step(new EndLearnerSession(2, "Follower is ahead of the leader"));

        Assert.Equal(new[] { new LearnerSessionEnded(2, "Follower is ahead of the leader") }, sync.TakeOutputs().Of<LearnerSessionEnded>());
    }

    [Fact]
    public void Handler_should_drop_a_malformed_packet_without_throwing()
    {
        var sync = Broadcasting();
        sync.Step(new Proposal(null!));

        Assert.Single(sync.TakeOutputs().Of<ProtocolViolation>());
        Assert.False(sync.IsEnded);
    }
}
