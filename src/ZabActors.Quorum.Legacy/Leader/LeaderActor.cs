using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Owns one leadership (ZooKeeper's Leader.lead): its <see cref="LeaderDiscovery"/>, the ProposalActor,
/// and one LearnerHandlerActor per accepted connection. It routes each connection's traffic to its
/// handler, keeps one handler per learner sid, steps the handshake events into discovery, ticks every
/// tick-time, and reports establishment and the end of the leadership to the peer root. A failing
/// child is stopped: a handler's session ends, a failed ProposalActor ends the leadership.
/// </summary>
internal sealed class LeaderActor : ReceiveActor, IWithTimers
{
    private readonly PeerConfig config;
    private readonly PeerDisk disk;
    private readonly IQuorumNetwork network;
    private readonly IActorRef txnLog;
    private readonly StateMachineApplier applier;
    private readonly IActorRef root;
    private readonly LeaderDiscovery discovery;
    private readonly Dictionary<ConnectionId, IActorRef> handlerByConnection = [];
    private readonly Dictionary<long, IActorRef> handlerBySid = [];
    private IActorRef proposals = ActorRefs.Nobody;
    private bool ended;

    public LeaderActor(PeerConfig config, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root)
    {
        this.config = config;
        this.disk = disk;
        this.network = network;
        this.txnLog = txnLog;
        this.applier = applier;
        this.root = root;
        discovery = new LeaderDiscovery(config, disk.ToLeaderStart());
        Receive<ConnectionOpened>(OnConnectionOpened);
        Receive<ConnectionMessage>(message => ToHandler(message.Connection, message));
        Receive<ConnectionClosed>(closed => ToHandler(closed.Connection, closed));
        Receive<LearnerInfoReceived>(OnLearnerInfo);
        Receive<EpochAcked>(acked => FromCurrentHandler(acked.Sid, acked));
        Receive<NewLeaderAcked>(acked => FromCurrentHandler(acked.Sid, acked));
        Receive<LearnerSessionEnded>(OnSessionEnded);
        Receive<EpochsDurable>(durable => Step(durable));
        Receive<StorageFailed>(failed => Step(failed));
        Receive<ReElectionRequired>(required => Step(new EndLeadership(required.Reason)));
        Receive<SubmitWrite>(write => proposals.Forward(write));
        Receive<SkipZxidCounter>(skip => proposals.Forward(skip));
        Receive<LeaderTick>(_ =>
        {
            discovery.Tick();
            CarryOut();
        });
        Receive<Terminated>(OnTerminated);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PeerConfig config, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root) =>
        Actors.Props.Create(() => new LeaderActor(config, disk, network, txnLog, applier, root));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart()
    {
        proposals = Context.ActorOf(ProposalActor.Props(config, disk.ToLeaderHistory(), txnLog, applier, root), "proposals");
        Context.Watch(proposals);
        Timers.StartPeriodicTimer("tick", LeaderTick.Instance, TimeSpan.FromMilliseconds(config.Timing.TickTimeMs));
        Step(StartLeading.Instance);
    }

    private void OnConnectionOpened(ConnectionOpened opened)
    {
        if (ended)
        {
            network.Close(opened.Connection, "leadership ended");
            return;
        }
        var handler = Context.ActorOf(
            LearnerHandlerActor.Props(config, opened.Connection, opened.LearnerSid, network, proposals),
            $"learner-{opened.LearnerSid}-{opened.Connection.Value}");
        Context.Watch(handler);
        handlerByConnection[opened.Connection] = handler;
    }

    private void ToHandler(ConnectionId connection, object message)
    {
        if (handlerByConnection.TryGetValue(connection, out var handler))
        {
            handler.Tell(message, Self);
        }
        else if (message is ConnectionMessage)
        {
            Log.LogDebug("packet on {Connection}, which has no handler: closing it", connection);
            network.Close(connection, "no learner handler for this connection");
        }
    }

    /// <summary>One handler per sid: a learner that reconnects replaces its old session, which ends first.</summary>
    private void OnLearnerInfo(LearnerInfoReceived info)
    {
        if (handlerBySid.TryGetValue(info.Sid, out var old) && !old.Equals(Sender))
        {
            handlerBySid.Remove(info.Sid);
            Step(new LearnerSessionEnded(info.Sid, "replaced by a new connection"));
            old.Tell(new EndLearnerSession(info.Sid, "replaced by a new connection"), Self);
        }
        handlerBySid[info.Sid] = Sender;
        Step(info);
    }

    private void FromCurrentHandler(long sid, ILeaderDiscoveryInput input)
    {
        if (handlerBySid.TryGetValue(sid, out var current) && current.Equals(Sender))
        {
            Step(input);
        }
    }

    private void OnSessionEnded(LearnerSessionEnded sessionEnded)
    {
        if (handlerBySid.TryGetValue(sessionEnded.Sid, out var current) && current.Equals(Sender))
        {
            handlerBySid.Remove(sessionEnded.Sid);
            Step(sessionEnded);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        var child = terminated.ActorRef;
        if (child.Equals(proposals))
        {
            Step(new EndLeadership("the proposal actor stopped"));
            return;
        }
        foreach (var connection in handlerByConnection.Where(pair => pair.Value.Equals(child)).Select(pair => pair.Key).ToList())
        {
            handlerByConnection.Remove(connection);
        }
        foreach (var sid in handlerBySid.Where(pair => pair.Value.Equals(child)).Select(pair => pair.Key).ToList())
        {
            handlerBySid.Remove(sid);
            Step(new LearnerSessionEnded(sid, "learner handler stopped"));
        }
    }

    private void Step(ILeaderDiscoveryInput input)
    {
        discovery.Step(input);
        CarryOut();
    }

    private void CarryOut()
    {
        var ready = discovery.TakeOutputs();
        foreach (var op in ready.Storage)
        {
            txnLog.Tell(new StorageRequest(op), Self);
        }
        foreach (var evt in ready.Events)
        {
            Route(evt);
        }
    }

    private void Route(IZabEvent evt)
    {
        switch (evt)
        {
            case ILearnerAddressed addressed:
                if (handlerBySid.TryGetValue(addressed.Sid, out var handler))
                {
                    handler.Tell(addressed, Self);
                }
                break;
            case LeaderEstablished established:
                proposals.Tell(established, Self);
                root.Tell(new RoleEstablished(established.Epoch), Self);
                break;
            case LeadershipEnded leadershipEnded:
                ended = true;
                Timers.CancelAll();
                root.Tell(new RoleEnded(leadershipEnded.Reason), Self);
                break;
            case ZabStateChanged changed:
                Log.LogDebug("leader phase {State} (epoch {Epoch})", changed.State, discovery.Epoch);
                break;
            case ProtocolViolation violation:
                Log.LogWarning("leader: {Violation}", violation);
                break;
            default:
                Log.LogWarning("leader: unexpected event {Event}", evt);
                break;
        }
    }
}
