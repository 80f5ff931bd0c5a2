using ZabActors.Actors;
using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Network;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Workload;

namespace ZabActors.Simulation;

/// <summary>
/// One seeded run, in the manner of TigerBeetle's VOPR: a tick loop whose safety phase runs the
/// ensemble under client writes and every fault the options allow, with all checkers run after every
/// runtime step; then liveness mode heals everything, restarts every peer, stops the faults and
/// requires a leader, every outstanding write acknowledged and every peer caught up within
/// <see cref="SimulationOptions.LivenessBound"/>. Every random choice comes from the seed.
/// </summary>
public sealed partial class Simulator
{
    private readonly SimulationOptions options;
    private readonly DeterministicRuntime runtime;
    private readonly RunLog log;
    private readonly History history;
    private readonly SimulatedNetwork network;
    private readonly ClientWorkload workload;
    private readonly Cluster cluster;
    private readonly SimulationRandom faultRandom;
    private readonly Func<bool> afterStep;
    private int tick;
    private long tickStartStep;

    public Simulator(SimulationOptions options, TextWriter? verbose = null)
    {
        this.options = options;
        runtime = new DeterministicRuntime(options.Seed);
        var streams = new SimulationRandom(options.Seed ^ 0x0051_4D55_4C41_5445UL);
        var networkRandom = streams.Fork();
        faultRandom = streams.Fork();
        var workloadRandom = streams.Fork();
        var diskRandom = streams.Fork();
        log = new RunLog(runtime, verbose);
        Checkers = new CheckerSuite();
        history = new History(runtime, Checkers, log);
        network = new SimulatedNetwork(runtime.Scheduler, networkRandom, options.Network);
        workload = new ClientWorkload(runtime.Scheduler, workloadRandom, history, options.Workload);
        cluster = new Cluster(runtime, options.Layout, options.Timing, network,
            sid => new SimulatedDisk(sid, diskRandom.Fork(), options.Disk), history, log, workload);
        workload.PickPeer = PickClientPeer;
        afterStep = AfterStep;
        InitFaults();
    }

    public CheckerSuite Checkers { get; }

    public Cluster Cluster => cluster;

    public DeterministicRuntime Runtime => runtime;

    /// <summary>Runs both phases; never throws for a failure of the code under test, it reports it.</summary>
    public SimulationResult Run()
    {
        log.Verbose?.WriteLine($"seed {options.Seed}: {options.Describe()}");
        try
        {
            foreach (var sid in options.Layout.AllIds) cluster.Start(sid);
            for (tick = 0; tick < options.SafetyTicks; tick++)
            {
                InjectFaults();
                workload.Tick(newWrites: true);
                RunFor(options.Tick);
            }
            TransitionToLiveness();
            return Converge()
                ? Result(Outcome.Passed, null, null, [])
                : Result(Outcome.Liveness, "Liveness", $"not converged within {options.LivenessBound.TotalSeconds:0}s of liveness mode", [.. Pending()]);
        }
        catch (InvariantViolation violation)
        {
            return Result(Outcome.Correctness, violation.Property, violation.Detail, []);
        }
        catch (MessageStorm storm)
        {
            return Result(Outcome.Liveness, "Liveness", storm.Message, []);
        }
        catch (PeerActorFailure failure)
        {
            return Result(Outcome.Crash, "Crash", failure.Message, [.. log.ActorFailures]);
        }
        catch (Exception e)
        {
            return Result(Outcome.Crash, "Crash", $"{e.GetType().Name}: {e.Message}", [.. (e.StackTrace ?? "").Split('\n').Take(12).Select(l => l.TrimEnd())]);
        }
    }

    /// <summary>Runs the ensemble for <paramref name="duration"/> of virtual time, checking after every step.</summary>
    private void RunFor(TimeSpan duration)
    {
        tickStartStep = runtime.Steps;
        runtime.RunUntil(afterStep, duration);
    }

    private bool AfterStep()
    {
        history.Drain();
        if (log.ActorFailures.Count > 0) throw new PeerActorFailure(log.ActorFailures[0]);
        if (runtime.Steps - tickStartStep > options.StormStepsPerTick)
        {
            throw new MessageStorm(
                $"message storm: more than {options.StormStepsPerTick} steps within one {options.Tick.TotalMilliseconds}ms tick at {runtime.Elapsed.TotalMilliseconds}ms; " +
                $"busiest election links: {network.Statistics.BusiestElectionLinks(3)}");
        }
        return false;
    }

    private PeerIncarnation? PickClientPeer(SimulationRandom random)
    {
        var live = cluster.LivePeers.ToList();
        return live.Count == 0 ? null : live[random.Next(live.Count)];
    }

    private SimulationResult Result(Outcome outcome, string? property, string? detail, IReadOnlyList<string> pending)
    {
        var disks = cluster.Disks.Values;
        var summary =
            $"{runtime.Steps} steps, {runtime.Elapsed.TotalSeconds:0.0}s virtual, {history.Events} events; " +
            $"writes {workload.Started} started, {workload.Completed} acknowledged, {workload.AttemptsSent} attempts ({workload.AttemptsFailed} failed); " +
            $"{Checkers.Prefix.Global.Count} txns delivered; {FaultSummary()}; disk flushes {disks.Sum(d => d.Statistics.Flushes)}, " +
            $"disk crash points {disks.Sum(d => d.Statistics.CrashPoints)}; {network.Statistics}";
        return new SimulationResult(options, outcome, property, detail, pending, history.TraceHash, runtime.Steps, runtime.Elapsed, summary);
    }

    /// <summary>Messages keep causing messages without virtual time passing: no progress is possible.</summary>
    private sealed class MessageStorm(string message) : Exception(message);

    /// <summary>An exception escaped an actor of a live peer (logged by its supervisor).</summary>
    private sealed class PeerActorFailure(string message) : Exception(message);
}
