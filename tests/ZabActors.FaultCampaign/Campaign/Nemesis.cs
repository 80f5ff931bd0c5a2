namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// Chooses and injects each round's fault from the campaign's seeded generator, and remembers what is
/// broken: servers killed and left down, a paused or isolated server until its heal. It never takes
/// down more voters than leave a quorum: once the tolerance is spent, the next fault restarts the killed.
/// </summary>
internal sealed class Nemesis(NodeEnsemble nodes, Random random)
{
    private readonly HashSet<long> killed = [];
    private readonly HashSet<long> frozen = [];
    private readonly HashSet<long> isolated = [];

    /// <summary>Servers the clients may try: running and not frozen (isolated ones stay, they answer).</summary>
    public IReadOnlyList<long> Reachable()
    {
        lock (killed)
        {
            var up = nodes.Servers.Where(s => !killed.Contains(s) && !frozen.Contains(s)).ToList();
            return up.Count == 0 ? nodes.Servers : up;
        }
    }

    public IReadOnlyCollection<long> Running()
    {
        lock (killed)
        {
            return [.. nodes.Servers.Where(s => !killed.Contains(s))];
        }
    }

    public FaultKind Choose()
    {
        var killedVoters = killed.Count(nodes.Voters.Contains);
        if (killedVoters >= nodes.Tolerance)
        {
            return FaultKind.RestartKilled;
        }
        var weighted = new List<FaultKind> { FaultKind.KillLeader, FaultKind.KillLeader, FaultKind.KillFollower, FaultKind.KillFollower, FaultKind.Partition, FaultKind.Partition, FaultKind.Pause };
        if (killed.Count > 0)
        {
            weighted.Add(FaultKind.RestartKilled);
        }
        return weighted[random.Next(weighted.Count)];
    }

    public async Task<InjectedFault> InjectAsync(FaultKind kind)
    {
        var leader = await nodes.AnyLeaderAsync().ConfigureAwait(false);
        var up = Running().ToList();
        var keepDown = random.Next(2) == 0;
        var someone = up[random.Next(up.Count)];
        switch (kind)
        {
            case FaultKind.KillLeader:
                return Kill(kind, leader ?? someone, leader is null ? "kill -9 of server {0} (no leader known)" : "kill -9 of leader {0}", keepDown);
            case FaultKind.KillFollower:
                var others = up.Where(s => s != leader).ToList();
                var victim = others.Count == 0 ? someone : others[random.Next(others.Count)];
                return Kill(kind, victim, nodes.Voters.Contains(victim) ? "kill -9 of follower {0}" : "kill -9 of observer {0}", keepDown);
            case FaultKind.RestartKilled:
                return RestartKilled();
            case FaultKind.Partition:
                return await IsolateAsync(random.Next(2) == 0 && leader is { } l ? l : someone, leader).ConfigureAwait(false);
            default:
                return Pause(someone, leader);
        }
    }

    /// <summary>Ends every fault: continues frozen servers, heals partitions, restarts the killed.</summary>
    public async Task<string> HealAllAsync()
    {
        var notes = new List<string>();
        foreach (var sid in frozen.ToList())
        {
            Thaw(sid);
            notes.Add($"SIGCONT {sid}");
        }
        foreach (var sid in Running())
        {
            await nodes.HealAsync(sid).ConfigureAwait(false);
        }
        isolated.Clear();
        var restart = RestartKilled();
        notes.Add(await restart.HealAsync().ConfigureAwait(false));
        return string.Join(", ", notes.Where(n => n.Length > 0));
    }

    private InjectedFault Kill(FaultKind kind, long sid, string what, bool keepDown)
    {
        lock (killed)
        {
            killed.Add(sid);
        }
        nodes.Kill(sid);
        var description = string.Format(System.Globalization.CultureInfo.InvariantCulture, what, sid);
        return new InjectedFault(kind, sid, description, () =>
        {
            if (keepDown)
            {
                return Task.FromResult($"server {sid} stays down");
            }
            Restart(sid);
            return Task.FromResult($"restarted {sid}");
        });
    }

    private InjectedFault RestartKilled()
    {
        var down = killed.Order().ToList();
        return new InjectedFault(FaultKind.RestartKilled, null, down.Count == 0 ? "nothing to restart" : $"restart of {string.Join(",", down)}", () =>
        {
            foreach (var sid in down)
            {
                Restart(sid);
            }
            return Task.FromResult(down.Count == 0 ? "" : $"restarted {string.Join(",", down)}");
        });
    }

    private void Restart(long sid)
    {
        lock (killed)
        {
            killed.Remove(sid);
        }
        nodes.Restart(sid);
    }

    private async Task<InjectedFault> IsolateAsync(long sid, long? leader)
    {
        var done = await nodes.IsolateAsync(sid).ConfigureAwait(false);
        isolated.Add(sid);
        var role = sid == leader ? "leader" : "server";
        return new InjectedFault(FaultKind.Partition, sid, $"partition of {role} {sid} from all others{(done ? "" : " (not acknowledged)")}", async () =>
        {
            var healed = await nodes.HealAsync(sid).ConfigureAwait(false);
            isolated.Remove(sid);
            return healed ? $"healed {sid}" : $"heal of {sid} not acknowledged";
        });
    }

    private InjectedFault Pause(long sid, long? leader)
    {
        var done = nodes.Pause(sid);
        if (done)
        {
            lock (killed)
            {
                frozen.Add(sid);
            }
        }
        var role = sid == leader ? "leader" : "server";
        return new InjectedFault(FaultKind.Pause, sid, $"SIGSTOP of {role} {sid}{(done ? "" : " (failed)")}", () =>
        {
            Thaw(sid);
            return Task.FromResult($"SIGCONT {sid}");
        });
    }

    private void Thaw(long sid)
    {
        nodes.Resume(sid);
        lock (killed)
        {
            frozen.Remove(sid);
        }
    }
}
