namespace ZabActors.Simulation.Network;

/// <summary>The simulated network's fault controls: partitions, dropped connections and clogged links.</summary>
public sealed partial class SimulatedNetwork
{
    private readonly Dictionary<(long From, long To), TimeSpan> cloggedUntil = new();
    private Dictionary<long, int>? groupOf;

    /// <summary>True while a partition is in force.</summary>
    public bool IsPartitioned => groupOf is not null;

    /// <summary>
    /// Splits the servers into groups that cannot reach each other: connections across groups are
    /// closed and election traffic between them is dropped. A server in no group is isolated.
    /// </summary>
    public void Partition(IReadOnlyList<IReadOnlyCollection<long>> groups)
    {
        var map = new Dictionary<long, int>();
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var sid in groups[i]) map[sid] = i;
        }
        groupOf = map;
        CloseWhere(c => !Reachable(c.LearnerSid, c.LeaderSid), "network partition");
    }

    /// <summary>Every server reaches every other again; connections closed by the partition stay closed.</summary>
    public void Heal() => groupOf = null;

    /// <summary>Closes one live connection picked with the seeded generator; null when none is open.</summary>
    public string? DropRandomConnection()
    {
        if (connections.Count == 0)
        {
            return null;
        }
        var victim = connections.Values.OrderBy(c => c.Id).ElementAt(random.Next(connections.Count));
        Close(victim, "connection reset");
        return victim.ToString();
    }

    /// <summary>Messages from <paramref name="from"/> to <paramref name="to"/> are held back until <paramref name="duration"/> from now.</summary>
    public void Clog(long from, long to, TimeSpan duration) => cloggedUntil[(from, to)] = scheduler.Elapsed + duration;

    /// <summary>Ends every clog at once (liveness mode).</summary>
    public void Unclog()
    {
        cloggedUntil.Clear();
    }

    /// <summary>Liveness mode: no more election loss or replays; delays stay.</summary>
    public void StopFaults()
    {
        Heal();
        Unclog();
        options = options with { ElectionLossProbability = 0, ElectionReplayProbability = 0 };
    }

    /// <summary>A crash: the server is gone at once, its connections closed (the other ends learn of it).</summary>
    public void Crash(long sid) => CloseWhere(c => c.Connects(sid), $"server {sid} crashed");

    private bool Reachable(long from, long to) =>
        groupOf is null || (groupOf.TryGetValue(from, out var a) && groupOf.TryGetValue(to, out var b) && a == b);

    /// <summary>One message's delay: a seeded base latency, plus whatever clogging adds.</summary>
    private TimeSpan Delay(long from, long to)
    {
        var now = scheduler.Elapsed;
        var delay = TimeSpan.FromMilliseconds(random.Next(options.DelayMinMs, options.DelayMaxMs + 1));
        if (cloggedUntil.TryGetValue((from, to), out var until) && until > now)
        {
            delay += until - now;
        }
        return delay;
    }
}
