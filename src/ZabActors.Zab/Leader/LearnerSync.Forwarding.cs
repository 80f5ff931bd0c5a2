namespace ZabActors.Zab;

// Forwarding: proposals and commits after the sync point, acks and requests from the learner.
public sealed partial class LearnerSync
{
    private readonly Queue<(Zxid Zxid, long SentTick)> unacked = new();
    private Zxid lastProposalQueued = new(long.MinValue);
    private Zxid lastCommitQueued = new(long.MinValue);

    private void OnForward(ILearnerSyncInput item)
    {
        switch (phase)
        {
            case Phase.AwaitingSnapshot:
                if (bufferedForSnapshot.Count >= timing.LearnerQueueLimit)
                {
                    End("too many packets queued while the snapshot is taken");
                    return;
                }
                bufferedForSnapshot.Add(item);
                break;
            case Phase.AwaitingNewLeaderAck or Phase.AwaitingUpToDate or Phase.Broadcast:
                Forward(item);
                break;
            default:
                outbox.Violation(leaderId, $"forwarded {item} before the learner registered");
                break;
        }
    }

    private void Forward(ILearnerSyncInput item)
    {
        switch (item)
        {
            case Proposed proposed when Type == LearnerType.Participant && proposed.Txn.Zxid > lastProposalQueued:
                SendProposal(proposed.Txn);
                break;
            case Committed committed when committed.Txn.Zxid > lastCommitQueued:
                SendCommit(committed.Txn);
                break;
        }
    }

    private void SendCommit(Txn txn)
    {
        if (Type == LearnerType.Observer)
        {
            outbox.Send(Sid, new Inform(txn));
        }
        else if (txn.Zxid > lastProposalQueued)
        {
            SendCommittedPair(txn);
            return;
        }
        else
        {
            outbox.Send(Sid, new Commit(txn.Zxid));
        }
        lastCommitQueued = txn.Zxid;
    }

    private void SendCommittedPair(Txn txn)
    {
        outbox.Send(Sid, new Proposal(txn));
        outbox.Send(Sid, new Commit(txn.Zxid));
        lastProposalQueued = txn.Zxid;
        lastCommitQueued = txn.Zxid;
    }

    private void SendProposal(Txn txn)
    {
        if (unacked.Count >= timing.LearnerQueueLimit)
        {
            End("too many proposals unacknowledged");
            return;
        }
        outbox.Send(Sid, new Proposal(txn));
        lastProposalQueued = txn.Zxid;
        unacked.Enqueue((txn.Zxid, ticks));
    }

    private void RestampUnacked()
    {
        var pending = unacked.Select(entry => entry.Zxid).ToList();
        unacked.Clear();
        foreach (var zxid in pending)
        {
            unacked.Enqueue((zxid, ticks));
        }
    }

    private void OnLearnerPacket(QuorumPacket packet)
    {
        switch (packet)
        {
            case Ack ack:
                while (unacked.Count > 0 && unacked.Peek().Zxid <= ack.Zxid)
                {
                    unacked.Dequeue();
                }
                if (!ack.Zxid.IsEpochStart)
                {
                    outbox.Emit(new AckReceived(Sid, ack.Zxid));
                }
                break;
            case Ping:
                break;
            case Request request:
                outbox.Emit(new LearnerRequest(Sid, request.Data));
                break;
            default:
                outbox.Violation(Sid, $"unexpected quorum packet {packet}");
                break;
        }
    }
}
