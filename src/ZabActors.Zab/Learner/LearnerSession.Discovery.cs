namespace ZabActors.Zab;

// Discovery: registering with the leader and accepting its epoch.
public sealed partial class LearnerSession
{
    private long currentEpochToReport;

    private void OnPacket(QuorumPacket packet)
    {
        if (!packet.IsWellFormed)
        {
            outbox.Violation(leaderId, $"malformed {packet.GetType().Name}");
            return;
        }
        silentTicks = 0;
        switch (phase)
        {
            case Phase.AwaitingLeaderInfo:
                OnLeaderInfo(packet);
                break;
            case Phase.AwaitingSyncMode:
                OnSyncMode(packet);
                break;
            case Phase.Syncing or Phase.AwaitingNewLeaderDurable or Phase.AwaitingUpToDate:
                OnSyncPacket(packet);
                break;
            case Phase.Broadcast:
                OnBroadcastPacket(packet);
                break;
            default:
                EndWithViolation($"unexpected {packet} while {phase}");
                break;
        }
    }

    private void OnLeaderInfo(QuorumPacket packet)
    {
        if (packet is not LeaderInfo info)
        {
            EndWithViolation($"First packet {packet} should have been LEADERINFO");
            return;
        }
        if (info.ProtocolVersion < ZabProtocol.Version)
        {
            EndWithViolation($"leader speaks protocol 0x{info.ProtocolVersion:x}, older than Zab 1.0");
            return;
        }
        if (info.NewEpoch is < 0 or > Zxid.EpochMax)
        {
            EndWithViolation($"LEADERINFO epoch {info.NewEpoch} is out of range");
            return;
        }
        if (info.NewEpoch < AcceptedEpoch)
        {
            EndWithViolation($"Leaders epoch, {info.NewEpoch} is less than accepted epoch, {AcceptedEpoch}");
            return;
        }
        NewEpoch = info.NewEpoch;
        if (info.NewEpoch == AcceptedEpoch)
        {
            // We acknowledged this epoch before and must not be counted twice: report -1 (Zab 1.0).
            SendAckEpoch(-1);
            return;
        }
        AcceptedEpoch = info.NewEpoch;
        currentEpochToReport = CurrentEpoch;
        phase = Phase.AwaitingAcceptedEpochDurable;
        outbox.Store(new SaveEpochs(AcceptedEpoch, null));
    }

    private void SendAckEpoch(long currentEpoch)
    {
        phase = Phase.AwaitingSyncMode;
        SetZabState(ZabState.Synchronization);
        outbox.Send(leaderId, new AckEpoch(currentEpoch, LastLoggedZxid));
    }

    private void OnEpochsDurable(EpochsDurable durable)
    {
        if (phase == Phase.AwaitingAcceptedEpochDurable && durable.AcceptedEpoch == AcceptedEpoch)
        {
            SendAckEpoch(currentEpochToReport);
        }
        else if (phase == Phase.AwaitingNewLeaderDurable && currentEpochRequested && durable.CurrentEpoch == NewEpoch)
        {
            CurrentEpoch = NewEpoch;
            SendNewLeaderAck();
        }
        else
        {
            outbox.Violation(myId, $"unexpected epochs durable {durable}");
        }
    }
}
