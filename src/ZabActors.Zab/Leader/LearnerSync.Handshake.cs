namespace ZabActors.Zab;

// The handshake: learner info, the epoch, and the learner's acknowledgement of it.
public sealed partial class LearnerSync
{
    private void OnPacket(QuorumPacket packet)
    {
        if (!packet.IsWellFormed)
        {
            outbox.Violation(Sid, $"malformed {packet.GetType().Name}");
            return;
        }
        silentTicks = 0;
        switch (phase)
        {
            case Phase.AwaitingLearnerInfo:
                OnLearnerInfo(packet);
                break;
            case Phase.AwaitingAckEpoch when packet is AckEpoch ackEpoch:
                PeerLastZxid = ackEpoch.LastLoggedZxid;
                EnterPhase(Phase.AwaitingSyncStart);
                outbox.Emit(new EpochAcked(Sid, ackEpoch.CurrentEpoch, ackEpoch.LastLoggedZxid));
                break;
            case Phase.AwaitingAckEpoch:
                EndWithViolation(Sid, $"{packet} is not ACKEPOCH");
                break;
            case Phase.AwaitingNewLeaderAck when packet is Ack ack:
                OnNewLeaderAck(ack);
                break;
            case Phase.AwaitingNewLeaderAck:
                EndWithViolation(Sid, $"Next packet was supposed to be an ACK, but received {packet}");
                break;
            case Phase.AwaitingUpToDate or Phase.Broadcast:
                OnLearnerPacket(packet);
                break;
            default:
                EndWithViolation(Sid, $"unexpected {packet} while {phase}");
                break;
        }
    }

    private void OnLearnerInfo(QuorumPacket packet)
    {
        switch (packet)
        {
            case FollowerInfo info:
                Register(info.Sid, LearnerType.Participant, info.AcceptedEpoch, info.ProtocolVersion);
                break;
            case ObserverInfo info:
                Register(info.Sid, LearnerType.Observer, info.AcceptedEpoch, info.ProtocolVersion);
                break;
            default:
                EndWithViolation(Sid, $"First packet {packet} is not FOLLOWERINFO or OBSERVERINFO");
                break;
        }
    }

    private void Register(long sid, LearnerType type, long acceptedEpoch, int protocolVersion)
    {
        var refusal =
            sid == leaderId ? "learner claims the leader's id"
            : type == LearnerType.Participant && !verifier.IsVoter(sid) ? "FOLLOWERINFO from a server that is not a voter"
            : type == LearnerType.Observer && !verifier.IsObserver(sid) ? "OBSERVERINFO from a server that is not an observer"
            : protocolVersion < ZabProtocol.Version ? $"protocol version 0x{protocolVersion:x} is older than Zab 1.0"
            : null;
        if (refusal is not null)
        {
            EndWithViolation(sid, refusal);
            return;
        }
        Sid = sid;
        Type = type;
        EnterPhase(Phase.AwaitingEpoch);
        outbox.Emit(new LearnerInfoReceived(sid, type, acceptedEpoch));
    }

    private void OnEpochProposal(EpochProposal proposal)
    {
        if (phase != Phase.AwaitingEpoch)
        {
            outbox.Violation(leaderId, $"epoch proposal while {phase}");
            return;
        }
        Epoch = proposal.Epoch;
        EnterPhase(Phase.AwaitingAckEpoch);
        outbox.Send(Sid, new LeaderInfo(Epoch));
    }

    private void OnStartSync()
    {
        if (phase != Phase.AwaitingSyncStart)
        {
            outbox.Violation(leaderId, $"start sync while {phase}");
            return;
        }
        EnterPhase(Phase.AwaitingHistory);
        outbox.Emit(new HistoryRequest(Sid, Type));
    }
}
