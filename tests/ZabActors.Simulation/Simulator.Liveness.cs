using ZabActors.Zab;

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
            runtime.RunUntil(() => cluster.IsStopped(sid), TimeSpan.Zero);
            restarts++;
            cluster.Start(sid);
        }
    }

    /// <summary>Runs tick by tick until <see cref="Converged"/> holds; false when the bound passes first.</summary>
    private bool Converge()
    {
        var deadline = runtime.Elapsed + options.LivenessBound;
        while (runtime.Elapsed < deadline)
        {
            workload.Tick(newWrites: false);
            RunFor(options.Tick);
            tick++;
            if (Converged()) return true;
        }
        return false;
    }

    /// <summary>A leader leads a fully connected ensemble, no write is outstanding and every peer delivered the whole history.</summary>
    private bool Converged()
    {
        if (workload.PendingCount > 0) return false;
        var leader = EstablishedLeader();
        if (leader is null) return false;
        var delivered = Checkers.Prefix.Global.Count;
        foreach (var sid in options.Layout.AllIds)
        {
            var state = cluster.StateOf(sid);
            if (state is null || Checkers.Prefix.DeliveredCount(sid) != delivered) return false;
            var expected = sid == leader ? ServerState.Leading : options.Layout.IsVoter(sid) ? ServerState.Following : ServerState.Observing;
            if (state.State != expected || (sid != leader && state.LeaderSid != leader)) return false;
        }
        return true;
    }

    /// <summary>The live peer that leads and has announced an established epoch, if any.</summary>
    private long? EstablishedLeader()
    {
        foreach (var sid in options.Layout.VoterIds)
        {
            if (cluster.StateOf(sid) is { State: ServerState.Leading } && cluster.EstablishedEpochOf(sid) is not null) return sid;
        }
        return null;
    }

    /// <summary>What is still outstanding, one line each, for a liveness failure report.</summary>
    private IEnumerable<string> Pending()
    {
        var leader = EstablishedLeader();
        yield return leader is null ? "no established leader" : $"leader {leader} (epoch {cluster.EstablishedEpochOf(leader.Value)})";
        var delivered = Checkers.Prefix.Global.Count;
        foreach (var sid in options.Layout.AllIds)
        {
            var state = cluster.StateOf(sid);
            var status = cluster.IsUp(sid)
                ? state is null ? "announced no state" : $"{state.State} leader {state.LeaderSid?.ToString() ?? "-"} epoch {state.Epoch}"
                : "down";
            yield return $"peer {sid}: {status}, delivered {Checkers.Prefix.DeliveredCount(sid)} of {delivered}";
        }
        foreach (var line in workload.Pending()) yield return line;
    }
}
