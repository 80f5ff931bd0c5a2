using Akka.Actor;
using Akka.Event;
using ZabActors.Journal;
using ZabActors.Transport;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// The root of one peer (ZooKeeper's QuorumPeer) as an Akka actor: it owns the peer's pure
/// <see cref="QuorumPeer"/> and carries out its outputs through a <see cref="PeerDriver"/>, with the peer's
/// <see cref="TxnLogActor"/> (Akka.Persistence) and <see cref="PeerTransportActor"/> (Akka.Remote) as children.
/// It decides nothing: storage answers and network events become the core's inputs, time comes from the
/// scheduler's monotonic clock as <see cref="PeerTick"/> at the core's <see cref="QuorumPeer.NextDeadline"/>,
/// and the core's events are published on the EventStream and answer the clients.
/// </summary>
/// <remarks>
/// States: <b>Recovering</b> (the txn log recovers; everything else waits in the stash), <b>Running</b>
/// (the core runs), and stopped. Supervision (<see cref="SupervisorStrategy"/>): a txn log that asks to reload
/// after a rewind below its newest snapshot is restarted; any other failure of the txn log stops it, and the peer
/// then stops too, publishing <see cref="PeerStorageFailed"/> (its host exits with code 4): a peer never goes on
/// with a history it cannot trust. A failed transport is stopped and replaced by a new one with a new
/// incarnation; every link it carried is closed in the core first. Settings come from the <c>zab</c> section of
/// the ActorSystem's configuration unless given. Start the actor under the same name on every server: the
/// transports address each other by path.
/// </remarks>
public sealed partial class QuorumPeerActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    public const string TxnLogName = "txnlog";
    public const string TransportName = "transport";
    private const string TickTimer = "tick";

    private readonly QuorumPeerSettings settings;
    private readonly Func<IStateMachine> stateMachineFactory;
    private readonly IActorRef? givenTransport;
    private readonly Func<TimeSpan> clock;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<long, PendingWrite> writes = [];
    private IActorRef txnLog = ActorRefs.Nobody;
    private PeerEffects effects = null!;
    private PeerDriver driver = null!;
    private string? storageFailure;
    private long nextRequestId;
    private long transportIncarnation;

    /// <param name="settings">this peer's id, ensemble and timing; null reads <c>zab</c> from the system's configuration.</param>
    /// <param name="stateMachineFactory">a fresh, empty state machine; the core restores it from the latest snapshot.</param>
    /// <param name="transport">a transport to use instead of a child <see cref="PeerTransportActor"/> (a test's probe).</param>
    /// <param name="clock">the monotonic clock; null is the scheduler's. A test with a virtual scheduler passes its virtual time.</param>
    public QuorumPeerActor(QuorumPeerSettings? settings, Func<IStateMachine> stateMachineFactory, IActorRef? transport = null, Func<TimeSpan>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stateMachineFactory);
        this.settings = (settings ?? QuorumPeerSettings.Create(Context.System.Settings.Config)).Validate();
        this.stateMachineFactory = stateMachineFactory;
        givenTransport = transport;
        var scheduler = Context.System.Scheduler;
        this.clock = clock ?? (() => scheduler.MonotonicClock);
        Recovering();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    private long MyId => settings.MyId;

    /// <summary>The peer's monotonic clock.</summary>
    private TimeSpan Now => clock();

    public static Props Props(QuorumPeerSettings? settings, Func<IStateMachine> stateMachineFactory, IActorRef? transport = null, Func<TimeSpan>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stateMachineFactory);
        settings?.Validate();
        return Akka.Actor.Props.Create(() => new QuorumPeerActor(settings, stateMachineFactory, transport, clock));
    }

    /// <summary>A peer whose settings come from the <c>zab</c> section of the ActorSystem's configuration.</summary>
    public static Props Props(Func<IStateMachine> stateMachineFactory) => Props(null, stateMachineFactory);

    private sealed record PendingWrite(IActorRef Client, long RequestId);

    /// <summary>
    /// Test hook, as ZooKeeper's <c>zookeeper.testingonly.initialZxid</c>: the established leader continues its
    /// zxid counter from <paramref name="Counter"/>, so a test reaches the rollover without billions of writes.
    /// </summary>
    internal sealed record SkipZxidCounter(long Counter);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    /// <summary>Restarts only a txn log that reloads on purpose; every other failing child is stopped (see the remarks).</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause => cause switch
    {
        TxnLogReloadException => Directive.Restart,
        _ => Directive.Stop,
    });

    protected override void PreStart()
    {
        var logSettings = TxnLogSettings.Create(Context.System.Settings.Config) with { SnapshotRetainCount = settings.SnapshotRetainCount };
        var props = TxnLogActor.Props(MyId, logSettings, Self);
        if (Context.System.Dispatchers.HasDispatcher(settings.TxnLogDispatcher))
        {
            props = props.WithDispatcher(settings.TxnLogDispatcher);
        }
        txnLog = Context.ActorOf(props, TxnLogName);
        Context.Watch(txnLog);
        txnLog.Tell(TxnLogProtocol.ReadDisk.Instance);
        log.Info("server {0} starting ({1} servers)", MyId, settings.Servers.Count);
    }

    /// <summary>The txn log recovers; everything else waits.</summary>
    private void Recovering()
    {
        Receive<TxnLogProtocol.DiskRead>(Start);
        Receive<TxnLogProtocol.RecoveryFailed>(failed => storageFailure = failed.Reason);
        Receive<TxnLogProtocol.WriteFailed>(failed => storageFailure = failed.Reason);
        Receive<Terminated>(t => t.ActorRef.Equals(txnLog), _ => StopForStorage(storageFailure ?? "the txn log stopped while recovering"));
        Receive<GetPeerStatus>(_ => Sender.Tell(new PeerStatus(MyId, ServerState.Looking, 0, 0, Zxid.Zero, Zxid.Zero, null)));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Start(TxnLogProtocol.DiskRead disk)
    {
        var options = new PeerOptions(settings.CreatePeerConfig())
        {
            SnapCount = settings.SnapCount,
            SnapshotRetainCount = settings.SnapshotRetainCount,
            LearnerConnectRetryDelay = settings.LearnerConnectRetryDelay,
        }.Validate();
        effects = new PeerEffects(Self, txnLog, OnPeerEvent) { Transport = givenTransport ?? StartTransport() };
        driver = new PeerDriver(new QuorumPeer(options, stateMachineFactory()), effects);
        log.Info("server {0} recovered {1}", MyId, disk);
        Become(Running);
        // Wall-clock ticks exceed every sequence number an earlier incarnation of this peer used.
        Step(new PeerStart(Now, disk.ToPeerDisk(disk.SnapshotZxid, settings.Timing.CommittedLogSize), disk.Snapshot, DateTime.UtcNow.Ticks));
        Stash.UnstashAll();
    }

    // Every server runs the same remoting, so the others are reached with this system's own protocol
    // (akka.trttl.tcp when the throttler adapter is applied for partition tests).
    private static string OwnProtocol() =>
        ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.Protocol is { } protocol && protocol.StartsWith("akka.", StringComparison.Ordinal)
            ? protocol
            : "akka.tcp";

    private IActorRef StartTransport()
    {
        transportIncarnation = Math.Max(DateTime.UtcNow.Ticks, transportIncarnation + 1);
        var transport = Context.ActorOf(
            PeerTransportActor.Props(Self, MyId, transportIncarnation, settings.Addresses(Context.System.Name, OwnProtocol())), TransportName);
        Context.Watch(transport);
        return transport;
    }

    /// <summary>Steps the time, then <paramref name="input"/>, carries out the outputs and sets the tick timer at the next deadline.</summary>
    private void Step(IPeerInput input)
    {
        if (driver.Peer.IsStopped)
        {
            return;
        }
        if (input is not (PeerTick or PeerStart))
        {
            driver.Step(new PeerTick(Now));
        }
        driver.Step(input);
        effects.Flush();
        if (driver.Peer.NextDeadline is { } deadline)
        {
            var delay = deadline - Now;
            Timers.StartSingleTimer(TickTimer, Tick.Instance, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
        else
        {
            Timers.Cancel(TickTimer);
        }
    }

    private void StopForStorage(string reason)
    {
        log.Error("server {0} stops: storage failed: {1}", MyId, reason);
        Context.System.EventStream.Publish(new PeerStorageFailed(MyId, reason));
        Context.Stop(Self);
    }
}
