namespace ZabActors.Zab.Tests;

/// <summary>One election rule per test, stepping a single <see cref="FastLeaderElection"/> by hand.</summary>
public class FastLeaderElectionTests
{
    private static FastLeaderElection Started(long myId, int voters, Zxid lastLogged, params long[] observers)
    {
        var election = new FastLeaderElection(Z.Maj(myId, voters, observers));
        election.Step(new StartElection(lastLogged, 1));
        election.TakeOutputs();
        return election;
    }

    private static Notification Looking(long from, long leader, Zxid zxid, long round, long peerEpoch = 1) =>
        new(leader, zxid, round, ServerState.Looking, from, peerEpoch);

    [Fact]
    public void Start_should_vote_for_itself_and_notify_every_other_voter()
    {
        var election = new FastLeaderElection(Z.Maj(2, 3, 4));
        election.Step(new StartElection(Z.X(1, 5), 1));
        var ready = election.TakeOutputs();

        Assert.Equal(1, election.LogicalClock);
        Assert.Equal(new Vote(2, Z.X(1, 5), 1, 1), election.Proposal);
        Assert.Equal(new long[] { 1, 3 }, ready.Send.Select(e => e.To));
        Assert.All(ready.Send, e => Assert.Equal(Looking(2, 2, Z.X(1, 5), 1), e.Message));
    }

    [Fact]
    public void Looking_peer_should_adopt_a_better_vote_and_notify_again()
    {
        var election = Started(1, 3, Z.X(1, 5));
        election.Step(Looking(2, 2, Z.X(1, 7), 1));
        var ready = election.TakeOutputs();

        Assert.Equal(2, election.Proposal.Leader);
        Assert.Equal(new long[] { 2, 3 }, ready.Send.Select(e => e.To));
        Assert.All(ready.Send, e => Assert.Equal(2, ((Notification)e.Message).Leader));
    }

    [Fact]
    public void Looking_peer_should_answer_a_peer_of_an_older_round_with_its_vote()
    {
        var election = Started(1, 3, Z.X(1, 5));
        election.Step(new StartElection(Z.X(1, 5), 1));
        election.TakeOutputs();

        election.Step(Looking(2, 2, Z.X(1, 1), 1));
        var ready = election.TakeOutputs();

        Assert.Equal(new[] { new Envelope(2, Looking(1, 1, Z.X(1, 5), 2)) }, ready.Send.ToArray());
        Assert.Equal(1, election.Proposal.Leader);
    }

    [Fact]
    public void Looking_peer_should_join_a_later_round_and_forget_the_votes_of_its_own()
    {
        var election = Started(3, 3, Z.X(1, 9));
        election.Step(Looking(1, 1, Z.X(1, 1), 1));
        election.Step(Looking(2, 2, Z.X(1, 1), 4));
        var ready = election.TakeOutputs();

        Assert.Equal(4, election.LogicalClock);
        Assert.Equal(3, election.Proposal.Leader);
        Assert.All(ready.Send, e => Assert.Equal(4, ((Notification)e.Message).ElectionEpoch));
        Assert.False(election.IsFinalizing);
    }

    [Fact]
    public void Peer_should_wait_finalize_wait_before_deciding()
    {
        var election = Started(3, 3, Z.X(1, 9));
        election.Step(Looking(1, 3, Z.X(1, 9), 1));

        Assert.True(election.IsFinalizing);
        Assert.Equal(Z.Timing.FinalizeWaitMs, election.DueInMs);
        election.Tick(Z.Timing.FinalizeWaitMs - 1);
        Assert.Empty(election.TakeOutputs().Of<Decided>());

        election.Tick(1);
        var decided = Assert.Single(election.TakeOutputs().Of<Decided>());
        Assert.Equal(3, decided.Leader);
        Assert.Equal(ServerState.Leading, decided.State);
        Assert.Null(election.DueInMs);
    }

    [Fact]
    public void Peer_should_keep_electing_when_a_better_vote_arrives_during_finalize_wait()
    {
        var election = Started(2, 5, Z.X(1, 5));
        election.Step(Looking(1, 2, Z.X(1, 5), 1));
        election.Step(Looking(4, 2, Z.X(1, 5), 1));
        Assert.True(election.IsFinalizing);

        election.Step(Looking(3, 3, Z.X(1, 6), 1));
        Assert.False(election.IsFinalizing);
        Assert.Equal(3, election.Proposal.Leader);
        election.Tick(Z.Timing.FinalizeWaitMs);
        Assert.Empty(election.TakeOutputs().Of<Decided>());

        election.Step(Looking(1, 3, Z.X(1, 6), 1));
        election.Tick(Z.Timing.FinalizeWaitMs);
        var decided = Assert.Single(election.TakeOutputs().Of<Decided>());
        Assert.Equal(3, decided.Leader);
        Assert.Equal(ServerState.Following, decided.State);
    }

    [Fact]
    public void Peer_should_drop_a_worse_vote_during_finalize_wait_and_wait_afresh()
    {
        var election = Started(3, 3, Z.X(1, 9));
        election.Step(Looking(1, 3, Z.X(1, 9), 1));
        election.Tick(150);

        election.Step(Looking(2, 2, Z.X(1, 1), 1));

        Assert.True(election.IsFinalizing);
        Assert.Equal(Z.Timing.FinalizeWaitMs, election.DueInMs);
        Assert.Equal(3, election.Proposal.Leader);
    }

    [Fact]
    public void Peer_should_not_follow_an_established_leader_that_never_said_it_leads()
    {
        var election = Started(1, 5, Z.X(1, 1));
        foreach (var sid in new long[] { 2, 4, 5 })
        {
            election.Step(new Notification(3, Z.X(1, 3), 1, ServerState.Following, sid, 1));
        }
        Assert.Empty(election.TakeOutputs().Of<Decided>());

        election.Step(new Notification(3, Z.X(1, 3), 1, ServerState.Leading, 3, 1));
        var decided = Assert.Single(election.TakeOutputs().Of<Decided>());
        Assert.Equal(3, decided.Leader);
    }

    [Fact]
    public void Not_looking_peer_should_answer_a_looking_peer_with_its_current_vote()
    {
        var election = Started(3, 3, Z.X(1, 9));
        election.Step(Looking(1, 3, Z.X(1, 9), 1));
        election.Tick(Z.Timing.FinalizeWaitMs);
        election.Step(new UpdateElectionVote(2));
        election.TakeOutputs();

        election.Step(Looking(2, 2, Z.X(1, 1), 7));
        var reply = Assert.Single(election.TakeOutputs().Send);

        Assert.Equal(new Envelope(2, new Notification(3, Z.X(1, 9), 1, ServerState.Leading, 3, 2)), reply);
    }

    [Fact]
    public void Not_looking_peer_should_ignore_peers_that_are_not_looking()
    {
        var election = Started(3, 3, Z.X(1, 9));
        election.Step(Looking(1, 3, Z.X(1, 9), 1));
        election.Tick(Z.Timing.FinalizeWaitMs);
        election.TakeOutputs();

        election.Step(new Notification(3, Z.X(1, 9), 1, ServerState.Following, 1, 1));

        Assert.True(election.TakeOutputs().IsEmpty);
    }

    [Fact]
    public void Voter_should_answer_an_observer_at_once_without_counting_it()
    {
        var election = Started(1, 3, Z.X(1, 1), 4);
        election.Step(Looking(4, 4, Z.X(1, 9), 1));
        var ready = election.TakeOutputs();

        Assert.Equal(new[] { new Envelope(4, Looking(1, 1, Z.X(1, 1), 1)) }, ready.Send.ToArray());
        Assert.Equal(1, election.Proposal.Leader);
        Assert.False(election.IsFinalizing);
    }

    [Fact]
    public void Peer_should_ignore_and_report_notifications_from_non_members()
    {
        var election = Started(1, 3, Z.X(1, 1));
        election.Step(Looking(9, 9, Z.X(9, 9), 9));
        var ready = election.TakeOutputs();

        Assert.Empty(ready.Send);
        Assert.Single(ready.Of<ProtocolViolation>());
        Assert.Equal(1, election.LogicalClock);
        Assert.Equal(1, election.Proposal.Leader);
    }

    [Fact]
    public void Peer_should_ignore_votes_for_a_server_that_is_not_a_voter()
    {
        var election = Started(1, 3, Z.X(1, 1), 4);
        election.Step(Looking(2, 4, Z.X(5, 5), 1));
        var ready = election.TakeOutputs();

        Assert.Equal(1, election.Proposal.Leader);
        Assert.Single(ready.Of<ProtocolViolation>());
    }

    [Fact]
    public void Peer_should_double_the_notification_interval_up_to_the_maximum_when_nothing_arrives()
    {
        var election = Started(1, 5, Z.X(1, 1));
        var intervals = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            var due = election.DueInMs!.Value;
            intervals.Add(due);
            election.Tick(due);
            var ready = election.TakeOutputs();
            Assert.Equal(new long[] { 2, 3, 4, 5 }, ready.Send.Select(e => e.To));
        }

        Assert.Equal(new long[] { 200, 400, 800, 1600, 3200, 3200, 3200 }, intervals);
        Assert.Equal(Z.Timing.MaxNotificationIntervalMs, election.NotificationIntervalMs);
    }

    [Fact]
    public void Notification_received_should_restart_the_wait_before_resending()
    {
        var election = Started(1, 5, Z.X(1, 1));
        election.Tick(150);
        election.Step(Looking(2, 1, Z.X(1, 1), 1));
        election.TakeOutputs();

        Assert.Equal(Z.Timing.MinNotificationIntervalMs, election.DueInMs);
    }

    [Fact]
    public void Single_voter_should_elect_itself_after_finalize_wait()
    {
        var election = new FastLeaderElection(Z.Maj(1, 1, 2));
        election.Step(new StartElection(Z.X(1, 1), 1));
        election.Tick(Z.Timing.FinalizeWaitMs);

        var decided = Assert.Single(election.TakeOutputs().Of<Decided>());
        Assert.Equal(new Decided(1, ServerState.Leading, new Vote(1, Z.X(1, 1), 1, 1, ServerState.Leading)), decided);
    }

    [Fact]
    public void Observer_should_start_with_no_candidate_and_notify_only_voters()
    {
        var election = new FastLeaderElection(Z.Maj(4, 3, 4));
        election.Step(new StartElection(Z.X(1, 9), 1));
        var ready = election.TakeOutputs();

        Assert.Equal(long.MinValue, election.Proposal.Leader);
        Assert.Equal(new long[] { 1, 2, 3 }, ready.Send.Select(e => e.To));
    }

    [Fact]
    public void Peer_connected_while_looking_should_get_our_current_vote()
    {
        var election = Started(1, 3, Z.X(1, 1));
        election.Step(new PeerConnected(3));

        Assert.Equal(new[] { new Envelope(3, Looking(1, 1, Z.X(1, 1), 1)) }, election.TakeOutputs().Send.ToArray());
    }
}
