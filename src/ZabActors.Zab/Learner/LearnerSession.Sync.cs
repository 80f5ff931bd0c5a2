namespace ZabActors.Zab;

// Synchronization: DIFF/TRUNC/SNAP, the transactions that follow, NEWLEADER and UPTODATE.
public sealed partial class LearnerSession
{
    private Zxid? snapshotPending;
    private Zxid newLeaderRequiresDurable;
    private bool currentEpochRequested;

    private void OnSyncMode(QuorumPacket packet)
    {
        switch (packet)
        {
            case Diff:
                // Our whole log is part of the leader's history; it is committed once the leader is established.
                SyncKind = ZabActors.Zab.SyncKind.Diff;
                CommittedZxid = LastLoggedZxid;
                break;
            case Trunc trunc:
                if (!Truncate(trunc.TruncateAfter))
                {
                    return;
                }
                break;
            case Snap snap:
                InstallSnapshot(snap.Snapshot);
                break;
            default:
                EndWithViolation($"Got unexpected packet {packet} from leader, expected DIFF, TRUNC or SNAP");
                return;
        }
        uncommitted.Clear();
        phase = Phase.Syncing;
    }

    /// <summary>ZOOKEEPER-1156: the log keeps <paramref name="after"/> itself; only later transactions go.</summary>
    private bool Truncate(Zxid after)
    {
        if (after > LastLoggedZxid)
        {
            EndWithViolation($"TRUNC to {after} is past our last zxid {LastLoggedZxid}");
            return false;
        }
        if (after < LastAppliedZxid)
        {
            EndWithViolation($"TRUNC to {after} would undo applied transaction {LastAppliedZxid}");
            return false;
        }
        SyncKind = ZabActors.Zab.SyncKind.Trunc;
        outbox.Store(new TruncateLog(after));
        while (unapplied.Last is { } last && last.Value.Zxid > after)
        {
            unapplied.RemoveLast();
        }
        LastLoggedZxid = after;
        DurableZxid = Zxid.Min(DurableZxid, after);
        CommittedZxid = after;
        return true;
    }

    private void InstallSnapshot(Snapshot snapshot)
    {
        SyncKind = ZabActors.Zab.SyncKind.Snap;
        outbox.Store(new InstallSnapshot(snapshot));
        unapplied.Clear();
        snapshotPending = snapshot.Zxid;
        LastLoggedZxid = DurableZxid = CommittedZxid = LastAppliedZxid = snapshot.Zxid;
    }

    private void OnSyncPacket(QuorumPacket packet)
    {
        switch (packet)
        {
            case Proposal proposal:
                LogProposal(proposal.Txn);
                break;
            case Commit commit:
                MarkCommitted(commit.Zxid, strict: false);
                break;
            case Inform inform:
                LogInformed(inform.Txn);
                break;
            case NewLeader newLeader when phase == Phase.Syncing:
                OnNewLeader(newLeader);
                break;
            case UpToDate when phase == Phase.AwaitingUpToDate:
                OnUpToDate();
                break;
            case NewLeader or UpToDate:
                EndWithViolation($"{packet} out of order while {phase}");
                break;
            case Ping:
                break;
            default:
                outbox.Violation(leaderId, $"unexpected {packet} during synchronization");
                break;
        }
    }

    private void OnNewLeader(NewLeader newLeader)
    {
        if (newLeader.Zxid != Zxid.Make(NewEpoch, 0))
        {
            outbox.Violation(leaderId, $"NEWLEADER {newLeader.Zxid} does not match epoch {NewEpoch}");
        }
        phase = Phase.AwaitingNewLeaderDurable;
        newLeaderRequiresDurable = LastLoggedZxid;
        TryAckNewLeader();
    }

    /// <summary>
    /// NEWLEADER is acknowledged only after every transaction received before it and the snapshot are
    /// durable, and then the new current epoch too: a crash can never leave a current epoch that
    /// claims a history the log does not hold (ZOOKEEPER-4643).
    /// </summary>
    private void TryAckNewLeader()
    {
        if (phase != Phase.AwaitingNewLeaderDurable || currentEpochRequested
            || DurableZxid < newLeaderRequiresDurable || snapshotPending.HasValue)
        {
            return;
        }
        currentEpochRequested = true;
        if (CurrentEpoch == NewEpoch)
        {
            SendNewLeaderAck();
            return;
        }
        outbox.Store(new SaveEpochs(null, NewEpoch));
    }

    private void SendNewLeaderAck()
    {
        phase = Phase.AwaitingUpToDate;
        outbox.Send(leaderId, new Ack(Zxid.Make(NewEpoch, 0)));
        acksAllowed = type == LearnerType.Participant;
        FlushAcks();
    }

    private void OnUpToDate()
    {
        phase = Phase.Broadcast;
        SetZabState(ZabState.Broadcast);
        outbox.Send(leaderId, new Ack(Zxid.Make(NewEpoch, 0)));
        outbox.Emit(new LearnerUpToDate(NewEpoch));
        ApplyCommitted();
    }

    private void OnSnapshotDurable(Zxid zxid)
    {
        if (snapshotPending != zxid)
        {
            outbox.Violation(myId, $"unexpected snapshot durable {zxid}");
            return;
        }
        snapshotPending = null;
        TryAckNewLeader();
        ApplyCommitted();
    }
}
