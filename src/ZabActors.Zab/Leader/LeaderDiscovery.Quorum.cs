namespace ZabActors.Zab;

// Synchronization and broadcast: the NEWLEADER quorum and the watch over synced voters.
public sealed partial class LeaderDiscovery
{
    private readonly HashSet<long> newLeaderAcks = [];
    private readonly HashSet<long> awaitingUpToDate = [];

    private void OnNewLeaderAcked(NewLeaderAcked acked)
    {
        if (!live.ContainsKey(acked.Sid))
        {
            return;
        }
        if (phase == Phase.Broadcast)
        {
            outbox.Emit(new SendUpToDate(acked.Sid));
            return;
        }
        if (phase is Phase.AwaitingEpochQuorum or Phase.AwaitingAcceptedEpochDurable or Phase.AwaitingEpochAcks)
        {
            outbox.Violation(acked.Sid, "NEWLEADER ack before synchronization");
            return;
        }
        awaitingUpToDate.Add(acked.Sid);
        if (acked.Zxid != NewLeaderZxid)
        {
            // ZooKeeper logs and does not count it; the learner still gets UPTODATE once we lead.
            outbox.Violation(acked.Sid, $"NEWLEADER ack {acked.Zxid} is from a different epoch");
            return;
        }
        CountNewLeaderAck(acked.Sid);
    }

    private void CountNewLeaderAck(long sid)
    {
        if (verifier.IsVoter(sid))
        {
            newLeaderAcks.Add(sid);
        }
        if (phase != Phase.AwaitingNewLeaderAcks || !newLeaderAcks.Contains(myId) || !verifier.ContainsQuorum(newLeaderAcks))
        {
            return;
        }
        EnterPhase(Phase.Broadcast, restartClock: true);
        SetZabState(ZabState.Broadcast);
        outbox.Emit(new LeaderEstablished(Epoch));
        foreach (var waiting in awaitingUpToDate.Where(live.ContainsKey).Order())
        {
            outbox.Emit(new SendUpToDate(waiting));
        }
        awaitingUpToDate.Clear();
    }

    private void OnSessionEnded(LearnerSessionEnded ended)
    {
        live.Remove(ended.Sid);
        awaitingEpoch.Remove(ended.Sid);
        awaitingSync.Remove(ended.Sid);
        awaitingUpToDate.Remove(ended.Sid);
    }

    private void CheckSyncedQuorum()
    {
        var synced = live.Where(pair => pair.Value == LearnerType.Participant && verifier.IsVoter(pair.Key))
            .Select(pair => pair.Key)
            .Append(myId)
            .Order()
            .ToList();
        if (!verifier.ContainsQuorum(synced))
        {
            End($"Not sufficient followers synced, only synced with sids: [ {string.Join(",", synced)} ]");
        }
    }
}
