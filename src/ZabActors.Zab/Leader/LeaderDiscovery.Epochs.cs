namespace ZabActors.Zab;

// Discovery: choosing the new epoch and collecting the acknowledgements of it.
public sealed partial class LeaderDiscovery
{
    private readonly Dictionary<long, LearnerType> live = [];
    private readonly HashSet<long> connecting = [];
    private readonly HashSet<long> electing = [];
    private readonly HashSet<long> awaitingEpoch = [];
    private readonly HashSet<long> awaitingSync = [];

    private void OnStart()
    {
        EnterPhase(Phase.AwaitingEpochQuorum, restartClock: true);
        SetZabState(ZabState.Discovery);
        ProposeEpochFor(myId, start.AcceptedEpoch);
    }

    private void OnLearnerInfo(LearnerInfoReceived info)
    {
        live[info.Sid] = info.Type;
        switch (phase)
        {
            case Phase.AwaitingEpochQuorum:
                awaitingEpoch.Add(info.Sid);
                ProposeEpochFor(info.Sid, info.AcceptedEpoch);
                break;
            case Phase.AwaitingAcceptedEpochDurable:
                awaitingEpoch.Add(info.Sid);
                break;
            default:
                // The epoch is already decided; late learners get it at once, as in ZooKeeper.
                outbox.Emit(new EpochProposal(info.Sid, Epoch));
                break;
        }
    }

    /// <summary>
    /// ZooKeeper's getEpochToPropose: the epoch is one more than the largest accepted epoch seen, and
    /// it is fixed only once the leader and a quorum of voters have connected.
    /// </summary>
    private void ProposeEpochFor(long sid, long acceptedEpoch)
    {
        if (acceptedEpoch >= Epoch)
        {
            Epoch = acceptedEpoch + 1;
        }
        if (Epoch > Zxid.EpochMax)
        {
            End("epoch space exhausted");
            return;
        }
        if (verifier.IsVoter(sid))
        {
            connecting.Add(sid);
        }
        if (connecting.Contains(myId) && verifier.ContainsQuorum(connecting))
        {
            EnterPhase(Phase.AwaitingAcceptedEpochDurable, restartClock: false);
            outbox.Store(new SaveEpochs(Epoch, null));
        }
    }

    private void OnEpochsDurable(EpochsDurable durable)
    {
        if (phase == Phase.AwaitingAcceptedEpochDurable && durable.AcceptedEpoch == Epoch)
        {
            EnterPhase(Phase.AwaitingEpochAcks, restartClock: true);
            foreach (var sid in awaitingEpoch.Where(live.ContainsKey).Order())
            {
                outbox.Emit(new EpochProposal(sid, Epoch));
            }
            awaitingEpoch.Clear();
            AcceptEpochAck(myId, start.CurrentEpoch, start.LastZxid);
        }
        else if (phase == Phase.AwaitingCurrentEpochDurable && durable.CurrentEpoch == Epoch)
        {
            EnterPhase(Phase.AwaitingNewLeaderAcks, restartClock: true);
            SetZabState(ZabState.Synchronization);
            CountNewLeaderAck(myId);
        }
        else
        {
            outbox.Violation(myId, $"unexpected epochs durable {durable}");
        }
    }

    private void OnEpochAcked(EpochAcked acked)
    {
        if (!live.ContainsKey(acked.Sid))
        {
            return;
        }
        if (phase is Phase.AwaitingEpochQuorum or Phase.AwaitingAcceptedEpochDurable)
        {
            outbox.Violation(acked.Sid, "ACKEPOCH before the epoch was proposed");
            return;
        }
        AcceptEpochAck(acked.Sid, acked.CurrentEpoch, acked.LastLoggedZxid);
    }

    /// <summary>
    /// ZooKeeper's waitForEpochAck. Once a quorum has acknowledged, later learners proceed at once; before
    /// that a learner whose state is more recent than the leader's is refused, and only voters that
    /// really acknowledged a new epoch (current epoch not -1) are counted.
    /// </summary>
    private void AcceptEpochAck(long sid, long currentEpoch, Zxid lastZxid)
    {
        if (phase is Phase.AwaitingCurrentEpochDurable or Phase.AwaitingNewLeaderAcks or Phase.Broadcast)
        {
            outbox.Emit(new StartSync(sid));
            return;
        }
        if (currentEpoch != -1)
        {
            if (IsMoreRecentThanLeader(currentEpoch, lastZxid))
            {
                outbox.Emit(new EndLearnerSession(sid, "Follower is ahead of the leader"));
                return;
            }
            if (lastZxid.Value != -1 && verifier.IsVoter(sid))
            {
                electing.Add(sid);
            }
        }
        if (sid != myId)
        {
            awaitingSync.Add(sid);
        }
        if (electing.Contains(myId) && verifier.ContainsQuorum(electing))
        {
            EnterPhase(Phase.AwaitingCurrentEpochDurable, restartClock: false);
            foreach (var waiting in awaitingSync.Where(live.ContainsKey).Order())
            {
                outbox.Emit(new StartSync(waiting));
            }
            awaitingSync.Clear();
            outbox.Store(new SaveEpochs(null, Epoch));
        }
    }

    private bool IsMoreRecentThanLeader(long currentEpoch, Zxid lastZxid) =>
        currentEpoch > start.CurrentEpoch || (currentEpoch == start.CurrentEpoch && lastZxid > start.LastZxid);
}
