namespace ZabActors.Zab;

// The learner's log: logging before acknowledging, and applying committed transactions in order.
public sealed partial class LearnerSession
{
    private readonly LinkedList<Txn> unapplied = new();
    private readonly Queue<Zxid> uncommitted = new();
    private readonly Queue<Zxid> pendingAcks = new();
    private bool acksAllowed;

    private void LoadUnapplied(LearnerStart start)
    {
        var previous = start.LastAppliedZxid;
        foreach (var txn in start.UnappliedTxns)
        {
            if (txn.Zxid <= previous || txn.Zxid > start.LastLoggedZxid)
            {
                throw new ArgumentException("unapplied transactions must ascend above the applied zxid up to the logged one", nameof(start));
            }
            unapplied.AddLast(txn);
            uncommitted.Enqueue(txn.Zxid);
            previous = txn.Zxid;
        }
    }

    private void OnBroadcastPacket(QuorumPacket packet)
    {
        switch (packet)
        {
            case Ping ping:
                outbox.Send(leaderId, new Ping(ping.Zxid));
                break;
            case Proposal proposal when type == LearnerType.Participant:
                LogProposal(proposal.Txn);
                break;
            case Commit commit when type == LearnerType.Participant:
                MarkCommitted(commit.Zxid, strict: true);
                break;
            case Inform inform when type == LearnerType.Observer:
                LogInformed(inform.Txn);
                break;
            default:
                outbox.Violation(leaderId, $"unexpected {packet} in broadcast");
                break;
        }
        ApplyCommitted();
    }

    private bool Append(Txn txn)
    {
        if (txn.Zxid <= LastLoggedZxid || txn.Zxid.Epoch > NewEpoch)
        {
            EndWithViolation($"transaction {txn.Zxid} does not follow our last zxid {LastLoggedZxid} in epoch {NewEpoch}");
            return false;
        }
        if (unapplied.Count >= timing.LearnerQueueLimit)
        {
            EndWithViolation("too many transactions logged but not committed");
            return false;
        }
        outbox.Append(txn);
        unapplied.AddLast(txn);
        LastLoggedZxid = txn.Zxid;
        return true;
    }

    private void LogProposal(Txn txn)
    {
        if (!Append(txn))
        {
            return;
        }
        uncommitted.Enqueue(txn.Zxid);
        if (type == LearnerType.Participant)
        {
            pendingAcks.Enqueue(txn.Zxid);
        }
    }

    private void LogInformed(Txn txn)
    {
        if (type != LearnerType.Observer || uncommitted.Count > 0)
        {
            outbox.Violation(leaderId, $"INFORM {txn.Zxid} sent to a follower or ahead of pending proposals");
            return;
        }
        if (Append(txn))
        {
            CommittedZxid = txn.Zxid;
        }
    }

    /// <summary>
    /// Commits must name the oldest uncommitted proposal. During synchronization ZooKeeper only warns
    /// on a mismatch; in broadcast it is fatal for the session.
    /// </summary>
    private void MarkCommitted(Zxid zxid, bool strict)
    {
        if (uncommitted.Count == 0 || uncommitted.Peek() != zxid)
        {
            var next = uncommitted.Count == 0 ? "none" : uncommitted.Peek().ToString();
            var what = $"Committing zxid {zxid} but next pending txn {next}";
            if (strict && uncommitted.Count > 0)
            {
                EndWithViolation(what);
            }
            else
            {
                outbox.Violation(leaderId, what);
            }
            return;
        }
        uncommitted.Dequeue();
        CommittedZxid = zxid;
    }

    private void OnLogDurable(Zxid upTo)
    {
        if (upTo > LastLoggedZxid)
        {
            outbox.Violation(myId, $"log durable up to {upTo}, past the last logged {LastLoggedZxid}");
            upTo = LastLoggedZxid;
        }
        if (upTo <= DurableZxid)
        {
            return;
        }
        DurableZxid = upTo;
        TryAckNewLeader();
        FlushAcks();
        ApplyCommitted();
    }

    /// <summary>Acknowledges proposals in order once they are durable, never before the NEWLEADER ack.</summary>
    private void FlushAcks()
    {
        while (acksAllowed && pendingAcks.Count > 0 && pendingAcks.Peek() <= DurableZxid)
        {
            outbox.Send(leaderId, new Ack(pendingAcks.Dequeue()));
        }
    }

    /// <summary>
    /// Applies committed, durable transactions in zxid order. Nothing is applied before UPTODATE: only
    /// then has a quorum acknowledged NEWLEADER, which commits the history we synchronized.
    /// </summary>
    private void ApplyCommitted()
    {
        if (phase != Phase.Broadcast || snapshotPending.HasValue)
        {
            return;
        }
        while (unapplied.First is { } first && first.Value.Zxid <= CommittedZxid && first.Value.Zxid <= DurableZxid)
        {
            outbox.Apply(first.Value);
            LastAppliedZxid = first.Value.Zxid;
            unapplied.RemoveFirst();
        }
    }
}
