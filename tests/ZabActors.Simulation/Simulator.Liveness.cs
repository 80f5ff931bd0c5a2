namespace ZabActors.Simulation;

/// <summary>
/// Liveness mode: end clogs, slow disks, pauses, election loss and replays, turn disk crash points and
/// read faults off, stop new writes; then heal either everything (restart every crashed server) or, as
/// the seed chooses, only a random quorum of voters with readable disks while the other servers stay
/// failed (crashed, or cut off by a partition). The healed servers must converge within the bound.
/// </summary>
public sealed partial class Simulator
{
    private void TransitionToLiveness()
    {
        network.StopFaults();
        cluster.EndPauses();
        foreach (var disk in cluster.Disks.Values)
        {
            disk.Options = disk.Options with { CrashAtWriteProbability = 0, ReadFaultProbability = 0 };
            disk.EndSlowness();
        }
        var healed = options.LivenessHealsQuorumOnly ? ChooseHealedQuorum() : [.. options.Layout.AllIds];
        Note($"liveness mode: heal {string.Join(",", healed)}");
        if (healed.Count < options.Layout.AllIds.Count)
        {
            KeepFailed(healed);
            ensemble.Required = healed;
            ensemble.ClientTargets = healed;
        }
        foreach (var sid in healed.Where(id => !cluster.IsUp(id)))
        {
            restarts++;
            cluster.Start(sid);
        }
    }

    /// <summary>A random quorum of the voters whose disks did not rot (bit rot hits a minority only), plus a random subset of observers.</summary>
    private HashSet<long> ChooseHealedQuorum()
    {
        var voters = options.Layout.VoterIds.Where(sid => !cluster.Disks[sid].IsRotted).ToList();
        var healed = new HashSet<long>();
        while (healed.Count < options.Layout.QuorumSize && voters.Count > 0)
        {
            var pick = voters[faultRandom.Next(voters.Count)];
            voters.Remove(pick);
            healed.Add(pick);
        }
        foreach (var observer in options.Layout.ObserverIds.Where(_ => faultRandom.Chance(0.5)))
        {
            healed.Add(observer);
        }
        return healed;
    }

    /// <summary>Each server outside the healed set stays failed: crashed, or alone in its own partition.</summary>
    private void KeepFailed(HashSet<long> healed)
    {
        var failed = options.Layout.AllIds.Where(sid => !healed.Contains(sid)).ToList();
        foreach (var sid in failed.Where(sid => cluster.IsUp(sid) && faultRandom.Chance(0.5)))
        {
            crashes++;
            cluster.Crash(sid, "stays failed in liveness mode");
        }
        network.Partition([healed, .. failed.Select(sid => (IReadOnlyCollection<long>)[sid])]);
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
            if (ensemble.Converged())
            {
                return true;
            }
        }
        return false;
    }
}
