using ZabActors.Actors;
using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Network;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// Everything one seeded run is made of, wired once: the deterministic runtime, the simulated network
/// and disks, the cluster of peers, the client workload, and the history with its checkers, which run
/// after every runtime step. The seed's generator is split into one independent stream per component,
/// so adding draws to one never shifts another. The simulator's tick loop and the hand-written
/// scenarios (<see cref="Scenario"/>) both drive an ensemble.
/// </summary>
public sealed class SimulatedEnsemble
{
    private readonly Func<bool> afterStep;
    private long runStartStep;
    private TimeSpan stormWindowStart;

    public SimulatedEnsemble(SimulationOptions options, TextWriter? verbose = null)
    {
        Options = options;
        Runtime = new DeterministicRuntime(options.Seed);
        var streams = new SimulationRandom(options.Seed ^ 0x0051_4D55_4C41_5445UL);
        var networkRandom = streams.Fork();
        FaultRandom = streams.Fork();
        var workloadRandom = streams.Fork();
        var diskRandom = streams.Fork();
        Log = new RunLog(Runtime, verbose);
        Checkers = new CheckerSuite(options.Layout);
        History = new History(Runtime, Checkers, Log);
        Network = new SimulatedNetwork(Runtime.Scheduler, networkRandom, options.Network);
        if (verbose is not null)
        {
            Network.ElectionTrace = line => verbose.WriteLine($"{TraceTime.Format(Runtime.Elapsed)} {line}");
        }
        Workload = new ClientWorkload(Runtime.Scheduler, workloadRandom, History, options.Workload);
        Cluster = new Cluster(Runtime, options.Layout, options.Timing, options.SnapCount, Network,
            sid => NewStorage(sid, diskRandom.Fork()), History, Log, Workload);
        Workload.PickPeer = random =>
        {
            var live = Cluster.LivePeers.ToList();
            return live.Count == 0 ? null : live[random.Next(live.Count)];
        };
        afterStep = AfterStep;
    }

    public SimulationOptions Options { get; }

    public DeterministicRuntime Runtime { get; }

    public RunLog Log { get; }

    public History History { get; }

    public CheckerSuite Checkers { get; }

    public SimulatedNetwork Network { get; }

    public ClientWorkload Workload { get; }

    public Cluster Cluster { get; }

    /// <summary>The stream the fault schedule draws from.</summary>
    public SimulationRandom FaultRandom { get; }

    public TimeSpan Now => Runtime.Elapsed;

    /// <summary>Runs for <paramref name="duration"/> of virtual time, checking after every step.</summary>
    public void RunFor(TimeSpan duration)
    {
        BeginRun();
        Runtime.RunUntil(afterStep, duration);
    }

    /// <summary>Runs until <paramref name="condition"/> holds (checked after every step) or <paramref name="bound"/> passes.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan bound)
    {
        BeginRun();
        return Runtime.RunUntil(() => AfterStep() || condition(), bound) && condition();
    }

    /// <summary>The live voter that leads and announced an established epoch, if any.</summary>
    public long? EstablishedLeader()
    {
        foreach (var sid in Options.Layout.VoterIds)
        {
            if (Cluster.StateOf(sid) is { State: ServerState.Leading } && Cluster.EstablishedEpochOf(sid) is not null) return sid;
        }
        return null;
    }

    /// <summary>A leader leads the whole ensemble, no write is outstanding and every peer delivered the whole history.</summary>
    public bool Converged()
    {
        if (Workload.PendingCount > 0) return false;
        var leader = EstablishedLeader();
        if (leader is null) return false;
        var delivered = Checkers.Prefix.Global.Count;
        foreach (var sid in Options.Layout.AllIds)
        {
            var state = Cluster.StateOf(sid);
            if (state is null || Checkers.Prefix.DeliveredCount(sid) != delivered) return false;
            var expected = sid == leader ? ServerState.Leading : Options.Layout.IsVoter(sid) ? ServerState.Following : ServerState.Observing;
            if (state.State != expected || (sid != leader && state.LeaderSid != leader)) return false;
        }
        return true;
    }

    /// <summary>What keeps the ensemble from <see cref="Converged"/>, one line each.</summary>
    public IEnumerable<string> Pending()
    {
        var leader = EstablishedLeader();
        yield return leader is null ? "no established leader" : $"leader {leader} (epoch {Cluster.EstablishedEpochOf(leader.Value)})";
        var delivered = Checkers.Prefix.Global.Count;
        foreach (var sid in Options.Layout.AllIds)
        {
            var state = Cluster.StateOf(sid);
            var status = Cluster.IsUp(sid)
                ? state is null ? "LOOKING since it started (announced no state)" : $"{state.State} leader {state.LeaderSid?.ToString() ?? "-"} epoch {state.Epoch}"
                : "down";
            yield return $"peer {sid}: {status}, delivered {Checkers.Prefix.DeliveredCount(sid)} of {delivered}";
        }
        foreach (var line in Workload.Pending()) yield return line;
    }

    /// <summary>A server's storage in the run's mode; both draw from the same per-server stream.</summary>
    private ISimulatedStorage NewStorage(long sid, SimulationRandom random) => Options.Storage switch
    {
        StorageMode.Journal => new JournalDisk(sid, random, Options.Disk, new VirtualTimeProvider(Runtime)),
        _ => new SimulatedDisk(sid, random, Options.Disk),
    };

    private void BeginRun()
    {
        runStartStep = Runtime.Steps;
        stormWindowStart = Runtime.Elapsed;
    }

    /// <summary>Drains the history into the checkers; throws on a violation, a failed actor or a message storm.</summary>
    private bool AfterStep()
    {
        History.Drain();
        if (Log.ActorFailures.Count > 0) throw new PeerActorFailure(Log.ActorFailures[0]);
        // Steps are counted per window of one tick of virtual time, however long the run.
        if (Runtime.Elapsed - stormWindowStart >= Options.Tick)
        {
            runStartStep = Runtime.Steps;
            stormWindowStart = Runtime.Elapsed;
        }
        if (Runtime.Steps - runStartStep > Options.StormStepsPerTick)
        {
            throw new MessageStorm(
                $"message storm: more than {Options.StormStepsPerTick} steps within {Options.Tick.TotalMilliseconds}ms of virtual time at {Runtime.Elapsed.TotalMilliseconds}ms; " +
                $"busiest election links: {Network.Statistics.BusiestElectionLinks(3)}");
        }
        return false;
    }
}

/// <summary>Messages keep causing messages without virtual time passing: no progress is possible.</summary>
public sealed class MessageStorm(string message) : Exception(message);

/// <summary>An exception escaped an actor of a live peer (logged by its supervisor).</summary>
public sealed class PeerActorFailure(string message) : Exception(message);
