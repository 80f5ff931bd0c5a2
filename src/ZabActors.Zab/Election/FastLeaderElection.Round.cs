namespace ZabActors.Zab;

// The election round itself: ZooKeeper's lookForLeader loop, one notification at a time.
public sealed partial class FastLeaderElection
{
    private readonly Dictionary<long, Vote> recvset = [];
    private readonly Dictionary<long, Vote> outOfElection = [];
    private readonly Queue<Notification> selfDelivered = new();

    private long proposedLeader;
    private Zxid proposedZxid;
    private long proposedEpoch;
    private Zxid initZxid = Zxid.None;
    private long initPeerEpoch = long.MinValue;

    private void LookForLeader(Notification n, bool fromSelf)
    {
        if (finalizeDeadlineMs.HasValue)
        {
            if (!VoteOrder.TotalOrderPredicate(verifier, n.ToVote(), Proposal))
            {
                // While finalizing, ZooKeeper drops votes that do not beat ours and waits afresh.
                finalizeDeadlineMs = nowMs + timing.FinalizeWaitMs;
                return;
            }
            finalizeDeadlineMs = null;
        }
        if (!fromSelf)
        {
            notificationDeadlineMs = nowMs + NotificationIntervalMs;
        }
        if (!verifier.IsVoter(n.Leader))
        {
            outbox.Violation(n.Sid, $"vote for non-voter {n.Leader}");
            return;
        }
        switch (n.State)
        {
            case ServerState.Looking:
                OnLookingVote(n);
                break;
            case ServerState.Following:
            case ServerState.Leading:
                OnEstablishedVote(n);
                break;
            default:
                break;
        }
    }

    private void OnLookingVote(Notification n)
    {
        var vote = n.ToVote();
        if (n.ElectionEpoch > LogicalClock)
        {
            // A later round is under way: join it, forgetting the votes of ours.
            LogicalClock = n.ElectionEpoch;
            recvset.Clear();
            var initial = InitialVote();
            UpdateProposal(VoteOrder.TotalOrderPredicate(verifier, vote, initial) ? vote : initial);
            SendNotifications();
        }
        else if (n.ElectionEpoch < LogicalClock)
        {
            return;
        }
        else if (VoteOrder.TotalOrderPredicate(verifier, vote, Proposal))
        {
            UpdateProposal(vote);
            SendNotifications();
        }
        recvset[n.Sid] = vote;
        if (HasQuorum(recvset, Proposal))
        {
            finalizeDeadlineMs = nowMs + timing.FinalizeWaitMs;
        }
    }

    /// <summary>
    /// A vote from a peer that already follows or leads. Votes of our round count with the others of
    /// the round; any such vote also goes to outofelection, so a late joiner finds an established
    /// leader without a new round, provided that leader confirms it is leading (checkLeader).
    /// </summary>
    private void OnEstablishedVote(Notification n)
    {
        var vote = n.ToVote();
        if (n.ElectionEpoch == LogicalClock)
        {
            recvset[n.Sid] = vote;
            if (HasQuorum(recvset, vote) && CheckLeader(recvset, n.Leader, n.ElectionEpoch))
            {
                Decide(n.Leader, new Vote(n.Leader, n.Zxid, n.ElectionEpoch, n.PeerEpoch));
                return;
            }
        }
        outOfElection[n.Sid] = vote;
        if (HasQuorum(outOfElection, vote) && CheckLeader(outOfElection, n.Leader, n.ElectionEpoch))
        {
            LogicalClock = n.ElectionEpoch;
            Decide(n.Leader, new Vote(n.Leader, n.Zxid, n.ElectionEpoch, n.PeerEpoch));
        }
    }

    private bool HasQuorum(Dictionary<long, Vote> votes, Vote target) =>
        verifier.ContainsQuorum(votes.Where(pair => pair.Value.Agrees(target)).Select(pair => pair.Key));

    /// <summary>
    /// Guards against electing a crashed leader over and over: another peer must have heard the
    /// leader say it is LEADING; if we are the leader, the votes must be of our own round.
    /// </summary>
    private bool CheckLeader(Dictionary<long, Vote> votes, long leader, long electionEpoch)
    {
        if (leader != myId)
        {
            return votes.TryGetValue(leader, out var vote) && vote.State == ServerState.Leading;
        }
        return LogicalClock == electionEpoch;
    }

    private void UpdateProposal(Vote vote)
    {
        proposedLeader = vote.Leader;
        proposedZxid = vote.Zxid;
        proposedEpoch = vote.PeerEpoch;
    }

    private void Decide(long leader, Vote vote)
    {
        State = leader == myId
            ? ServerState.Leading
            : learnerType == LearnerType.Participant ? ServerState.Following : ServerState.Observing;
        CurrentVote = vote with { State = State };
        finalizeDeadlineMs = null;
        recvset.Clear();
        outOfElection.Clear();
        selfDelivered.Clear();
        outbox.Emit(new Decided(leader, State, CurrentVote));
    }
}
