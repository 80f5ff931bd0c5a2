namespace ZabActors.Zab;

/// <summary>
/// The leader's side of discovery and synchronization, and its watch over the quorum (wrapped by the
/// LeaderActor), as ZooKeeper's <c>Leader.lead</c>: it proposes the new epoch once a quorum of voters
/// has connected (getEpochToPropose, ZOOKEEPER-1343), waits for a quorum of ACKEPOCHs before it makes
/// the epoch current (waitForEpochAck, ZOOKEEPER-1192), waits for a quorum of NEWLEADER acks
/// (waitForNewLeaderAck), each within init-limit ticks, and then steps down as soon as fewer than a
/// quorum of voters remain connected. The per-learner conversation lives in <see cref="LearnerSync"/>.
/// </summary>
public sealed partial class LeaderDiscovery
{
    private enum Phase
    {
        NotStarted,
        AwaitingEpochQuorum,
        AwaitingAcceptedEpochDurable,
        AwaitingEpochAcks,
        AwaitingCurrentEpochDurable,
        AwaitingNewLeaderAcks,
        Broadcast,
        Ended,
    }

    private readonly long myId;
    private readonly IQuorumVerifier verifier;
    private readonly ZabTiming timing;
    private readonly LeaderStart start;
    private readonly Outbox outbox = new();

    private Phase phase = Phase.NotStarted;
    private int phaseTicks;

    public LeaderDiscovery(PeerConfig config, LeaderStart start)
    {
        if (config.LearnerType != LearnerType.Participant)
        {
            throw new ArgumentException("only a voter can lead", nameof(config));
        }
        myId = config.MyId;
        verifier = config.Verifier;
        timing = config.Timing;
        this.start = start;
    }

    /// <summary>The epoch this leader proposes; -1 until a learner or the leader itself has connected.</summary>
    public long Epoch { get; private set; } = -1;

    public Zxid NewLeaderZxid => Zxid.Make(Epoch, 0);

    public ZabState ZabState { get; private set; } = ZabState.Discovery;

    public bool IsEstablished => phase == Phase.Broadcast;

    public bool IsEnded => phase == Phase.Ended;

    /// <summary>Learners whose sessions are open, whatever their phase.</summary>
    public IReadOnlyCollection<long> LiveLearners => live.Keys;

    public void Step(ILeaderDiscoveryInput input)
    {
        if (phase == Phase.NotStarted && input is not StartLeading)
        {
            throw new InvalidOperationException($"step StartLeading before {input}");
        }
        if (phase == Phase.Ended)
        {
            return;
        }
        switch (input)
        {
            case StartLeading:
                OnStart();
                break;
            case LearnerInfoReceived info:
                OnLearnerInfo(info);
                break;
            case EpochAcked acked:
                OnEpochAcked(acked);
                break;
            case NewLeaderAcked acked:
                OnNewLeaderAcked(acked);
                break;
            case LearnerSessionEnded ended:
                OnSessionEnded(ended);
                break;
            case EpochsDurable durable:
                OnEpochsDurable(durable);
                break;
            case StorageFailed failed:
                End($"storage failed: {failed.Reason}");
                break;
            case EndLeadership end:
                End(end.Reason);
                break;
            default:
                throw new ArgumentException($"not a leader input: {input}", nameof(input));
        }
    }

    /// <summary>
    /// One tick of <c>TickTimeMs</c>: before broadcast each phase must finish within init-limit ticks;
    /// in broadcast the leader checks that a quorum of voters is still connected.
    /// </summary>
    public void Tick()
    {
        if (phase is Phase.NotStarted or Phase.Ended)
        {
            return;
        }
        phaseTicks++;
        if (phase == Phase.Broadcast)
        {
            CheckSyncedQuorum();
            return;
        }
        if (phaseTicks >= timing.InitLimitTicks)
        {
            End(phase switch
            {
                Phase.AwaitingEpochQuorum or Phase.AwaitingAcceptedEpochDurable => "Timeout while waiting for epoch from quorum",
                Phase.AwaitingEpochAcks or Phase.AwaitingCurrentEpochDurable => "Timeout while waiting for epoch to be acked by quorum",
                _ => "Timeout while waiting for NEWLEADER to be acked by quorum",
            });
        }
    }

    public Ready TakeOutputs() => outbox.Take();

    private void End(string reason)
    {
        phase = Phase.Ended;
        outbox.Emit(new LeadershipEnded(reason));
    }

    private void EnterPhase(Phase next, bool restartClock)
    {
        phase = next;
        if (restartClock)
        {
            phaseTicks = 0;
        }
    }

    private void SetZabState(ZabState state)
    {
        ZabState = state;
        outbox.Emit(new ZabStateChanged(state));
    }
}
