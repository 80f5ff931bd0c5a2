using ZabActors.Actors;
using ZabActors.Hocon;
using ZabActors.Quorum;
using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Network;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// The simulated ensemble: one actor system per peer incarnation, all on one deterministic runtime,
/// each peer on its own simulated disk and the shared simulated network. A crash fences the
/// incarnation at once (its disk keeps only what was durable, its network links close, nothing it
/// still does is observed) and stops its actor system; a restart starts a new incarnation on the
/// same disk. The cluster also keeps the last state each peer announced, for the liveness checks.
/// </summary>
public sealed class Cluster
{
    private static readonly Config SystemConfig = ConfigurationFactory.ParseString("zab.log-dead-letters = 0");

    private readonly DeterministicRuntime runtime;
    private readonly SimulatedNetwork network;
    private readonly IHistorySink history;
    private readonly RunLog log;
    private readonly ClientWorkload workload;
    private readonly ZabTiming timing;
    private readonly int? snapCount;
    private readonly Dictionary<long, ISimulatedStorage> disks = new();
    private readonly Dictionary<long, PeerIncarnation> current = new();
    private readonly Dictionary<long, PeerStateChanged> states = new();
    private readonly Dictionary<long, int> incarnations = new();
    private readonly Dictionary<long, long> establishedEpochs = new();

    public Cluster(
        DeterministicRuntime runtime, ClusterLayout layout, ZabTiming timing, int? snapCount, SimulatedNetwork network,
        Func<long, ISimulatedStorage> diskFactory, IHistorySink history, RunLog log, ClientWorkload workload)
    {
        this.snapCount = snapCount;
        this.runtime = runtime;
        Layout = layout;
        this.timing = timing;
        this.network = network;
        this.history = history;
        this.log = log;
        this.workload = workload;
        foreach (var sid in layout.AllIds)
        {
            var disk = disks[sid] = diskFactory(sid);
            disk.CrashPointReached = (crashed, reason) => Crash(crashed, reason);
            disk.History = history;
        }
    }

    public ClusterLayout Layout { get; }

    public IReadOnlyDictionary<long, ISimulatedStorage> Disks => disks;

    public bool IsUp(long sid) => current.TryGetValue(sid, out var peer) && peer.Alive;

    public PeerIncarnation? Live(long sid) => current.TryGetValue(sid, out var peer) && peer.Alive ? peer : null;

    public IEnumerable<PeerIncarnation> LivePeers => Layout.AllIds.Select(Live).OfType<PeerIncarnation>();

    public IEnumerable<long> DownPeers => Layout.AllIds.Where(sid => !IsUp(sid));

    /// <summary>The last state a live peer announced; null when it announced none since it started.</summary>
    public PeerStateChanged? StateOf(long sid) => IsUp(sid) ? states.GetValueOrDefault(sid) : null;

    /// <summary>Starts a new incarnation of <paramref name="sid"/> on its disk; the previous one must be fully stopped.</summary>
    public PeerIncarnation Start(long sid)
    {
        if (current.TryGetValue(sid, out var previous))
        {
            if (previous.Alive) throw new InvalidOperationException($"peer {previous} is still running");
            if (!previous.System.WhenTerminated.IsCompleted) throw new InvalidOperationException($"peer {previous} has not stopped yet");
        }
        var number = incarnations[sid] = incarnations.GetValueOrDefault(sid) + 1;
        var peer = new PeerIncarnation(sid, number);
        var storage = disks[sid].Open();
        states.Remove(sid);
        establishedEpochs.Remove(sid);
        var setup = ActorSystemSetup.Deterministic(runtime).WithLoggerFactory(log.ForPeer(sid, number, () => peer.Alive));
        peer.System = ActorSystem.Create($"peer{sid}", SystemConfig, setup);
        peer.Tap = new EventTap(peer.System, peer, history, OnPeerEvent);
        peer.Tap.Subscribe();
        peer.ClientRef = new ClientReplyRef(peer.System, peer, workload);
        current[sid] = peer;
        history.Record(new PeerStarted(sid, number));
        var settings = new QuorumPeerSettings(sid, Layout.Servers(), timing) { SnapCount = snapCount };
        peer.Root = peer.System.ActorOf(QuorumPeerActor.Props(settings, storage, network, () => NewMachine(peer)), "peer");
        return peer;
    }

    /// <summary>
    /// Kills the running incarnation of <paramref name="sid"/>. Safe inside a step (a disk crash point
    /// fires inside the writing actor): fencing is immediate, the actor system stops in later steps.
    /// </summary>
    public void Crash(long sid, string reason)
    {
        if (!current.TryGetValue(sid, out var peer) || !peer.Alive) return;
        peer.Kill();
        disks[sid].Crash();
        network.Crash(sid);
        states.Remove(sid);
        establishedEpochs.Remove(sid);
        history.Record(new PeerCrashed(sid, peer.Number));
        history.Record(new SimulatorAction($"crash {peer}: {reason}"));
        workload.OnPeerCrashed(peer);
        runtime.Post(() => peer.System.Terminate());
    }

    /// <summary>True when every crashed incarnation's actor system has stopped (a restart needs it).</summary>
    public bool IsStopped(long sid) => !current.TryGetValue(sid, out var peer) || (!peer.Alive && peer.System.WhenTerminated.IsCompleted);

    /// <summary>The epoch a live peer announced it established since it last changed state; null when none.</summary>
    public long? EstablishedEpochOf(long sid) => IsUp(sid) && establishedEpochs.TryGetValue(sid, out var epoch) ? epoch : null;

    private void OnPeerEvent(object evt)
    {
        switch (evt)
        {
            case PeerStateChanged changed:
                states[changed.Sid] = changed;
                // A leader re-announces its state with the established epoch; anything else ends it.
                if (changed.State != ServerState.Leading || establishedEpochs.GetValueOrDefault(changed.Sid, -1) != changed.Epoch)
                {
                    establishedEpochs.Remove(changed.Sid);
                }
                break;
            case LeaderEstablishedEvent established:
                establishedEpochs[established.Sid] = established.Epoch;
                break;
        }
    }

    private ReplicatedLogMachine NewMachine(PeerIncarnation peer)
    {
        var machine = new ReplicatedLogMachine(peer.Sid, peer.Number, history, () => peer.Alive);
        if (peer.Alive) history.Record(new StateMachineCreated(peer.Sid, peer.Number));
        peer.Machine = machine;
        return machine;
    }
}
