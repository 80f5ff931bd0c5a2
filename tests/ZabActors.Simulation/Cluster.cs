using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Network;
using ZabActors.Simulation.Runtime;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Time;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// The simulated ensemble: one <see cref="QuorumPeer"/> per server incarnation, each driven by its
/// <see cref="PeerDriver"/> over its own simulated disk, its own drifting clock and the shared simulated
/// network. Every input reaches a peer through <see cref="Deliver"/>, which drops inputs for a dead
/// incarnation, holds them back while the server is paused, and first tells the peer the time from its
/// clock. A crash fences the incarnation at once (its disk keeps only what was fsynced, its links
/// close, nothing it still does is observed); a restart recovers a new incarnation from the same disk.
/// </summary>
public sealed class Cluster : INetworkHosts
{
    private readonly VirtualScheduler scheduler;
    private readonly IHistorySink history;
    private readonly RunLog log;
    private readonly ZabTiming timing;
    private readonly int? snapCount;
    private readonly IQuorumVerifier verifier;
    private readonly Dictionary<long, SimulatedDisk> disks = [];
    private readonly Dictionary<long, PeerClock> clocks;
    private readonly Dictionary<long, SimulatedPeer> current = [];
    private readonly Dictionary<long, TimeSpan> pausedUntil = [];
    private readonly Dictionary<long, Queue<(int Incarnation, IPeerInput Input)>> held = [];
    private readonly Dictionary<long, int> incarnations = [];

    public Cluster(
        VirtualScheduler scheduler, ClusterLayout layout, ZabTiming timing, int? snapCount, IReadOnlyDictionary<long, PeerClock> clocks,
        Func<long, SimulatedDisk> diskFactory, IHistorySink history, RunLog log)
    {
        this.scheduler = scheduler;
        Layout = layout;
        this.timing = timing;
        this.snapCount = snapCount;
        this.history = history;
        this.log = log;
        this.clocks = new Dictionary<long, PeerClock>(clocks);
        verifier = layout.Verifier();
        foreach (var sid in layout.AllIds)
        {
            var disk = disks[sid] = diskFactory(sid);
            disk.CrashPointReached = (crashed, reason) => Crash(crashed, reason);
        }
    }

    public ClusterLayout Layout { get; }

    public SimulatedNetwork Network { get; internal set; } = null!;

    public ClientWorkload Workload { get; internal set; } = null!;

    public IReadOnlyDictionary<long, SimulatedDisk> Disks => disks;

    public IReadOnlyDictionary<long, PeerClock> Clocks => clocks;

    public bool IsUp(long sid) => Live(sid) is not null;

    public SimulatedPeer? Live(long sid) => current.TryGetValue(sid, out var peer) && peer.Alive ? peer : null;

    /// <summary>The latest incarnation of <paramref name="sid"/>, alive or not.</summary>
    public SimulatedPeer? Latest(long sid) => current.GetValueOrDefault(sid);

    public IEnumerable<SimulatedPeer> LivePeers => Layout.AllIds.Select(Live).OfType<SimulatedPeer>();

    public bool IsPaused(long sid) => pausedUntil.TryGetValue(sid, out var until) && until > scheduler.Elapsed;

    public int? LiveIncarnation(long sid) => Live(sid)?.Number;

    /// <summary>Starts a new incarnation of <paramref name="sid"/>: it recovers from its disk, or stops if the disk cannot be read.</summary>
    public SimulatedPeer Start(long sid)
    {
        if (IsUp(sid))
        {
            throw new InvalidOperationException($"peer {current[sid]} is still running");
        }
        var number = incarnations[sid] = incarnations.GetValueOrDefault(sid) + 1;
        var peer = new SimulatedPeer(sid, number);
        current[sid] = peer;
        history.Record(new PeerStarted(sid, number));
        var read = disks[sid].Open(input => Deliver(sid, number, input), timing.CommittedLogSize);
        if (read.Failed)
        {
            Stop(peer, $"recovery failed: {read.Failure}");
            return peer;
        }
        peer.Machine = new ReplicatedLogMachine(sid, number, history, () => peer.Alive);
        history.Record(new StateMachineCreated(sid, number));
        var options = new PeerOptions(new PeerConfig(sid, verifier, timing)) { SnapCount = snapCount };
        peer.Core = new QuorumPeer(options.Validate(), peer.Machine);
        peer.Driver = new PeerDriver(peer.Core, new PeerEffects(this, peer));
        var now = clocks[sid].LocalAt(scheduler.Elapsed);
        peer.LastTick = now;
        // Request ids of earlier incarnations never reach this one: each numbers its writes from its own range.
        peer.Driver.Step(new PeerStart(now, read.Disk!, read.Snapshot, FirstWriteSeq: number * 1_000_000_000L));
        Arm(peer);
        return peer;
    }

    /// <summary>Kills the running incarnation of <paramref name="sid"/>; safe inside a step (a disk crash point fires inside one).</summary>
    public void Crash(long sid, string reason)
    {
        if (Live(sid) is not { } peer)
        {
            return;
        }
        Fence(peer);
        history.Record(new PeerCrashed(sid, peer.Number));
        history.Record(new SimulatorAction($"crash {peer}: {reason}"));
    }

    /// <summary>The server's process makes no progress until <paramref name="until"/> (a GC or VM pause); its clock runs on.</summary>
    public void Pause(long sid, TimeSpan until) => pausedUntil[sid] = until;

    public void EndPauses() => pausedUntil.Clear();

    /// <summary>A client write reaches a peer (after a client hop), as an input of its current incarnation.</summary>
    public void SubmitWrite(SimulatedPeer peer, long requestId, Bytes payload) =>
        scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => Deliver(peer.Sid, peer.Number, new PeerWrite(requestId, payload)));

    /// <summary>
    /// Steps <paramref name="input"/> into the incarnation: dropped if it is gone, deferred while the
    /// server is paused, and preceded by a tick whenever the server's clock moved since its last one.
    /// </summary>
    public void Deliver(long sid, int incarnation, IPeerInput input)
    {
        if (Live(sid) is not { } peer || peer.Number != incarnation)
        {
            return;
        }
        if (Hold(sid, incarnation, input))
        {
            return;
        }
        Step(peer, input);
    }

    /// <summary>
    /// While the server is paused, or inputs held by a pause still wait, the input joins them: held inputs
    /// are stepped in arrival order when the pause ends, so no input overtakes another (links stay FIFO).
    /// </summary>
    private bool Hold(long sid, int incarnation, IPeerInput input)
    {
        var paused = pausedUntil.TryGetValue(sid, out var until) && until > scheduler.Elapsed;
        if (!paused && (!held.TryGetValue(sid, out var waiting) || waiting.Count == 0))
        {
            return false;
        }
        if (!held.TryGetValue(sid, out var queue))
        {
            queue = held[sid] = new Queue<(int, IPeerInput)>();
        }
        queue.Enqueue((incarnation, input));
        if (queue.Count == 1)
        {
            scheduler.ScheduleAt(paused ? until : scheduler.Elapsed, () => Release(sid));
        }
        return true;
    }

    /// <summary>The pause is over (or was extended: wait again); step the oldest held input, one per simulation step.</summary>
    private void Release(long sid)
    {
        var queue = held[sid];
        if (pausedUntil.TryGetValue(sid, out var until) && until > scheduler.Elapsed)
        {
            scheduler.ScheduleAt(until, () => Release(sid));
            return;
        }
        var next = queue.Peek();
        if (Live(sid) is { } peer && peer.Number == next.Incarnation)
        {
            Step(peer, next.Input);
        }
        queue.Dequeue();
        if (queue.Count > 0)
        {
            scheduler.ScheduleAt(scheduler.Elapsed, () => Release(sid));
        }
    }

    private void Step(SimulatedPeer peer, IPeerInput input)
    {
        var sid = peer.Sid;
        var now = clocks[sid].LocalAt(scheduler.Elapsed);
        if (now > peer.LastTick || input is PeerTick)
        {
            peer.LastTick = now > peer.LastTick ? now : peer.LastTick;
            peer.Driver.Tick(peer.LastTick);
        }
        if (input is not PeerTick && peer.Alive)
        {
            peer.Driver.Step(input);
        }
        if (peer.Alive)
        {
            Arm(peer);
        }
    }

    internal void OnPeerEvent(SimulatedPeer peer, IPeerEvent evt)
    {
        switch (evt)
        {
            case PeerPhaseChanged changed:
                history.Record(new SimulatorAction($"state {peer.Sid} {changed.State} leader {changed.LeaderSid?.ToString() ?? "-"} epoch {changed.Epoch} {changed.Phase}"));
                break;
            case PeerLeaderEstablished established:
                history.Record(new LeaderEstablishedObserved(peer.Sid, established.Epoch));
                break;
            case PeerTxnProposed proposed:
                history.Record(new TxnBroadcast(peer.Sid, proposed.Txn));
                break;
            case PeerWriteCommitted committed:
                Workload.OnCommitted(peer.Sid, committed.RequestId, committed.Zxid);
                break;
            case PeerWriteFailed failed:
                Workload.OnFailed(peer.Sid, failed.RequestId, failed.Reason);
                break;
            case PeerStopped stopped:
                Stop(peer, stopped.Reason);
                break;
            case PeerTxnApplied or PeerSnapshotTaken:
                break;
            default:
                log.Note(peer, evt);
                break;
        }
    }

    /// <summary>The incarnation stopped by itself (as ZooKeeper exits on unreadable or failed storage): it is down, not wrong.</summary>
    private void Stop(SimulatedPeer peer, string reason)
    {
        if (!peer.Alive)
        {
            return;
        }
        Fence(peer, reason);
        history.Record(new PeerStoppedObserved(peer.Sid, peer.Number, reason));
    }

    private void Fence(SimulatedPeer peer, string? stopReason = null)
    {
        peer.Kill(stopReason);
        disks[peer.Sid].Crash();
        Network.Crash(peer.Sid);
        Workload.OnPeerCrashed(peer);
    }

    /// <summary>Schedules the peer's next wake-up at the global time its own clock reaches the peer's next deadline.</summary>
    private void Arm(SimulatedPeer peer)
    {
        var due = peer.Core.NextDeadline;
        if (due == peer.ArmedFor)
        {
            return;
        }
        peer.ArmedFor = due;
        var token = ++peer.WakeToken;
        if (due is not { } deadline)
        {
            return;
        }
        scheduler.ScheduleAt(clocks[peer.Sid].GlobalWhen(deadline), () =>
        {
            if (peer.WakeToken == token)
            {
                peer.ArmedFor = null;
                Deliver(peer.Sid, peer.Number, new PeerTick(deadline));
            }
        });
    }
}
