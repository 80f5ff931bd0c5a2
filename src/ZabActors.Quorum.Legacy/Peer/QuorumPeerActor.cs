using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// The root of one peer's supervision tree (ZooKeeper's QuorumPeer): it owns the peer's id, ensemble
/// view and role (LOOKING, FOLLOWING, LEADING, OBSERVING), the state machine, and the clients' pending
/// writes. It keeps a TxnLogActor and an ElectionActor for its whole life and starts one role actor
/// (LeaderActor, FollowerActor or ObserverActor) per election outcome; network traffic is routed to
/// whichever child it concerns. Any child failure stops that child and drops the peer back to LOOKING,
/// never out of the ensemble; only storage it cannot read stops the peer (PeerStorageFailed). Role changes are logged with their timing and published on the event stream.
/// Transition files: QuorumPeerActor.Roles.cs (roles), QuorumPeerActor.Clients.cs (writes and status).
/// </summary>
public sealed partial class QuorumPeerActor : ReceiveActor, IWithTimers
{
    private readonly QuorumPeerSettings settings;
    private readonly PeerConfig config;
    private readonly IPeerStorage storage;
    private readonly IQuorumNetwork network;
    private readonly Func<IStateMachine> stateMachineFactory;
    private readonly PeerProgress progress = new();
    private IActorRef txnLog = ActorRefs.Nobody;
    private IActorRef election = ActorRefs.Nobody;

    public QuorumPeerActor(QuorumPeerSettings settings, IPeerStorage storage, IQuorumNetwork network, Func<IStateMachine> stateMachineFactory)
    {
        this.settings = settings.Validate();
        config = settings.CreatePeerConfig();
        this.storage = storage;
        this.network = network;
        this.stateMachineFactory = stateMachineFactory;
        MyId = settings.MyId;
        Receive<PeerEnvelope>(OnPeerEnvelope);
        Receive<ConnectionOpened>(OnConnectionOpened);
        Receive<ConnectionMessage>(message => ToRole(message, message.Connection));
        Receive<ConnectionClosed>(closed => ToRole(closed, null));
        Receive<DiskRead>(OnDiskRead);
        Receive<DiskReadFailed>(OnDiskReadFailed);
        Receive<Decided>(OnDecided);
        Receive<RoleEstablished>(OnRoleEstablished);
        Receive<RoleEnded>(ended => OnRoleEnded(ended.Reason));
        Receive<Terminated>(OnTerminated);
        Receive<SkipZxidCounter>(skip => role.Forward(skip));
        ReceiveClientMessages();
    }

    private long MyId { get; }

    /// <param name="settings">this peer's id, the ensemble and the timing.</param>
    /// <param name="storage">the durable storage; it outlives the peer, so a restarted peer keeps what was durable.</param>
    /// <param name="network">how the peer reaches the others; the peer registers itself in PreStart.</param>
    /// <param name="stateMachineFactory">a fresh, empty state machine; the peer restores it from the latest snapshot.</param>
    public static Props Props(QuorumPeerSettings settings, IPeerStorage storage, IQuorumNetwork network, Func<IStateMachine> stateMachineFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stateMachineFactory);
        settings.Validate();
        return Actors.Props.Create(() => new QuorumPeerActor(settings, storage, network, stateMachineFactory));
    }

    /// <summary>Every child that fails is stopped; its termination tells the root what to restart.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart()
    {
        txnLog = StartTxnLog();
        election = StartElection();
        network.Register(MyId, Self);
        StartClientTimers();
        Log.LogInformation("server {Sid} starting ({Role}, {Voters} voters, {Observers} observers)",
            MyId, config.LearnerType, config.Verifier.VotingMembers.Count, config.Verifier.ObservingMembers.Count);
        ReadDisk();
    }

    protected override void PostStop()
    {
        network.Unregister(MyId);
        FailAllPending("the peer stopped");
    }

    /// <summary>The log actor on its own dispatcher (zab.txn-log.dispatcher): its flushes block a thread.</summary>
    private IActorRef StartTxnLog()
    {
        if (!Context.System.Dispatchers.HasDispatcher(settings.TxnLogDispatcher))
        {
            throw new Hocon.ConfigException($"zab.txn-log.dispatcher: dispatcher '{settings.TxnLogDispatcher}' is not configured");
        }
        var props = TxnLogActor.Props(storage, progress, settings.Timing.CommittedLogSize, settings.SnapshotRetainCount)
            .WithDispatcher(settings.TxnLogDispatcher);
        return Context.Watch(Context.ActorOf(props, $"txnlog-{++incarnation}"));
    }

    private IActorRef StartElection() =>
        Context.Watch(Context.ActorOf(ElectionActor.Props(config, network), $"election-{++incarnation}"));

    private void OnPeerEnvelope(PeerEnvelope envelope)
    {
        if (!config.Verifier.IsMember(envelope.FromSid))
        {
            Log.LogWarning("message from unknown server {Sid} dropped", envelope.FromSid);
            return;
        }
        if (disk is null)
        {
            // Still reading storage: the election has not started, and votes are datagrams anyway.
            Log.LogDebug("notification from server {Sid} before the election started: dropped", envelope.FromSid);
            return;
        }
        if (envelope.Message is not Notification notification)
        {
            Log.LogWarning("unexpected {Type} from server {Sid} dropped", envelope.Message?.GetType().Name ?? "null", envelope.FromSid);
            return;
        }
        // The network authenticated the sender; the notification's own claim does not count.
        election.Tell(notification with { Sid = envelope.FromSid }, Self);
    }

    private void OnConnectionOpened(ConnectionOpened opened)
    {
        if (!config.Verifier.IsMember(opened.LearnerSid))
        {
            Log.LogWarning("connection from unknown server {Sid} refused", opened.LearnerSid);
            network.Close(opened.Connection, $"server {opened.LearnerSid} is not a member");
            return;
        }
        if (state != ServerState.Leading || role.IsNobody() || stoppingRole)
        {
            network.Close(opened.Connection, $"server {MyId} is not leading");
            return;
        }
        role.Tell(opened, Self);
    }

    /// <summary>Connection traffic belongs to the role; with no role there is no session, so a packet closes its connection.</summary>
    private void ToRole(object message, ConnectionId? connection)
    {
        if (!role.IsNobody() && !stoppingRole)
        {
            role.Tell(message, Self);
        }
        else if (connection is { } id)
        {
            network.Close(id, $"server {MyId} has no session for this connection");
        }
    }
}
