namespace ZabActors.Zab;

// Receiving notifications: the part of ZooKeeper's WorkerReceiver that answers other peers, then
// hands votes from voters to the round in progress.
public sealed partial class FastLeaderElection
{
    private void Receive(Notification n)
    {
        if (!started)
        {
            outbox.Violation(n.Sid, "notification before the election started");
            return;
        }
        if (!verifier.IsMember(n.Sid))
        {
            outbox.Violation(n.Sid, "notification from a non-member");
            return;
        }
        if (!verifier.IsVoter(n.Sid) && learnerType == LearnerType.Observer)
        {
            // Observers only talk to voters; answering each other would loop forever.
            outbox.Violation(n.Sid, "notification from an observer to an observer");
            return;
        }
        if (!verifier.IsVoter(n.Sid))
        {
            AnswerObserver(n);
            return;
        }
        if (State != ServerState.Looking)
        {
            if (n.State == ServerState.Looking)
            {
                Reply(n.Sid, CurrentVote!, CurrentVote!.ElectionEpoch);
            }
            return;
        }
        if (n.State == ServerState.Looking && n.ElectionEpoch < LogicalClock && learnerType == LearnerType.Participant)
        {
            // The sender lags a round behind: bring it up to date with our current vote. An observer's
            // vote counts for nothing, and its reply would bounce between it and the voter forever.
            Reply(n.Sid, Proposal, LogicalClock);
        }
        LookForLeader(n, fromSelf: false);
    }

    /// <summary>
    /// Observers never vote; a LOOKING one asks to learn the leader, so answer at once with our vote.
    /// An observer that is not LOOKING asked for nothing: its notification only answers one of ours,
    /// and answering it back would bounce between us for as long as we look, one more bounce for
    /// every replayed or re-sent notification. So a LOOKING observer's notification draws one answer;
    /// a LOOKING observer notifies again only when that answer moves it to a later round or a better
    /// vote (finitely often), and an OBSERVING observer's reply to it draws nothing.
    /// </summary>
    private void AnswerObserver(Notification n)
    {
        if (n.State != ServerState.Looking)
        {
            return;
        }
        var vote = State == ServerState.Looking ? Proposal : CurrentVote!;
        Reply(n.Sid, vote, LogicalClock);
    }

    private void Reply(long to, Vote vote, long electionEpoch) =>
        outbox.Send(to, new Notification(vote.Leader, vote.Zxid, electionEpoch, State, myId, vote.PeerEpoch));

    /// <summary>Notifies every voter of our proposal; our own copy is delivered locally after the current input.</summary>
    private void SendNotifications()
    {
        foreach (var sid in verifier.VotingMembers.Order())
        {
            var notification = new Notification(
                proposedLeader, proposedZxid, LogicalClock, ServerState.Looking, myId, proposedEpoch);
            if (sid == myId)
            {
                selfDelivered.Enqueue(notification);
            }
            else
            {
                outbox.Send(sid, notification);
            }
        }
    }

    private void DeliverToSelf()
    {
        while (selfDelivered.Count > 0)
        {
            var n = selfDelivered.Dequeue();
            if (started && State == ServerState.Looking)
            {
                LookForLeader(n, fromSelf: true);
            }
        }
    }
}
