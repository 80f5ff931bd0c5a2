namespace ZabActors.Simulation;

/// <summary>
/// Liveness mode: heal the network, end clogs, slow disks and election loss, turn disk crash points off, restart
/// every crashed peer and stop new writes; then the ensemble must converge within the bound.
/// </summary>
public sealed partial class Simulator
{
    private void TransitionToLiveness()
    {
        Note("liveness mode");
        network.StopFaults();
        foreach (var disk in cluster.Disks.Values) disk.Options = disk.Options with { CrashAtWriteProbability = 0 };
        foreach (var sid in options.Layout.AllIds.Where(id => !cluster.IsUp(id)))
        {
            // A crash from a disk crash point stops its actor system in later steps: let it finish.
            ensemble.RunUntil(() => cluster.IsStopped(sid), TimeSpan.Zero);
            restarts++;
            cluster.Start(sid);
        }
    }

    /// <summary>Runs tick by tick until the ensemble converges; false when the bound passes first.</summary>
    private bool Converge()
    {
        var deadline = ensemble.Now + options.LivenessBound;
        while (ensemble.Now < deadline)
        {
            ensemble.Workload.Tick(newWrites: false);
            ensemble.RunFor(options.Tick);
            tick++;
            if (ensemble.Converged()) return true;
        }
        return false;
    }
}
