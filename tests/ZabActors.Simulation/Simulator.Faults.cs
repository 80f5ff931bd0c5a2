namespace ZabActors.Simulation;

/// <summary>The safety phase's fault injection: each fault fires with its per-tick probability, respecting the stability times.</summary>
public sealed partial class Simulator
{
    private readonly Dictionary<long, (bool Up, int Since)> lifecycle = new();
    private int partitionChangedAt;
    private int crashes;
    private int restarts;
    private int partitions;
    private int drops;
    private int clogs;
    private int slowDisks;
    private int pauses;
    private int rots;

    private void InitFaults()
    {
        foreach (var sid in options.Layout.AllIds) lifecycle[sid] = (true, 0);
    }

    private void InjectFaults()
    {
        var faults = options.Faults;
        TrackLifecycle();
        PartitionOrHeal(faults);
        CrashOrRestart(faults);
        if (faultRandom.Chance(faults.ConnectionDropProbability) && network.DropRandomConnection() is { } dropped)
        {
            drops++;
            Note($"drop {dropped}");
        }
        if (faultRandom.Chance(faults.ClogProbability))
        {
            var ids = options.Layout.AllIds;
            var from = ids[faultRandom.Next(ids.Count)];
            var to = ids[faultRandom.Next(ids.Count)];
            var ms = faultRandom.Next(1, faults.ClogMaxMs + 1);
            if (from != to)
            {
                clogs++;
                network.Clog(from, to, TimeSpan.FromMilliseconds(ms));
                Note($"clog {from}->{to} for {ms}ms");
            }
        }
        if (faultRandom.Chance(faults.SlowDiskProbability))
        {
            var ids = options.Layout.AllIds;
            var sid = ids[faultRandom.Next(ids.Count)];
            var extra = faultRandom.Next(1, faults.SlowDiskMaxMs + 1);
            var duration = faultRandom.Next(1, faults.SlowDiskMaxDurationMs + 1);
            slowDisks++;
            cluster.Disks[sid].SlowDown(TimeSpan.FromMilliseconds(extra), TimeSpan.FromMilliseconds(duration));
            Note($"slow disk {sid}: +{extra}ms for {duration}ms");
        }
        PauseOrRot(faults);
    }

    /// <summary>A live server stops taking inputs for a while (its clock runs on); a disk of the rotting minority loses a bit.</summary>
    private void PauseOrRot(FaultOptions faults)
    {
        if (faultRandom.Chance(faults.PauseProbability))
        {
            var live = cluster.LivePeers.Where(peer => !cluster.IsPaused(peer.Sid)).ToList();
            var ms = faultRandom.Next(1, faults.PauseMaxMs + 1);
            if (live.Count > 0)
            {
                var peer = live[faultRandom.Next(live.Count)];
                pauses++;
                cluster.Pause(peer.Sid, ensemble.Now + TimeSpan.FromMilliseconds(ms));
                Note($"pause {peer} for {ms}ms");
            }
        }
        if (faults.RottingPeers.Count > 0 && faultRandom.Chance(faults.RotProbability))
        {
            var sid = faults.RottingPeers[faultRandom.Next(faults.RottingPeers.Count)];
            if (cluster.Disks[sid].Rot())
            {
                rots++;
            }
        }
    }

    /// <summary>Notes when each peer went down or came up (disk crash points crash peers from inside a step).</summary>
    private void TrackLifecycle()
    {
        foreach (var sid in options.Layout.AllIds)
        {
            var up = cluster.IsUp(sid);
            if (lifecycle[sid].Up != up) lifecycle[sid] = (up, tick);
        }
    }

    private void PartitionOrHeal(FaultOptions faults)
    {
        if (tick - partitionChangedAt < faults.PartitionStabilityTicks) return;
        if (!network.IsPartitioned && faultRandom.Chance(faults.PartitionProbability))
        {
            var groups = ChoosePartition();
            network.Partition(groups);
            partitions++;
            partitionChangedAt = tick;
            Note($"partition {string.Join(" | ", groups.Select(g => string.Join(",", g)))}");
        }
        else if (network.IsPartitioned && faultRandom.Chance(faults.HealProbability))
        {
            network.Heal();
            partitionChangedAt = tick;
            Note("heal");
        }
    }

    /// <summary>Isolates the leader or one random server, or splits the servers into two random non-empty groups.</summary>
    private IReadOnlyList<IReadOnlyCollection<long>> ChoosePartition()
    {
        var ids = options.Layout.AllIds;
        if (faultRandom.Chance(0.5))
        {
            var isolated = faultRandom.Chance(0.5) && CurrentLeader() is { } leader ? leader : ids[faultRandom.Next(ids.Count)];
            return [[isolated], [.. ids.Where(id => id != isolated)]];
        }
        while (true)
        {
            var left = ids.Where(_ => faultRandom.Chance(0.5)).ToList();
            if (left.Count > 0 && left.Count < ids.Count) return [left, [.. ids.Except(left)]];
        }
    }

    /// <summary>A live peer that says it leads (established or not), if any.</summary>
    private long? CurrentLeader() =>
        options.Layout.VoterIds.Where(sid => cluster.Live(sid) is { Core.State: Zab.ServerState.Leading }).Select(sid => (long?)sid).FirstOrDefault();

    private void CrashOrRestart(FaultOptions faults)
    {
        var ids = options.Layout.AllIds;
        // Half of the crash candidates are the leader: its loss exercises the most protocol.
        var sid = faultRandom.Chance(0.5) && CurrentLeader() is { } leader ? leader : ids[faultRandom.Next(ids.Count)];
        var (up, since) = lifecycle[sid];
        var down = ids.Count(id => !lifecycle[id].Up);
        if (up && tick - since >= faults.MinUpTicks && down < faults.MaxCrashed && faultRandom.Chance(faults.CrashProbability))
        {
            crashes++;
            cluster.Crash(sid, "simulated crash");
            lifecycle[sid] = (false, tick);
        }
        else if (!up && tick - since >= faults.MinDownTicks && faultRandom.Chance(faults.RestartProbability))
        {
            restarts++;
            cluster.Start(sid);
            lifecycle[sid] = (true, tick);
        }
    }

    private void Note(string what) => ensemble.History.Record(new Checkers.SimulatorAction(what));

    private string FaultSummary() =>
        $"faults: {crashes} crashes, {restarts} restarts, {partitions} partitions, {drops} drops, {clogs} clogs, {slowDisks} slow disks, {pauses} pauses, {rots} rots";
}
