using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// What the FollowerActor and ObserverActor share (ZooKeeper's Learner): one session with the leader
/// as a <see cref="LearnerSession"/>, over one connection opened with <c>network.Connect</c>. It steps
/// the leader's packets and the storage confirmations, sends the machine's packets, hands its
/// storage operations to the TxnLogActor, applies committed transactions, forwards client writes as
/// REQUEST, ticks every tick-time, and reports UPTODATE and the end of the session to the root.
/// A leader that refuses the connection before it says anything is retried every connect-retry
/// delay, as ZooKeeper's connectToLeader retries, for at most init-limit ticks: it may not have
/// finished its own election yet.
/// </summary>
internal abstract class LearnerActor : ReceiveActor, IWithTimers
{
    private readonly PeerConfig config;
    private readonly long leaderSid;
    private readonly LearnerStart start;
    private readonly IQuorumNetwork network;
    private readonly IActorRef txnLog;
    private readonly StateMachineApplier applier;
    private readonly IActorRef root;
    private readonly TimeSpan retryWindow;
    private readonly TimeSpan retryDelay;
    private LearnerSession session;
    private ConnectionId connection;
    private TimeSpan startedAt;
    private bool heardFromLeader;
    private bool ended;

    protected LearnerActor(
        PeerConfig config, long leaderSid, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root,
        TimeSpan connectRetryDelay)
    {
        if (connectRetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(connectRetryDelay), connectRetryDelay, "the connect retry delay must be positive");
        }
        this.config = config;
        this.leaderSid = leaderSid;
        start = disk.ToLearnerStart();
        this.network = network;
        this.txnLog = txnLog;
        this.applier = applier;
        this.root = root;
        retryWindow = TimeSpan.FromMilliseconds((long)config.Timing.TickTimeMs * config.Timing.InitLimitTicks);
        retryDelay = connectRetryDelay;
        session = new LearnerSession(config, leaderSid, start);
        Receive<ConnectionMessage>(OnPacket);
        Receive<ConnectionClosed>(OnClosed);
        Receive<LogDurable>(durable => Step(durable));
        Receive<EpochsDurable>(durable => Step(durable));
        Receive<StorageFailed>(failed => Step(failed));
        Receive<SnapshotInstalled>(installed =>
        {
            applier.Restore(installed.Snapshot);
            Step(new SnapshotDurable(installed.Snapshot.Zxid));
        });
        Receive<SubmitWrite>(write => Step(new Zab.ClientWrite(write.Data)));
        Receive<LearnerTick>(_ =>
        {
            session.Tick();
            CarryOut();
        });
        Receive<Reconnect>(_ => Connect());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart()
    {
        startedAt = Now;
        Timers.StartPeriodicTimer("tick", LearnerTick.Instance, TimeSpan.FromMilliseconds(config.Timing.TickTimeMs));
        Connect();
    }

    protected override void PostStop() => network.Close(connection, "learner stopped");

    private void Connect()
    {
        // Nothing is written before LEADERINFO, so a session that never heard the leader starts afresh.
        session = new LearnerSession(config, leaderSid, start);
        connection = network.Connect(config.MyId, leaderSid);
        Step(StartLearning.Instance);
    }

    private void OnPacket(ConnectionMessage message)
    {
        if (message.Connection != connection)
        {
            network.Close(message.Connection, "not the learner's connection");
            return;
        }
        if (message.FromSid != leaderSid)
        {
            Log.LogWarning("{Connection}: packet {Packet} from server {From}, not leader {Leader}: dropped",
                connection, message.Packet.GetType().Name, message.FromSid, leaderSid);
            return;
        }
        heardFromLeader = true;
        Step(message.Packet);
    }

    private void OnClosed(ConnectionClosed closed)
    {
        if (closed.Connection != connection || ended)
        {
            return;
        }
        if (!heardFromLeader && Now - startedAt + retryDelay < retryWindow)
        {
            Log.LogDebug("leader {Leader} refused the connection ({Reason}); retrying", leaderSid, closed.Reason);
            Timers.StartSingleTimer("reconnect", Reconnect.Instance, retryDelay);
            return;
        }
        Step(new ConnectionLost(closed.Reason));
    }

    private void Step(ILearnerSessionInput input)
    {
        if (ended)
        {
            return;
        }
        session.Step(input);
        CarryOut();
    }

    private void CarryOut()
    {
        var ready = session.TakeOutputs();
        foreach (var op in ready.Storage)
        {
            txnLog.Tell(new StorageRequest(op), Self);
        }
        foreach (var envelope in ready.Send)
        {
            network.Send(connection, config.MyId, (QuorumPacket)envelope.Message);
        }
        foreach (var txn in ready.Apply)
        {
            applier.Apply(txn, txnLog);
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
            case LearnerUpToDate upToDate:
                root.Tell(new RoleEstablished(upToDate.Epoch), Self);
                break;
            case LeaderLost lost:
                ended = true;
                Timers.CancelAll();
                network.Close(connection, lost.Reason);
                root.Tell(new RoleEnded(lost.Reason), Self);
                break;
            case ClientWriteRejected rejected:
                if (ClientTxn.TryDecode(rejected.Data, out var origin, out var seq) && origin == config.MyId)
                {
                    root.Tell(new LocalWriteFailed(seq, rejected.Reason), Self);
                }
                break;
            case ZabStateChanged changed:
                Log.LogDebug("learner phase {State}", changed.State);
                break;
            case ProtocolViolation violation:
                Log.LogWarning("learner: {Violation}", violation);
                break;
            default:
                Log.LogWarning("learner: unexpected event {Event}", evt);
                break;
        }
    }
}
