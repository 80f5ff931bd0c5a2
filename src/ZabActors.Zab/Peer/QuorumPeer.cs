using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>
/// One whole peer of the ensemble as a pure state machine (ZooKeeper's <c>QuorumPeer</c>): it owns the
/// peer's lifecycle (recovering, LOOKING, LEADING / FOLLOWING / OBSERVING, back to LOOKING with a fresh
/// disk view), composes the per-role machines (<see cref="FastLeaderElection"/>, <see cref="LeaderDiscovery"/>,
/// <see cref="ProposalTracker"/>, one <see cref="LearnerSync"/> per learner link, <see cref="LearnerSession"/>),
/// decides the durability policy (group commit, the rewind order, snapshot cadence and retention),
/// applies committed transactions to the <see cref="IStateMachine"/> in zxid order, and answers the
/// client writes submitted to it. Inputs come through <see cref="Step"/>; time only through
/// <see cref="PeerTick"/>; everything the outside world must do collects in a <see cref="PeerReady"/>
/// that <see cref="TakeReady"/> drains (see <see cref="PeerDriver"/>). The state machine is the only
/// thing the peer calls directly, synchronously, as the Quorum layer's StateMachineApplier does.
/// Files: .Lifecycle (roles), .Election, .Leader, .Handlers, .Learner, .Storage, .Clients.
/// </summary>
public sealed partial class QuorumPeer
{
    private enum Phase
    {
        NotStarted,
        ReadingDisk,
        Looking,
        InRole,
        Stopped,
    }

    private readonly PeerOptions options;
    private readonly PeerConfig config;
    private readonly IStateMachine stateMachine;
    private readonly FastLeaderElection election;
    private readonly List<StorageOp> storageOut = [];
    private readonly List<PeerMessage> messagesOut = [];
    private readonly List<IPeerEvent> eventsOut = [];

    private Phase phase = Phase.NotStarted;
    private TimeSpan now;

    public QuorumPeer(PeerOptions options, IStateMachine stateMachine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stateMachine);
        this.options = options.Validate();
        config = options.Config;
        this.stateMachine = stateMachine;
        election = new FastLeaderElection(config);
        snapshots = new SnapshotSchedule(options.EffectiveSnapCount, options.SnapshotSeed);
    }

    public long MyId => config.MyId;

    public ServerState State { get; private set; } = ServerState.Looking;

    /// <summary>The leader of the current role; null while LOOKING.</summary>
    public long? LeaderSid { get; private set; }

    /// <summary>The winning vote's peer epoch once decided, the established epoch once in broadcast.</summary>
    public long Epoch { get; private set; }

    public ZabState ZabState { get; private set; } = ZabState.Election;

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    /// <summary>The last durable zxid of the log (or of the installed snapshot).</summary>
    public Zxid LastLoggedZxid { get; private set; }

    public Zxid LastAppliedZxid => stateMachine.LastApplied;

    public bool IsStopped => phase == Phase.Stopped;

    /// <summary>True while the role is in broadcast (leader established, or learner UPTODATE).</summary>
    public bool IsBroadcasting => phase == Phase.InRole && ZabState == ZabState.Broadcast;

    public bool HasReady => storageOut.Count > 0 || messagesOut.Count > 0 || eventsOut.Count > 0;

    /// <summary>
    /// The earliest time the peer needs a <see cref="PeerTick"/> (an election timer, a protocol tick, a
    /// learner's reconnect, a write's expiry); null when nothing is armed.
    /// </summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            if (phase is Phase.NotStarted or Phase.Stopped)
            {
                return null;
            }
            TimeSpan? next = null;
            Consider(ref next, ElectionDeadline());
            Consider(ref next, RoleDeadline());
            Consider(ref next, WriteExpiryDeadline());
            return next;
        }
    }

    public void Step(IPeerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (phase == Phase.Stopped)
        {
            return;
        }
        if (phase == Phase.NotStarted && input is not PeerStart)
        {
            // Storage is still being read: votes are datagrams, links are refused, writes fail.
            RefuseBeforeStart(input);
            return;
        }
        switch (input)
        {
            case PeerStart start:
                OnStart(start);
                break;
            case PeerTick tick:
                OnTick(tick.Now);
                break;
            case NotificationReceived received:
                OnNotification(received);
                break;
            case LinkOpened opened:
                OnLinkOpened(opened);
                break;
            case LinkPacket packet:
                OnLinkPacket(packet);
                break;
            case LinkClosed closed:
                OnLinkClosed(closed);
                break;
            case PeerWrite write:
                OnWrite(write);
                break;
            default:
                OnStorageInput(input);
                break;
        }
    }

    public PeerReady TakeReady()
    {
        if (!HasReady)
        {
            return PeerReady.Empty;
        }
        var ready = new PeerReady([.. storageOut], [.. messagesOut], [.. eventsOut]);
        storageOut.Clear();
        messagesOut.Clear();
        eventsOut.Clear();
        return ready;
    }

    private void RefuseBeforeStart(IPeerInput input)
    {
        switch (input)
        {
            case LinkOpened opened:
                Send(new CloseLink(opened.Link, $"server {MyId} is not leading"));
                break;
            case PeerWrite write:
                Emit(new PeerWriteFailed(write.RequestId, $"no leader: server {MyId} is LOOKING"));
                break;
            case PeerTick tick:
                now = Max(now, tick.Now);
                break;
        }
    }

    private void OnTick(TimeSpan at)
    {
        now = Max(now, at);
        AdvanceElectionClock();
        CarryOutElection();
        TickRole();
        ExpireWrites();
    }

    private void Emit(IPeerEvent evt) => eventsOut.Add(evt);

    private void Send(PeerMessage message) => messagesOut.Add(message);

    private void Publish(ZabState zabState)
    {
        ZabState = zabState;
        Emit(new PeerPhaseChanged(State, LeaderSid, Epoch, zabState));
    }

    private static void Consider(ref TimeSpan? next, TimeSpan? candidate)
    {
        if (candidate is { } value && (next is null || value < next))
        {
            next = value;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}
