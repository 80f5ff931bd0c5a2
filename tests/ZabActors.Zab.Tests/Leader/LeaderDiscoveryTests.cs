namespace ZabActors.Zab.Tests;

/// <summary>One rule of ZooKeeper's Leader.lead per test, stepping <see cref="LeaderDiscovery"/> by hand.</summary>
public class LeaderDiscoveryTests
{
    private static LeaderDiscovery Leading(int voters = 5, long acceptedEpoch = 3, long currentEpoch = 3, Zxid? lastZxid = null, params long[] observers)
    {
        var leader = new LeaderDiscovery(Z.Maj(1, voters, observers), new LeaderStart(acceptedEpoch, currentEpoch, lastZxid ?? Z.X(3, 7)));
        leader.Step(StartLeading.Instance);
        leader.TakeOutputs();
        return leader;
    }

    /// <summary>Drives discovery of a 5-voter leader with learners 2 and 3 up to the NEWLEADER phase.</summary>
    private static LeaderDiscovery Synchronizing()
    {
        var leader = Leading();
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        leader.Step(new LearnerInfoReceived(3, LearnerType.Participant, 3));
        leader.Step(new EpochsDurable(4, null));
        leader.Step(new EpochAcked(2, 3, Z.X(3, 7)));
        leader.Step(new EpochAcked(3, 3, Z.X(3, 5)));
        leader.Step(new EpochsDurable(null, 4));
        leader.TakeOutputs();
        return leader;
    }

    [Fact]
    public void Leader_should_propose_the_epoch_only_after_a_quorum_of_voters_connected_ZOOKEEPER_1343()
    {
        var leader = Leading();
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 5));
        Assert.Empty(leader.TakeOutputs().Storage);

        leader.Step(new LearnerInfoReceived(3, LearnerType.Participant, 4));
        var ready = leader.TakeOutputs();

        Assert.Equal(new StorageOp[] { new SaveEpochs(6, null) }, ready.Storage.ToArray());
        Assert.Empty(ready.Of<EpochProposal>());
        Assert.Equal(6, leader.Epoch);
    }

    [Fact]
    public void Leader_should_send_the_epoch_only_once_it_accepted_it_durably()
    {
        var leader = Leading();
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        leader.Step(new LearnerInfoReceived(3, LearnerType.Participant, 3));
        leader.TakeOutputs();

        leader.Step(new EpochsDurable(4, null));

        Assert.Equal(new[] { new EpochProposal(2, 4), new EpochProposal(3, 4) }, leader.TakeOutputs().Of<EpochProposal>());
    }

    [Fact]
    public void Leader_should_count_observer_epochs_in_the_maximum_but_not_in_the_quorum()
    {
        var leader = Leading(3, 3, 3, null, 4);
        leader.Step(new LearnerInfoReceived(4, LearnerType.Observer, 9));
        Assert.Empty(leader.TakeOutputs().Storage);

        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));

        Assert.Equal(new StorageOp[] { new SaveEpochs(10, null) }, leader.TakeOutputs().Storage.ToArray());
    }

    [Fact]
    public void Leader_should_give_a_late_learner_the_decided_epoch_at_once()
    {
        var leader = Synchronizing();
        leader.Step(new LearnerInfoReceived(5, LearnerType.Participant, 9));

        Assert.Equal(new[] { new EpochProposal(5, 4) }, leader.TakeOutputs().Of<EpochProposal>());
        Assert.Equal(4, leader.Epoch);
    }

    [Fact]
    public void Leader_should_not_make_the_epoch_current_before_a_quorum_acked_it_ZOOKEEPER_1192()
    {
        var leader = Leading();
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        leader.Step(new LearnerInfoReceived(3, LearnerType.Participant, 3));
        leader.Step(new LearnerInfoReceived(4, LearnerType.Participant, 3));
        leader.Step(new EpochsDurable(4, null));
        leader.TakeOutputs();
        leader.Step(new EpochAcked(2, 3, Z.X(3, 7)));
        var ready = leader.TakeOutputs();
        Assert.Empty(ready.Storage);
        Assert.Empty(ready.Of<StartSync>());

        leader.Step(new EpochAcked(3, 3, Z.X(3, 2)));
        ready = leader.TakeOutputs();

        Assert.Equal(new StorageOp[] { new SaveEpochs(null, 4) }, ready.Storage.ToArray());
        Assert.Equal(new[] { new StartSync(2), new StartSync(3) }, ready.Of<StartSync>());
        leader.Step(new EpochAcked(4, 3, Z.X(3, 1)));
        Assert.Equal(new[] { new StartSync(4) }, leader.TakeOutputs().Of<StartSync>());
    }

    [Fact]
    public void Leader_should_not_count_an_epoch_ack_of_a_learner_that_had_accepted_the_epoch_before()
    {
        var leader = Leading(3);
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 4));
        leader.Step(new EpochsDurable(5, null));
        leader.Step(new EpochAcked(2, -1, Z.X(3, 7)));

        Assert.Empty(leader.TakeOutputs().Of<StartSync>());
    }

    [Fact]
    public void Leader_should_refuse_a_learner_that_is_ahead_of_it()
    {
        var leader = Leading();
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        leader.Step(new LearnerInfoReceived(3, LearnerType.Participant, 3));
        leader.Step(new EpochsDurable(4, null));
        leader.Step(new EpochAcked(2, 3, Z.X(3, 8)));

        var end = Assert.Single(leader.TakeOutputs().Of<EndLearnerSession>());
        Assert.Equal(2, end.Sid);
    }

    [Fact]
    public void Leader_should_be_established_by_a_quorum_of_NewLeader_acks_including_its_own()
    {
        var leader = Synchronizing();
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        var ready = leader.TakeOutputs();
        Assert.Empty(ready.Of<LeaderEstablished>());

        leader.Step(new NewLeaderAcked(3, Z.X(4, 0)));
        ready = leader.TakeOutputs();

        Assert.Equal(new[] { new LeaderEstablished(4) }, ready.Of<LeaderEstablished>());
        Assert.Equal(new[] { new SendUpToDate(2), new SendUpToDate(3) }, ready.Of<SendUpToDate>());
        Assert.Equal(ZabState.Broadcast, leader.ZabState);
    }

    [Fact]
    public void Leader_should_count_its_own_NewLeader_ack_only_after_its_current_epoch_is_durable()
    {
        var leader = Leading(3);
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        leader.Step(new EpochsDurable(4, null));
        leader.Step(new EpochAcked(2, 3, Z.X(3, 1)));
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        Assert.Empty(leader.TakeOutputs().Of<LeaderEstablished>());

        leader.Step(new EpochsDurable(null, 4));

        Assert.Single(leader.TakeOutputs().Of<LeaderEstablished>());
    }

    [Fact]
    public void Leader_should_not_count_a_NewLeader_ack_of_another_epoch()
    {
        var leader = Synchronizing();
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        leader.Step(new NewLeaderAcked(3, Z.X(3, 0)));
        var ready = leader.TakeOutputs();

        Assert.Empty(ready.Of<LeaderEstablished>());
        Assert.Single(ready.Of<ProtocolViolation>());
    }

    [Fact]
    public void Leader_should_send_UpToDate_at_once_to_a_learner_acking_NewLeader_after_establishment()
    {
        var leader = Synchronizing();
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        leader.Step(new NewLeaderAcked(3, Z.X(4, 0)));
        leader.Step(new LearnerInfoReceived(4, LearnerType.Participant, 3));
        leader.Step(new EpochAcked(4, 3, Z.X(3, 1)));
        leader.TakeOutputs();

        leader.Step(new NewLeaderAcked(4, Z.X(4, 0)));

        Assert.Equal(new[] { new SendUpToDate(4) }, leader.TakeOutputs().Of<SendUpToDate>());
    }

    [Fact]
    public void Leader_should_fail_when_a_quorum_does_not_connect_within_init_limit()
    {
        var leader = Leading();
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        for (var i = 0; i < Z.Timing.InitLimitTicks - 1; i++)
        {
            leader.Tick();
        }
        Assert.Empty(leader.TakeOutputs().Of<LeadershipEnded>());

        leader.Tick();

        Assert.Equal("Timeout while waiting for epoch from quorum", Assert.Single(leader.TakeOutputs().Of<LeadershipEnded>()).Reason);
        Assert.True(leader.IsEnded);
    }

    [Fact]
    public void Leader_should_fail_when_NewLeader_is_not_acked_by_a_quorum_within_init_limit()
    {
        var leader = Synchronizing();
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        for (var i = 0; i < Z.Timing.InitLimitTicks; i++)
        {
            leader.Tick();
        }

        var ended = Assert.Single(leader.TakeOutputs().Of<LeadershipEnded>());
        Assert.Equal("Timeout while waiting for NEWLEADER to be acked by quorum", ended.Reason);
    }

    [Fact]
    public void Leader_should_step_down_when_it_loses_its_quorum_of_synced_voters()
    {
        var leader = Synchronizing();
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        leader.Step(new NewLeaderAcked(3, Z.X(4, 0)));
        leader.Tick();
        Assert.Empty(leader.TakeOutputs().Of<LeadershipEnded>());

        leader.Step(new LearnerSessionEnded(3, "learner silent"));
        leader.Tick();

        var ended = Assert.Single(leader.TakeOutputs().Of<LeadershipEnded>());
        Assert.Equal("Not sufficient followers synced, only synced with sids: [ 1,2 ]", ended.Reason);
    }

    [Fact]
    public void Leader_should_not_count_observers_towards_its_synced_quorum()
    {
        var leader = Leading(3, 3, 3, null, 4);
        leader.Step(new LearnerInfoReceived(2, LearnerType.Participant, 3));
        leader.Step(new LearnerInfoReceived(4, LearnerType.Observer, 3));
        leader.Step(new EpochsDurable(4, null));
        leader.Step(new EpochAcked(2, 3, Z.X(3, 1)));
        leader.Step(new EpochsDurable(null, 4));
        leader.Step(new NewLeaderAcked(2, Z.X(4, 0)));
        leader.Step(new NewLeaderAcked(4, Z.X(4, 0)));
        Assert.True(leader.IsEstablished);

        leader.Step(new LearnerSessionEnded(2, "gone"));
        leader.Tick();

        Assert.Single(leader.TakeOutputs().Of<LeadershipEnded>());
    }

    [Fact]
    public void Leader_should_end_when_told_to()
    {
        var leader = Synchronizing();
        leader.Step(new EndLeadership("zxid rollover"));

        Assert.Equal("zxid rollover", Assert.Single(leader.TakeOutputs().Of<LeadershipEnded>()).Reason);
        leader.Tick();
        Assert.True(leader.TakeOutputs().IsEmpty);
    }
}
