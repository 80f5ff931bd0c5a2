using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Network;
using ZabActors.Simulation.Runtime;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// Everything one seeded run is made of, wired once: the virtual scheduler, the simulated network,
/// disks and clocks, the cluster of <see cref="QuorumPeer"/>s, the client workload, and the history with
/// its checkers, which run after every simulation step. The seed's generator is split into one
/// independent stream per component, so adding draws to one never shifts another. The simulator's
/// tick loop and the hand-written scenarios (<see cref="Scenario"/>) both drive an ensemble.
/// </summary>
public sealed class SimulatedEnsemble
{
    private readonly Func<bool> afterStep;
    private long windowStartStep;
    private TimeSpan windowStart;

    public SimulatedEnsemble(SimulationOptions options, TextWriter? verbose = null)
    {
        Options = options;
        Scheduler = new VirtualScheduler();
        var streams = new SimulationRandom(options.Seed ^ 0x0051_4D55_4C41_5445UL);
        var networkRandom = streams.Fork();
        FaultRandom = streams.Fork();
        var workloadRandom = streams.Fork();
        var diskRandom = streams.Fork();
        Log = new RunLog(Scheduler, verbose);
        Checkers = new CheckerSuite(options.Layout);
        History = new History(Scheduler, Checkers, Log);
        Cluster = new Cluster(Scheduler, options.Layout, options.Timing, options.SnapCount,
            options.Layout.AllIds.ToDictionary(sid => sid, options.Clocks.For),
            sid => new SimulatedDisk(sid, Scheduler, diskRandom.Fork(), options.Disk, History), History, Log);
        Network = new SimulatedNetwork(Scheduler, networkRandom, options.Network, Cluster);
        if (verbose is not null)
        {
            Network.ElectionTrace = line => verbose.WriteLine($"{TraceTime.Format(Scheduler.Elapsed)} {line}");
        }
        Workload = new ClientWorkload(Scheduler, workloadRandom, History, options.Workload)
        {
            PickPeer = random =>
            {
                var targets = Cluster.LivePeers.Where(peer => ClientTargets is null || ClientTargets.Contains(peer.Sid)).ToList();
                return targets.Count == 0 ? null : targets[random.Next(targets.Count)];
            },
            Submit = Cluster.SubmitWrite,
        };
        Cluster.Network = Network;
        Cluster.Workload = Workload;
        afterStep = AfterStep;
    }

    public SimulationOptions Options { get; }

    public VirtualScheduler Scheduler { get; }

    public RunLog Log { get; }

    public History History { get; }

    public CheckerSuite Checkers { get; }

    public SimulatedNetwork Network { get; }

    public ClientWorkload Workload { get; }

    public Cluster Cluster { get; }

    /// <summary>The stream the fault schedule draws from.</summary>
    public SimulationRandom FaultRandom { get; }

    /// <summary>The servers convergence requires (all when null); liveness mode may narrow it to a healed quorum.</summary>
    public IReadOnlySet<long>? Required { get; set; }

    /// <summary>The servers clients send to (any live one when null).</summary>
    public IReadOnlySet<long>? ClientTargets { get; set; }

    public TimeSpan Now => Scheduler.Elapsed;

    /// <summary>Runs for <paramref name="duration"/> of virtual time, checking after every step.</summary>
    public void RunFor(TimeSpan duration)
    {
        BeginRun();
        Scheduler.RunFor(duration, afterStep);
    }

    /// <summary>Runs until <paramref name="condition"/> holds (checked after every step) or <paramref name="bound"/> passes.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan bound)
    {
        BeginRun();
        return condition() || (Scheduler.RunFor(bound, () => AfterStep() || condition()) && condition());
    }

    /// <summary>The live voter that leads in broadcast (established), if any.</summary>
    public long? EstablishedLeader()
    {
        foreach (var sid in Options.Layout.VoterIds)
        {
            if (Cluster.Live(sid) is { Core: { State: ServerState.Leading, IsBroadcasting: true } })
            {
                return sid;
            }
        }
        return null;
    }

    /// <summary>
    /// A leader leads every required server, no write is outstanding and every required server delivered
    /// the whole history. Servers whose disk rotted are never required: they stop once they read it.
    /// </summary>
    public bool Converged()
    {
        if (Workload.PendingCount > 0 || EstablishedLeader() is not { } leader)
        {
            return false;
        }
        var delivered = Checkers.Prefix.Global.Count;
        foreach (var sid in RequiredServers())
        {
            if (Cluster.Live(sid) is not { } peer || Checkers.Prefix.DeliveredCount(sid) != delivered)
            {
                return false;
            }
            var expected = sid == leader ? ServerState.Leading : Options.Layout.IsVoter(sid) ? ServerState.Following : ServerState.Observing;
            if (peer.Core.State != expected || !peer.Core.IsBroadcasting || (sid != leader && peer.Core.LeaderSid != leader))
            {
                return false;
            }
        }
        return true;
    }

    public IEnumerable<long> RequiredServers() =>
        Options.Layout.AllIds.Where(sid => (Required is null || Required.Contains(sid)) && !Cluster.Disks[sid].IsRotted);

    /// <summary>What keeps the ensemble from <see cref="Converged"/>, one line each.</summary>
    public IEnumerable<string> Pending()
    {
        var leader = EstablishedLeader();
        yield return leader is null ? "no established leader" : $"leader {leader} (epoch {Cluster.Live(leader.Value)!.Core.Epoch})";
        var delivered = Checkers.Prefix.Global.Count;
        var required = RequiredServers().ToHashSet();
        foreach (var sid in Options.Layout.AllIds)
        {
            var peer = Cluster.Latest(sid);
            var status = peer is { Alive: true }
                ? $"{peer.Core.State} {peer.Core.ZabState} leader {peer.Core.LeaderSid?.ToString() ?? "-"} epoch {peer.Core.Epoch}{(Cluster.IsPaused(sid) ? " (paused)" : "")}"
                : peer?.StopReason is { } reason ? $"stopped: {reason}" : "down";
            var role = required.Contains(sid) ? "" : " (not required)";
            yield return $"peer {sid}{role}: {status}, delivered {Checkers.Prefix.DeliveredCount(sid)} of {delivered}";
        }
        foreach (var line in Workload.Pending())
        {
            yield return line;
        }
    }

    private void BeginRun()
    {
        windowStartStep = Scheduler.Steps;
        windowStart = Scheduler.Elapsed;
    }

    /// <summary>Drains the history into the checkers; throws on a violation or a message storm.</summary>
    private bool AfterStep()
    {
        History.Drain();
        // Steps are counted per window of one tick of virtual time, however long the run.
        if (Scheduler.Elapsed - windowStart >= Options.Tick)
        {
            windowStartStep = Scheduler.Steps;
            windowStart = Scheduler.Elapsed;
        }
        if (Scheduler.Steps - windowStartStep > Options.StormStepsPerTick)
        {
            throw new MessageStorm(
                $"message storm: more than {Options.StormStepsPerTick} steps within {Options.Tick.TotalMilliseconds}ms of virtual time at {Scheduler.Elapsed.TotalMilliseconds}ms; " +
                $"busiest election links: {Network.Statistics.BusiestElectionLinks(3)}");
        }
        return false;
    }
}

/// <summary>Messages keep causing messages without virtual time passing: no progress is possible.</summary>
public sealed class MessageStorm(string message) : Exception(message);
