namespace ZabActors.Zab.Tests;

/// <summary>
/// No two peers answer each other forever, whatever their states and rounds, even when the network
/// replays every notification: two machines in a given state exchange what they would send each
/// other, every message delivered twice, until they fall silent. Ensemble: voters 1–3, observers 4–5.
/// </summary>
public class NotificationExchangeTests
{
    // Every message is delivered twice, so a reply chain d answers deep costs up to 2 + 4 + ... + 2^(d+1)
    // deliveries per seed. With an observer, chains are at most two deep: a LOOKING observer's
    // notification, the voter's answer, an OBSERVING observer's reply to that.
    private const int ObserverDeliveriesPerSeedMax = 2 + 4 + 8;

    // Between voters, three: the answer to a lagging round, the lagging voter's notification of the
    // round it joins, and the other's notification of the better vote that carried.
    private const int VoterDeliveriesPerSeedMax = 2 + 4 + 8 + 16;

    // Far above any bounded exchange; reaching it means the two peers answer each other forever.
    private const int StormDeliveries = 5_000;

    private static readonly long[] Rounds = [1, 3];

    public static TheoryData<long, ServerState, long, long, ServerState, long> VoterObserverPairs() =>
        Pairs(Voter(1), Observer(4));

    public static TheoryData<long, ServerState, long, long, ServerState, long> VoterVoterPairs() =>
        Pairs(Voter(1), Voter(2));

    public static TheoryData<long, ServerState, long, long, ServerState, long> ObserverObserverPairs() =>
        Pairs(Observer(4), Observer(5));

    [Theory]
    [MemberData(nameof(VoterObserverPairs))]
    public void Voter_and_observer_should_fall_silent_after_a_replayed_notification(
        long a, ServerState aState, long aRound, long b, ServerState bState, long bRound) =>
        AssertExchangesEnd(Build(a, aState, aRound), Build(b, bState, bRound), ObserverDeliveriesPerSeedMax);

    [Theory]
    [MemberData(nameof(VoterVoterPairs))]
    public void Two_voters_should_fall_silent_after_a_replayed_notification(
        long a, ServerState aState, long aRound, long b, ServerState bState, long bRound) =>
        AssertExchangesEnd(Build(a, aState, aRound), Build(b, bState, bRound), VoterDeliveriesPerSeedMax);

    [Theory]
    [MemberData(nameof(ObserverObserverPairs))]
    public void Observer_should_never_answer_an_observer(
        long a, ServerState aState, long aRound, long b, ServerState bState, long bRound)
    {
        var (first, second) = (Build(a, aState, aRound), Build(b, bState, bRound));
        foreach (var seed in Seeds(first, second.Sid))
        {
            second.Election.Step(seed);
            var ready = second.Election.TakeOutputs();
            Assert.Empty(ready.Send);
            Assert.Single(ready.Of<ProtocolViolation>());
        }
    }

    [Fact]
    public void Voter_should_not_answer_an_observer_that_is_observing()
    {
        var voter = Build(1, ServerState.Looking, 1);
        var observer = Build(4, ServerState.Observing, 1);

        voter.Election.Step(StateNotification(observer));

        Assert.True(voter.Election.TakeOutputs().IsEmpty);
    }

    [Theory]
    [InlineData(ServerState.Looking)]
    [InlineData(ServerState.Following)]
    [InlineData(ServerState.Leading)]
    public void Voter_should_answer_a_looking_observer_once_with_its_vote(ServerState voterState)
    {
        var voter = Build(voterState == ServerState.Following ? 2 : 1, voterState, 1);
        var observer = Build(4, ServerState.Looking, 1);

        voter.Election.Step(StateNotification(observer));
        var reply = (Notification)Assert.Single(voter.Election.TakeOutputs().Send, e => e.To == 4).Message;

        var expected = voterState == ServerState.Looking ? voter.Election.Proposal : voter.Election.CurrentVote!;
        Assert.Equal((expected.Leader, expected.Zxid, voterState), (reply.Leader, reply.Zxid, reply.State));
    }

    /// <summary>Every seed either side could send, replayed, must end in silence within the bound.</summary>
    private static void AssertExchangesEnd(Peer first, Peer second, int deliveriesPerSeedMax)
    {
        var seeds = Seeds(first, second.Sid).Select(n => (To: second, Message: n))
            .Concat(Seeds(second, first.Sid).Select(n => (To: first, Message: n)))
            .ToList();
        Assert.NotEmpty(seeds);
        foreach (var (to, message) in seeds)
        {
            Assert.InRange(Exchange(first, second, to, message), 2, deliveriesPerSeedMax);
        }
    }

    /// <summary>Delivers <paramref name="seed"/> twice, then every answer between the two peers twice, until silence.</summary>
    private static int Exchange(Peer first, Peer second, Peer to, Notification seed)
    {
        var inflight = new Queue<(Peer To, Notification Message)>();
        inflight.Enqueue((to, seed));
        inflight.Enqueue((to, seed));
        var deliveries = 0;
        while (inflight.TryDequeue(out var item))
        {
            deliveries++;
            Assert.True(deliveries < StormDeliveries, $"{first} and {second} keep answering each other after {seed}");
            item.To.Election.Step(item.Message);
            var other = item.To == first ? second : first;
            foreach (var envelope in item.To.Election.TakeOutputs().Send.Where(e => e.To == other.Sid))
            {
                inflight.Enqueue((other, (Notification)envelope.Message));
                inflight.Enqueue((other, (Notification)envelope.Message));
            }
        }
        return deliveries;
    }

    /// <summary>What <paramref name="from"/> would send <paramref name="to"/>: what it sent while getting into its state, its vote on a new connection, and its state as it stands.</summary>
    private static IEnumerable<Notification> Seeds(Peer from, long to)
    {
        var seeds = from.Sent.Where(e => e.To == to).Select(e => (Notification)e.Message).ToList();
        from.Election.Step(new PeerConnected(to));
        seeds.AddRange(from.Election.TakeOutputs().Send.Where(e => e.To == to).Select(e => (Notification)e.Message));
        seeds.Add(StateNotification(from));
        return seeds.Distinct();
    }

    private static Notification StateNotification(Peer peer)
    {
        var election = peer.Election;
        var vote = election.State == ServerState.Looking ? election.Proposal : election.CurrentVote!;
        return new Notification(vote.Leader, vote.Zxid, vote.ElectionEpoch, election.State, peer.Sid, vote.PeerEpoch);
    }

    private static IEnumerable<(long Sid, ServerState State, long Round)> Voter(long sid) =>
        from state in new[] { ServerState.Looking, ServerState.Following, ServerState.Leading }
        from round in Rounds
        select (sid, state, round);

    private static IEnumerable<(long Sid, ServerState State, long Round)> Observer(long sid) =>
        from state in new[] { ServerState.Looking, ServerState.Observing }
        from round in Rounds
        select (sid, state, round);

    private static TheoryData<long, ServerState, long, long, ServerState, long> Pairs(
        IEnumerable<(long Sid, ServerState State, long Round)> left, IEnumerable<(long Sid, ServerState State, long Round)> right)
    {
        var data = new TheoryData<long, ServerState, long, long, ServerState, long>();
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                data.Add(a.Sid, a.State, a.Round, b.Sid, b.State, b.Round);
            }
        }
        return data;
    }

    /// <summary>
    /// Server <paramref name="sid"/> in <paramref name="state"/> after <paramref name="round"/> elections.
    /// Voter 3 holds the highest zxid, so it is the leader the others follow or observe.
    /// </summary>
    private static Peer Build(long sid, ServerState state, long round)
    {
        var election = new FastLeaderElection(Z.Maj(sid, 3, 4, 5));
        var sent = new List<Envelope>();
        void Step(IElectionInput input)
        {
            election.Step(input);
            sent.AddRange(election.TakeOutputs().Send);
        }
        for (var i = 0; i < round; i++)
        {
            Step(new StartElection(Z.X(1, sid), 1));
        }
        var other = sid == 1 ? 2 : 1;
        switch (state)
        {
            case ServerState.Looking:
                break;
            case ServerState.Leading:
                Step(new Notification(sid, Z.X(1, sid), round, ServerState.Looking, other, 1));
                break;
            case ServerState.Following:
                Assert.NotEqual(3, sid);
                Step(new Notification(3, Z.X(1, 9), round, ServerState.Looking, 3, 1));
                break;
            case ServerState.Observing:
                Step(new Notification(3, Z.X(1, 9), round, ServerState.Leading, 3, 1));
                Step(new Notification(3, Z.X(1, 9), round, ServerState.Following, other, 1));
                break;
        }
        election.Tick(Z.Timing.FinalizeWaitMs);
        sent.AddRange(election.TakeOutputs().Send);
        Assert.Equal(state, election.State);
        Assert.Equal(round, election.LogicalClock);
        return new Peer(sid, election, sent);
    }

    private sealed record Peer(long Sid, FastLeaderElection Election, List<Envelope> Sent)
    {
        public override string ToString() => $"server {Sid} ({Election.State}, round {Election.LogicalClock})";
    }
}
