namespace ZabActors.Zab;

/// <summary>
/// A follower's or observer's session with its leader (wrapped by the FollowerActor or ObserverActor),
/// as ZooKeeper's <c>Learner</c>, <c>Follower</c> and <c>Observer</c>. It announces itself, accepts
/// the leader's epoch only if it is not older than the one it accepted before (persisting it before
/// ACKEPOCH), applies DIFF/TRUNC/SNAP, and acknowledges NEWLEADER only once every transaction of the
/// synchronization and the snapshot are durable and the new current epoch is durable after them
/// (ZOOKEEPER-3911/4646/4685/4643/3642). In broadcast it logs each proposal before acknowledging it,
/// applies committed transactions in zxid order once they are durable, and forwards client writes.
/// </summary>
public sealed partial class LearnerSession
{
    private enum Phase
    {
        NotStarted,
        AwaitingLeaderInfo,
        AwaitingAcceptedEpochDurable,
        AwaitingSyncMode,
        Syncing,
        AwaitingNewLeaderDurable,
        AwaitingUpToDate,
        Broadcast,
        Ended,
    }

    private readonly long myId;
    private readonly long leaderId;
    private readonly LearnerType type;
    private readonly ZabTiming timing;
    private readonly Outbox outbox = new();

    private Phase phase = Phase.NotStarted;
    private int silentTicks;

    public LearnerSession(PeerConfig config, long leaderId, LearnerStart start)
    {
        if (leaderId == config.MyId || !config.Verifier.IsVoter(leaderId))
        {
            throw new ArgumentException($"server {leaderId} cannot be our leader", nameof(leaderId));
        }
        myId = config.MyId;
        this.leaderId = leaderId;
        type = config.LearnerType;
        timing = config.Timing;
        AcceptedEpoch = start.AcceptedEpoch;
        CurrentEpoch = start.CurrentEpoch;
        LastLoggedZxid = DurableZxid = CommittedZxid = start.LastLoggedZxid;
        LastAppliedZxid = start.LastAppliedZxid;
        LoadUnapplied(start);
    }

    public LearnerType Type => type;

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    /// <summary>The epoch of the leader we are joining; -1 before LEADERINFO.</summary>
    public long NewEpoch { get; private set; } = -1;

    /// <summary>The last zxid handed to the log (durable or not).</summary>
    public Zxid LastLoggedZxid { get; private set; }

    /// <summary>The log is durable up to here.</summary>
    public Zxid DurableZxid { get; private set; }

    public Zxid LastAppliedZxid { get; private set; }

    /// <summary>Every logged transaction up to here belongs to the committed history.</summary>
    public Zxid CommittedZxid { get; private set; }

    public SyncKind? SyncKind { get; private set; }

    public ZabState ZabState { get; private set; } = ZabState.Discovery;

    public bool IsBroadcasting => phase == Phase.Broadcast;

    public bool IsEnded => phase == Phase.Ended;

    public void Step(ILearnerSessionInput input)
    {
        if (phase == Phase.NotStarted && input is not StartLearning)
        {
            throw new InvalidOperationException($"step StartLearning before {input}");
        }
        if (phase == Phase.Ended)
        {
            return;
        }
        switch (input)
        {
            case StartLearning:
                Start();
                break;
            case QuorumPacket packet:
                OnPacket(packet);
                break;
            case LogDurable durable:
                OnLogDurable(durable.UpTo);
                break;
            case EpochsDurable durable:
                OnEpochsDurable(durable);
                break;
            case SnapshotDurable durable:
                OnSnapshotDurable(durable.Zxid);
                break;
            case StorageFailed failed:
                End($"storage failed: {failed.Reason}");
                break;
            case ConnectionLost lost:
                End($"connection to leader {leaderId} lost: {lost.Reason}");
                break;
            case ClientWrite write:
                OnClientWrite(write);
                break;
            default:
                throw new ArgumentException($"not a learner input: {input}", nameof(input));
        }
    }

    /// <summary>One tick: the leader may stay silent init-limit ticks until NEWLEADER, sync-limit ticks after.</summary>
    public void Tick()
    {
        if (phase is Phase.NotStarted or Phase.Ended)
        {
            return;
        }
        silentTicks++;
        var limit = phase < Phase.AwaitingNewLeaderDurable ? timing.InitLimitTicks : timing.SyncLimitTicks;
        if (silentTicks >= limit)
        {
            End($"leader {leaderId} silent for {silentTicks} ticks");
        }
    }

    public Ready TakeOutputs() => outbox.Take();

    private void Start()
    {
        phase = Phase.AwaitingLeaderInfo;
        SetZabState(ZabState.Discovery);
        outbox.Send(leaderId, type == LearnerType.Participant
            ? new FollowerInfo(myId, AcceptedEpoch)
            : new ObserverInfo(myId, AcceptedEpoch));
    }

    private void OnClientWrite(ClientWrite write)
    {
        if (phase == Phase.Broadcast)
        {
            outbox.Send(leaderId, new Request(write.Data));
            return;
        }
        outbox.Emit(new ClientWriteRejected(write.Data, "not serving: synchronizing with the leader"));
    }

    private void SetZabState(ZabState state)
    {
        ZabState = state;
        outbox.Emit(new ZabStateChanged(state));
    }

    private void End(string reason)
    {
        phase = Phase.Ended;
        outbox.Emit(new LeaderLost(reason));
    }

    private void EndWithViolation(string what)
    {
        outbox.Violation(leaderId, what);
        End(what);
    }
}
