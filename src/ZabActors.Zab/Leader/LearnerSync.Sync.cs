namespace ZabActors.Zab;

// Synchronization: the DIFF/TRUNC/SNAP packets, NEWLEADER and its acknowledgement.
public sealed partial class LearnerSync
{
    private readonly List<ILearnerSyncInput> bufferedForSnapshot = [];
    private LearnerHistory? pendingHistory;
    private bool newLeaderSent;

    private void OnHistory(LearnerHistory history)
    {
        if (phase != Phase.AwaitingHistory)
        {
            outbox.Violation(leaderId, $"history while {phase}");
            return;
        }
        var plan = SyncPlanner.Plan(PeerLastZxid, history.CommittedLog, history.LastProcessedZxid, history.CommittedLogStartsAfter);
        SyncKind = plan.Kind;
        if (plan.Kind == ZabActors.Zab.SyncKind.Snap)
        {
            pendingHistory = history;
            EnterPhase(Phase.AwaitingSnapshot);
            outbox.Emit(new SnapshotRequest(Sid));
            return;
        }
        foreach (var packet in plan.Packets)
        {
            SendSyncPacket(packet);
        }
        lastCommitQueued = Zxid.Max(lastCommitQueued, plan.CurrentZxid);
        lastProposalQueued = Zxid.Max(lastProposalQueued, plan.CurrentZxid);
        SendOutstanding(history);
        SendNewLeader();
    }

    private void OnSnapshot(Snapshot snapshot)
    {
        if (phase != Phase.AwaitingSnapshot)
        {
            outbox.Violation(leaderId, $"snapshot while {phase}");
            return;
        }
        var history = pendingHistory!;
        if (snapshot.Zxid < history.CommittedLogStartsAfter)
        {
            // Transactions between the snapshot and the committed log would be missing. A snapshot at
            // the zxid the log starts after bridges: nothing lies between the two.
            End($"snapshot {snapshot.Zxid} is older than the committed log, which starts after {history.CommittedLogStartsAfter}");
            return;
        }
        outbox.Send(Sid, new Snap(snapshot));
        lastCommitQueued = snapshot.Zxid;
        lastProposalQueued = snapshot.Zxid;
        foreach (var txn in history.CommittedLog.Where(txn => txn.Zxid > snapshot.Zxid))
        {
            SendCommittedPair(txn);
        }
        SendOutstanding(history);
        foreach (var buffered in bufferedForSnapshot)
        {
            Forward(buffered);
        }
        bufferedForSnapshot.Clear();
        pendingHistory = null;
        SendNewLeader();
    }

    /// <summary>Proposals not yet committed go to followers only, after the sync point (startForwarding).</summary>
    private void SendOutstanding(LearnerHistory history)
    {
        if (Type != LearnerType.Participant)
        {
            return;
        }
        foreach (var txn in history.Outstanding.Where(txn => txn.Zxid > lastProposalQueued))
        {
            SendProposal(txn);
        }
    }

    private void SendSyncPacket(QuorumPacket packet)
    {
        switch (packet)
        {
            case Proposal proposal:
                lastProposalQueued = proposal.Txn.Zxid;
                break;
            case Commit commit:
                lastCommitQueued = commit.Zxid;
                break;
        }
        outbox.Send(Sid, packet);
    }

    private void SendNewLeader()
    {
        newLeaderSent = true;
        EnterPhase(Phase.AwaitingNewLeaderAck);
        outbox.Send(Sid, new NewLeader(Zxid.Make(Epoch, 0)));
    }

    private void OnNewLeaderAck(Ack ack)
    {
        EnterPhase(Phase.AwaitingUpToDate);
        // The learner could not acknowledge proposals before NEWLEADER; their sync-limit clock starts now.
        RestampUnacked();
        outbox.Emit(new NewLeaderAcked(Sid, ack.Zxid));
    }

    private void OnSendUpToDate()
    {
        if (phase != Phase.AwaitingUpToDate)
        {
            outbox.Violation(leaderId, $"UPTODATE permission while {phase}");
            return;
        }
        EnterPhase(Phase.Broadcast);
        outbox.Send(Sid, UpToDate.Instance);
    }
}
