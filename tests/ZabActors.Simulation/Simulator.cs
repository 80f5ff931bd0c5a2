using ZabActors.Simulation.Checkers;

namespace ZabActors.Simulation;

/// <summary>
/// One seeded run, in the manner of TigerBeetle's VOPR: a tick loop whose safety phase runs the
/// ensemble of <see cref="Zab.QuorumPeer"/>s under client writes and every fault the options allow, with
/// all checkers run after every simulation step; then liveness mode stops the faults and heals either
/// everything or only a random quorum (the seed chooses), and requires a leader, every outstanding write
/// acknowledged and every healed peer caught up within <see cref="SimulationOptions.LivenessBound"/>.
/// Every random choice comes from the seed.
/// </summary>
public sealed partial class Simulator
{
    private readonly SimulationOptions options;
    private readonly SimulatedEnsemble ensemble;
    private readonly Cluster cluster;
    private readonly Network.SimulatedNetwork network;
    private readonly Runtime.SimulationRandom faultRandom;
    private int tick;

    public Simulator(SimulationOptions options, TextWriter? verbose = null)
    {
        this.options = options;
        ensemble = new SimulatedEnsemble(options, verbose);
        cluster = ensemble.Cluster;
        network = ensemble.Network;
        faultRandom = ensemble.FaultRandom;
        InitFaults();
    }

    public SimulatedEnsemble Ensemble => ensemble;

    /// <summary>Runs both phases; never throws for a failure of the code under test, it reports it.</summary>
    public SimulationResult Run()
    {
        ensemble.Log.Verbose?.WriteLine($"seed {options.Seed}: {options.Describe()}");
        try
        {
            foreach (var sid in options.Layout.AllIds) cluster.Start(sid);
            for (tick = 0; tick < options.SafetyTicks; tick++)
            {
                InjectFaults();
                ensemble.Workload.Tick(newWrites: true);
                ensemble.RunFor(options.Tick);
            }
            TransitionToLiveness();
            return Converge()
                ? Result(Outcome.Passed, null, null, [])
                : Result(Outcome.Liveness, "Liveness", $"not converged within {options.LivenessBound.TotalSeconds:0}s of liveness mode", [.. ensemble.Pending()]);
        }
        catch (InvariantViolation violation)
        {
            return Result(Outcome.Correctness, violation.Property, violation.Detail, []);
        }
        catch (MessageStorm storm)
        {
            return Result(Outcome.Liveness, "Liveness", storm.Message, [.. ensemble.Pending()]);
        }
        catch (Exception e)
        {
            return Result(Outcome.Crash, "Crash", $"{e.GetType().Name}: {e.Message}", [.. (e.StackTrace ?? "").Split('\n').Take(12).Select(l => l.TrimEnd())]);
        }
    }

    private SimulationResult Result(Outcome outcome, string? property, string? detail, IReadOnlyList<string> pending)
    {
        var disks = cluster.Disks.Values;
        var scheduler = ensemble.Scheduler;
        var workload = ensemble.Workload;
        var summary =
            $"{scheduler.Steps} steps, {scheduler.Elapsed.TotalSeconds:0.0}s virtual, {ensemble.History.Events} events; " +
            $"writes {workload.Started} started, {workload.Completed} acknowledged, {workload.AttemptsSent} attempts ({workload.AttemptsFailed} failed); " +
            $"{ensemble.Checkers.Prefix.Global.Count} txns delivered; {FaultSummary()}; disk flushes {disks.Sum(d => d.Statistics.Flushes)}, " +
            $"disk crash points {disks.Sum(d => d.Statistics.CrashPoints)}, snapshots {disks.Sum(d => d.Statistics.SnapshotSaves)}, truncations {disks.Sum(d => d.Statistics.Truncations)}, " +
            $"torn writes {disks.Sum(d => d.Statistics.TornWrites)}, read faults {disks.Sum(d => d.Statistics.ReadFaults)}, rots {disks.Sum(d => d.Statistics.Rots)} " +
            $"(detected {disks.Sum(d => d.Statistics.CorruptionsDetected)}); {network.Statistics}";
        return new SimulationResult(options, outcome, property, detail, pending, ensemble.History.TraceHash, scheduler.Steps, scheduler.Elapsed, summary);
    }
}
