using ZabActors.Simulation.Checkers;

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
    private readonly SimulatedEnsemble ensemble;
    private readonly Cluster cluster;
    private readonly Network.SimulatedNetwork network;
    private readonly Actors.SimulationRandom faultRandom;
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
        catch (PeerActorFailure failure)
        {
            return Result(Outcome.Crash, "Crash", failure.Message, [.. ensemble.Log.ActorFailures]);
        }
        catch (Exception e)
        {
            return Result(Outcome.Crash, "Crash", $"{e.GetType().Name}: {e.Message}", [.. (e.StackTrace ?? "").Split('\n').Take(12).Select(l => l.TrimEnd())]);
        }
    }

    private SimulationResult Result(Outcome outcome, string? property, string? detail, IReadOnlyList<string> pending)
    {
        var disks = cluster.Disks.Values;
        var runtime = ensemble.Runtime;
        var workload = ensemble.Workload;
        var summary =
            $"{runtime.Steps} steps, {runtime.Elapsed.TotalSeconds:0.0}s virtual, {ensemble.History.Events} events; " +
            $"writes {workload.Started} started, {workload.Completed} acknowledged, {workload.AttemptsSent} attempts ({workload.AttemptsFailed} failed); " +
            $"{ensemble.Checkers.Prefix.Global.Count} txns delivered; {FaultSummary()}; disk flushes {disks.Sum(d => d.Statistics.Flushes)}, " +
            $"disk crash points {disks.Sum(d => d.Statistics.CrashPoints)}, snapshots {disks.Sum(d => d.Statistics.SnapshotSaves)}, truncations {disks.Sum(d => d.Statistics.Truncations)}; {network.Statistics}";
        return new SimulationResult(options, outcome, property, detail, pending, ensemble.History.TraceHash, runtime.Steps, runtime.Elapsed, summary);
    }
}
