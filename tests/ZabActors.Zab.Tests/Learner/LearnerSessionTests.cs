using System.Collections.Immutable;

namespace ZabActors.Zab.Tests;

/// <summary>One rule of ZooKeeper's Learner/Follower/Observer per test, playing the leader by hand.</summary>
public class LearnerSessionTests
{
    private static LearnerSession Session(
        long myId = 2, long accepted = 3, long current = 3, Zxid? lastLogged = null, Zxid? lastApplied = null,
        ImmutableArray<Txn> unapplied = default)
    {
        var logged = lastLogged ?? Z.X(3, 2);
        var session = new LearnerSession(
            Z.Maj(myId, 3, 4), 1,
            new LearnerStart(accepted, current, logged, lastApplied ?? logged, unapplied.IsDefault ? [] : unapplied));
        session.Step(StartLearning.Instance);
        session.TakeOutputs();
        return session;
    }

    /// <summary>A learner that accepted epoch 4 and is waiting for the sync mode.</summary>
    private static LearnerSession AckedEpoch(long myId = 2, Zxid? lastLogged = null, Zxid? lastApplied = null, ImmutableArray<Txn> unapplied = default)
    {
        var session = Session(myId, lastLogged: lastLogged, lastApplied: lastApplied, unapplied: unapplied);
        session.Step(new LeaderInfo(4));
        session.Step(new EpochsDurable(4, null));
        session.TakeOutputs();
        return session;
    }

    /// <summary>A follower synchronized with an empty DIFF, NEWLEADER acked, UPTODATE received.</summary>
    private static LearnerSession Broadcasting(long myId = 2)
    {
        var session = AckedEpoch(myId);
        session.Step(new Diff(Z.X(3, 2)));
        session.Step(new NewLeader(Z.X(4, 0)));
        session.Step(new EpochsDurable(null, 4));
        session.Step(UpToDate.Instance);
        session.TakeOutputs();
        return session;
    }

    [Fact]
    public void Follower_should_announce_itself_with_its_accepted_epoch()
    {
        var session = new LearnerSession(Z.Maj(2, 3), 1, new LearnerStart(3, 2, Z.X(2, 9), Z.X(2, 9), []));
        session.Step(StartLearning.Instance);

        Assert.Equal(new ZabMessage[] { new FollowerInfo(2, 3) }, session.TakeOutputs().To(1).ToArray());
    }

    [Fact]
    public void Observer_should_announce_itself_as_an_observer()
    {
        var session = new LearnerSession(Z.Maj(4, 3, 4), 1, new LearnerStart(3, 3, Z.X(3, 1), Z.X(3, 1), []));
        session.Step(StartLearning.Instance);

        Assert.Equal(new ZabMessage[] { new ObserverInfo(4, 3) }, session.TakeOutputs().To(1).ToArray());
    }

    [Fact]
    public void Learner_should_refuse_a_leader_epoch_lower_than_the_one_it_accepted()
    {
        var session = Session(accepted: 5);
        session.Step(new LeaderInfo(4));
        var ready = session.TakeOutputs();

        Assert.Equal("Leaders epoch, 4 is less than accepted epoch, 5", ready.Of<LeaderLost>().Single().Reason);
        Assert.Single(ready.Of<ProtocolViolation>());
        Assert.Empty(ready.Send);
        Assert.True(session.IsEnded);
    }

    [Fact]
    public void Learner_should_persist_a_new_epoch_before_acknowledging_it()
    {
        var session = Session(current: 2, lastLogged: Z.X(2, 7));
        session.Step(new LeaderInfo(4));
        var ready = session.TakeOutputs();
        Assert.Equal(new StorageOp[] { new SaveEpochs(4, null) }, ready.Storage.ToArray());
        Assert.Empty(ready.Send);

        session.Step(new EpochsDurable(4, null));

        Assert.Equal(new ZabMessage[] { new AckEpoch(2, Z.X(2, 7)) }, session.TakeOutputs().To(1).ToArray());
        Assert.Equal(4, session.AcceptedEpoch);
    }

    [Fact]
    public void Learner_should_ack_an_epoch_it_had_accepted_before_with_minus_one()
    {
        var session = Session(accepted: 4);
        session.Step(new LeaderInfo(4));
        var ready = session.TakeOutputs();

        Assert.Empty(ready.Storage);
        Assert.Equal(new ZabMessage[] { new AckEpoch(-1, Z.X(3, 2)) }, ready.To(1).ToArray());
    }

    [Fact]
    public void Learner_should_log_sync_transactions_and_ack_NewLeader_only_after_they_and_the_epoch_are_durable_ZOOKEEPER_4643()
    {
        var session = AckedEpoch();
        session.Step(new Diff(Z.X(3, 4)));
        session.Step(new Proposal(Z.T(3, 3)));
        session.Step(new Commit(Z.X(3, 3)));
        session.Step(new Proposal(Z.T(3, 4)));
        session.Step(new Commit(Z.X(3, 4)));
        session.Step(new NewLeader(Z.X(4, 0)));
        var ready = session.TakeOutputs();
        Assert.Equal(new[] { Z.T(3, 3), Z.T(3, 4) }, ready.Appended());
        Assert.Empty(ready.Send);

        session.Step(new LogDurable(Z.X(3, 3)));
        Assert.True(session.TakeOutputs().IsEmpty);

        session.Step(new LogDurable(Z.X(3, 4)));
        ready = session.TakeOutputs();
        Assert.Equal(new StorageOp[] { new SaveEpochs(null, 4) }, ready.Storage.ToArray());
        Assert.Empty(ready.Send);

        // As ZooKeeper's SendAckRequestProcessor, every logged proposal is acked, but only after NEWLEADER.
        session.Step(new EpochsDurable(null, 4));
        Assert.Equal(
            new ZabMessage[] { new Ack(Z.X(4, 0)), new Ack(Z.X(3, 3)), new Ack(Z.X(3, 4)) },
            session.TakeOutputs().To(1).ToArray());
        Assert.Equal(4, session.CurrentEpoch);
    }

    [Fact]
    public void Learner_should_not_ack_NewLeader_before_the_snapshot_is_durable_ZOOKEEPER_3642()
    {
        var session = AckedEpoch(lastLogged: Z.X(2, 1));
        var snapshot = new Snapshot(Z.X(3, 5), Bytes.FromUtf8("state"));
        session.Step(new Snap(snapshot));
        session.Step(new NewLeader(Z.X(4, 0)));
        var ready = session.TakeOutputs();
        Assert.Equal(new StorageOp[] { new InstallSnapshot(snapshot) }, ready.Storage.ToArray());

        session.Step(new SnapshotDurable(Z.X(3, 5)));
        Assert.Equal(new StorageOp[] { new SaveEpochs(null, 4) }, session.TakeOutputs().Storage.ToArray());
        session.Step(new EpochsDurable(null, 4));

        Assert.Equal(new ZabMessage[] { new Ack(Z.X(4, 0)) }, session.TakeOutputs().To(1).ToArray());
        Assert.Equal(Z.X(3, 5), session.LastLoggedZxid);
    }

    [Fact]
    public void Learner_should_truncate_after_the_trunc_zxid_and_keep_it_ZOOKEEPER_1156()
    {
        var session = AckedEpoch(lastLogged: Z.X(3, 4), lastApplied: Z.X(3, 2), unapplied: [Z.T(3, 3), Z.T(3, 4)]);
        session.Step(new Trunc(Z.X(3, 3)));

        Assert.Equal(new StorageOp[] { new TruncateLog(Z.X(3, 3)) }, session.TakeOutputs().Storage.ToArray());
        Assert.Equal(Z.X(3, 3), session.LastLoggedZxid);
        Assert.Equal(SyncKind.Trunc, session.SyncKind);
    }

    [Fact]
    public void Learner_should_refuse_to_truncate_transactions_it_has_applied()
    {
        var session = AckedEpoch(lastLogged: Z.X(3, 4));
        session.Step(new Trunc(Z.X(3, 3)));

        Assert.True(session.IsEnded);
        Assert.Empty(session.TakeOutputs().Storage);
    }

    [Fact]
    public void Learner_should_apply_its_logged_tail_that_the_leader_kept_after_UpToDate_ZOOKEEPER_2845()
    {
        var session = AckedEpoch(lastLogged: Z.X(3, 4), lastApplied: Z.X(3, 2), unapplied: [Z.T(3, 3), Z.T(3, 4)]);
        session.Step(new Diff(Z.X(3, 4)));
        session.Step(new NewLeader(Z.X(4, 0)));
        session.Step(new EpochsDurable(null, 4));
        Assert.Empty(session.TakeOutputs().Apply);

        session.Step(UpToDate.Instance);

        Assert.Equal(new[] { Z.T(3, 3), Z.T(3, 4) }, session.TakeOutputs().Apply.ToArray());
        Assert.Equal(Z.X(3, 4), session.LastAppliedZxid);
    }

    [Fact]
    public void Learner_should_never_apply_the_tail_the_leader_truncated_ZOOKEEPER_2845()
    {
        var session = AckedEpoch(lastLogged: Z.X(3, 4), lastApplied: Z.X(3, 2), unapplied: [Z.T(3, 3), Z.T(3, 4)]);
        session.Step(new Trunc(Z.X(3, 3)));
        session.Step(new Proposal(Z.T(3, 4, "the leader's 3.4")));
        session.Step(new Commit(Z.X(3, 4)));
        session.Step(new NewLeader(Z.X(4, 0)));
        session.Step(new LogDurable(Z.X(3, 4)));
        session.Step(new EpochsDurable(null, 4));
        session.Step(UpToDate.Instance);

        Assert.Equal(new[] { Z.T(3, 3), Z.T(3, 4, "the leader's 3.4") }, session.TakeOutputs().Apply.ToArray());
    }

    [Fact]
    public void Learner_should_ack_sync_proposals_only_after_the_NewLeader_ack_ZOOKEEPER_4685()
    {
        var session = AckedEpoch();
        session.Step(new Diff(Z.X(3, 2)));
        session.Step(new Proposal(Z.T(4, 1)));
        session.Step(new LogDurable(Z.X(4, 1)));
        Assert.Empty(session.TakeOutputs().Send);

        session.Step(new NewLeader(Z.X(4, 0)));
        session.Step(new EpochsDurable(null, 4));

        Assert.Equal(new ZabMessage[] { new Ack(Z.X(4, 0)), new Ack(Z.X(4, 1)) }, session.TakeOutputs().To(1).ToArray());
    }

    [Fact]
    public void Learner_should_enter_broadcast_on_UpToDate_and_ack_it()
    {
        var session = AckedEpoch();
        session.Step(new Diff(Z.X(3, 2)));
        session.Step(new NewLeader(Z.X(4, 0)));
        session.Step(new EpochsDurable(null, 4));
        session.TakeOutputs();

        session.Step(UpToDate.Instance);
        var ready = session.TakeOutputs();

        Assert.True(session.IsBroadcasting);
        Assert.Equal(new ZabMessage[] { new Ack(Z.X(4, 0)) }, ready.To(1).ToArray());
        Assert.Equal(new[] { new LearnerUpToDate(4) }, ready.Of<LearnerUpToDate>());
        Assert.Equal(ZabState.Broadcast, session.ZabState);
    }

    [Fact]
    public void Learner_should_end_on_UpToDate_before_it_acked_NewLeader()
    {
        var session = AckedEpoch();
        session.Step(new Diff(Z.X(3, 2)));
        session.Step(UpToDate.Instance);

        Assert.True(session.IsEnded);
    }

    [Fact]
    public void Follower_should_ack_a_proposal_only_after_it_is_logged()
    {
        var session = Broadcasting();
        session.Step(new Proposal(Z.T(4, 1)));
        var ready = session.TakeOutputs();
        Assert.Equal(new[] { Z.T(4, 1) }, ready.Appended());
        Assert.Empty(ready.Send);

        session.Step(new LogDurable(Z.X(4, 1)));

        Assert.Equal(new ZabMessage[] { new Ack(Z.X(4, 1)) }, session.TakeOutputs().To(1).ToArray());
    }

    [Fact]
    public void Follower_should_apply_commits_in_order_and_only_logged_transactions()
    {
        var session = Broadcasting();
        session.Step(new Proposal(Z.T(4, 1)));
        session.Step(new Proposal(Z.T(4, 2)));
        session.Step(new Commit(Z.X(4, 1)));
        session.Step(new Commit(Z.X(4, 2)));
        Assert.Empty(session.TakeOutputs().Apply);

        session.Step(new LogDurable(Z.X(4, 1)));
        Assert.Equal(new[] { Z.T(4, 1) }, session.TakeOutputs().Apply.ToArray());

        session.Step(new LogDurable(Z.X(4, 2)));
        Assert.Equal(new[] { Z.T(4, 2) }, session.TakeOutputs().Apply.ToArray());
    }

    [Fact]
    public void Follower_should_end_on_a_commit_that_skips_a_pending_proposal()
    {
        var session = Broadcasting();
        session.Step(new Proposal(Z.T(4, 1)));
        session.Step(new Proposal(Z.T(4, 2)));
        session.Step(new Commit(Z.X(4, 2)));

        Assert.True(session.IsEnded);
        Assert.Equal("Committing zxid 0x400000002 but next pending txn 0x400000001", session.TakeOutputs().Of<LeaderLost>().Single().Reason);
    }

    [Fact]
    public void Follower_should_end_on_a_proposal_that_does_not_follow_its_log()
    {
        var session = Broadcasting();
        session.Step(new Proposal(Z.T(3, 1)));

        Assert.True(session.IsEnded);
    }

    [Fact]
    public void Observer_should_log_and_apply_informed_transactions_without_acking()
    {
        var session = Broadcasting(myId: 4);
        session.Step(new Inform(Z.T(4, 1)));
        var ready = session.TakeOutputs();
        Assert.Equal(new[] { Z.T(4, 1) }, ready.Appended());
        Assert.Empty(ready.Apply);

        session.Step(new LogDurable(Z.X(4, 1)));
        ready = session.TakeOutputs();

        Assert.Equal(new[] { Z.T(4, 1) }, ready.Apply.ToArray());
        Assert.Empty(ready.Send);
    }

    [Fact]
    public void Observer_should_ignore_proposals_in_broadcast()
    {
        var session = Broadcasting(myId: 4);
        session.Step(new Proposal(Z.T(4, 1)));
        var ready = session.TakeOutputs();

        Assert.Empty(ready.Storage);
        Assert.Single(ready.Of<ProtocolViolation>());
        Assert.False(session.IsEnded);
    }

    [Fact]
    public void Learner_should_answer_pings_in_broadcast()
    {
        var session = Broadcasting();
        session.Step(new Ping(Z.X(4, 3)));

        Assert.Equal(new ZabMessage[] { new Ping(Z.X(4, 3)) }, session.TakeOutputs().To(1).ToArray());
    }

    [Fact]
    public void Learner_should_forward_client_writes_only_in_broadcast()
    {
        var session = AckedEpoch();
        session.Step(new ClientWrite(Bytes.FromUtf8("early")));
        Assert.Single(session.TakeOutputs().Of<ClientWriteRejected>());

        var serving = Broadcasting();
        serving.Step(new ClientWrite(Bytes.FromUtf8("write")));

        Assert.Equal(new ZabMessage[] { new Request(Bytes.FromUtf8("write")) }, serving.TakeOutputs().To(1).ToArray());
    }

    [Fact]
    public void Learner_should_go_back_to_looking_when_the_leader_is_silent_past_sync_limit()
    {
        var session = Broadcasting();
        for (var i = 0; i < Z.Timing.SyncLimitTicks - 1; i++)
        {
            session.Tick();
        }
        Assert.False(session.IsEnded);

        session.Tick();

        Assert.Single(session.TakeOutputs().Of<LeaderLost>());
    }

    [Fact]
    public void Learner_should_wait_init_limit_for_the_leader_before_NewLeader()
    {
        var session = AckedEpoch();
        for (var i = 0; i < Z.Timing.InitLimitTicks - 1; i++)
        {
            session.Tick();
        }
        Assert.False(session.IsEnded);

        session.Tick();

        Assert.True(session.IsEnded);
    }

    [Fact]
    public void Learner_should_end_when_the_leader_starts_with_anything_but_LeaderInfo()
    {
        var session = Session();
        session.Step(new NewLeader(Z.X(4, 0)));

        Assert.True(session.IsEnded);
        Assert.Single(session.TakeOutputs().Of<ProtocolViolation>());
    }

    [Fact]
    public void Learner_should_end_when_the_sync_does_not_start_with_Diff_Trunc_or_Snap()
    {
        var session = AckedEpoch();
        session.Step(new Proposal(Z.T(4, 1)));

        Assert.True(session.IsEnded);
    }

    [Fact]
    public void Learner_should_end_when_storage_fails()
    {
        var session = AckedEpoch();
        session.Step(new StorageFailed("disk full"));

        Assert.Equal("storage failed: disk full", session.TakeOutputs().Of<LeaderLost>().Single().Reason);
    }

    [Fact]
    public void Learner_should_drop_a_malformed_packet_without_throwing()
    {
        var session = Broadcasting();
        session.Step(new Snap(null!));
        session.Step(new Inform(null!));

        Assert.Equal(2, session.TakeOutputs().Of<ProtocolViolation>().Count());
        Assert.False(session.IsEnded);
    }

    [Fact]
    public void Learner_should_go_back_to_looking_when_the_connection_to_the_leader_breaks()
    {
        var session = Broadcasting();
        session.Step(new ConnectionLost("reset by peer"));

        Assert.Equal("connection to leader 1 lost: reset by peer", session.TakeOutputs().Of<LeaderLost>().Single().Reason);
    }
}
