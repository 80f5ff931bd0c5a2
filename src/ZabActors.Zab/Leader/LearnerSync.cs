namespace ZabActors.Zab;

/// <summary>
/// The leader's conversation with one learner (wrapped by a LearnerHandlerActor), as ZooKeeper's
/// <c>LearnerHandler</c>: it reads FOLLOWERINFO/OBSERVERINFO, sends LEADERINFO once the epoch is
/// decided, reads ACKEPOCH, chooses DIFF/TRUNC/SNAP against the leader's history (<see cref="SyncPlanner"/>),
/// sends NEWLEADER after every sync packet (after the whole snapshot, ZOOKEEPER-3104), waits for the
/// NEWLEADER ack, sends UPTODATE once the leader is established, and then forwards proposals and
/// commits (INFORM to observers) in zxid order while it relays ACKs and REQUESTs. A learner that stays
/// silent too long, or leaves a proposal unacknowledged past the sync limit, loses its session.
/// </summary>
public sealed partial class LearnerSync
{
    private enum Phase
    {
        AwaitingLearnerInfo,
        AwaitingEpoch,
        AwaitingAckEpoch,
        AwaitingSyncStart,
        AwaitingHistory,
        AwaitingSnapshot,
        AwaitingNewLeaderAck,
        AwaitingUpToDate,
        Broadcast,
        Ended,
    }

    private readonly long leaderId;
    private readonly IQuorumVerifier verifier;
    private readonly ZabTiming timing;
    private readonly Outbox outbox = new();

    private Phase phase = Phase.AwaitingLearnerInfo;
    private int silentTicks;
    private long ticks;

    public LearnerSync(PeerConfig leaderConfig)
    {
        leaderId = leaderConfig.MyId;
        verifier = leaderConfig.Verifier;
        timing = leaderConfig.Timing;
    }

    /// <summary>The learner's server id; -1 until its FOLLOWERINFO or OBSERVERINFO arrived.</summary>
    public long Sid { get; private set; } = -1;

    public LearnerType Type { get; private set; }

    public long Epoch { get; private set; } = -1;

    public Zxid PeerLastZxid { get; private set; }

    public SyncKind? SyncKind { get; private set; }

    public bool IsBroadcasting => phase == Phase.Broadcast;

    public bool IsEnded => phase == Phase.Ended;

    public string? EndReason { get; private set; }

    public void Step(ILearnerSyncInput input)
    {
        if (phase == Phase.Ended)
        {
            return;
        }
        if (input is ILearnerAddressed addressed and not EndLearnerSession && addressed.Sid != Sid)
        {
            throw new InvalidOperationException($"{input} routed to the handler of learner {Sid}");
        }
        switch (input)
        {
            case QuorumPacket packet:
                OnPacket(packet);
                break;
            case EpochProposal proposal:
                OnEpochProposal(proposal);
                break;
            case StartSync:
                OnStartSync();
                break;
            case LearnerHistory history:
                OnHistory(history);
                break;
            case LeaderSnapshot snapshot:
                OnSnapshot(snapshot.Snapshot);
                break;
            case Proposed or Committed:
                OnForward(input);
                break;
            case SendUpToDate:
                OnSendUpToDate();
                break;
            case EndLearnerSession end:
                End(end.Reason);
                break;
            default:
                throw new ArgumentException($"not a learner handler input: {input}", nameof(input));
        }
    }

    /// <summary>
    /// One tick: ping the learner once NEWLEADER is on its way, and end the session when the learner
    /// (or the leader, before broadcast) has been silent past the limit, or an ack is overdue.
    /// </summary>
    public void Tick()
    {
        if (phase == Phase.Ended)
        {
            return;
        }
        ticks++;
        silentTicks++;
        if (newLeaderSent)
        {
            outbox.Send(Sid, new Ping(Zxid.Max(lastProposalQueued, lastCommitQueued)));
        }
        var limit = phase == Phase.Broadcast ? timing.SyncLimitTicks : timing.InitLimitTicks;
        if (silentTicks >= limit)
        {
            End($"learner silent for {silentTicks} ticks while {phase}");
            return;
        }
        if (phase is Phase.AwaitingUpToDate or Phase.Broadcast
            && unacked.Count > 0 && ticks - unacked.Peek().SentTick > timing.SyncLimitTicks)
        {
            End("Closing connection to peer due to transaction timeout.");
        }
    }

    public Ready TakeOutputs() => outbox.Take();

    private void EnterPhase(Phase next)
    {
        phase = next;
        silentTicks = 0;
    }

    private void End(string reason)
    {
        phase = Phase.Ended;
        EndReason = reason;
        outbox.Emit(new LearnerSessionEnded(Sid, reason));
    }

    private void EndWithViolation(long from, string what)
    {
        outbox.Violation(from, what);
        End(what);
    }
}
