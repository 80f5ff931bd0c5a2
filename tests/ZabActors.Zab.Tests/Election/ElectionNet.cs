namespace ZabActors.Zab.Tests;

/// <summary>
/// A tiny in-test network of <see cref="FastLeaderElection"/> machines: it delivers notifications in
/// send order, drops those to stopped or partitioned peers, and advances every peer's clock together.
/// </summary>
internal sealed class ElectionNet
{
    private readonly Dictionary<long, PeerConfig> configs = [];
    private readonly HashSet<long> running = [];
    private readonly Queue<(long From, Envelope Envelope)> inflight = new();
    private readonly HashSet<(long, long)> cut = [];

    public ElectionNet(IQuorumVerifier verifier, IEnumerable<long> members)
    {
        foreach (var sid in members)
        {
            configs[sid] = new PeerConfig(sid, verifier, Z.Timing);
        }
    }

    public static ElectionNet Majority(int voters, params long[] observers)
    {
        var verifier = new QuorumMaj(Enumerable.Range(1, voters).Select(i => (long)i), observers);
        return new ElectionNet(verifier, verifier.VotingMembers.Concat(observers));
    }

    public Dictionary<long, FastLeaderElection> Peers { get; } = [];

    public Dictionary<long, Decided> Decisions { get; } = [];

    public List<ProtocolViolation> Violations { get; } = [];

    public int Delivered { get; private set; }

    public FastLeaderElection this[long sid] => Peers[sid];

    /// <summary>Starts (or restarts in a new round) the election of <paramref name="sid"/>.</summary>
    public void Start(long sid, Zxid lastLogged, long currentEpoch = 1, bool freshInstance = false)
    {
        if (freshInstance || !Peers.ContainsKey(sid))
        {
            Peers[sid] = new FastLeaderElection(configs[sid]);
        }
        running.Add(sid);
        Decisions.Remove(sid);
        Peers[sid].Step(new StartElection(lastLogged, currentEpoch));
        Collect(sid);
        foreach (var other in running.Where(other => other != sid && !cut.Contains((other, sid))).Order())
        {
            Peers[other].Step(new PeerConnected(sid));
            Collect(other);
        }
    }

    public void Stop(long sid) => running.Remove(sid);

    public void Partition(IEnumerable<long> side)
    {
        var left = side.ToHashSet();
        foreach (var a in configs.Keys)
        {
            foreach (var b in configs.Keys.Where(b => left.Contains(a) != left.Contains(b)))
            {
                cut.Add((a, b));
            }
        }
    }

    public void Inject(long to, Notification notification)
    {
        Peers[to].Step(notification);
        Collect(to);
    }

    public void Deliver()
    {
        while (inflight.TryDequeue(out var item))
        {
            var to = item.Envelope.To;
            if (!running.Contains(to) || cut.Contains((item.From, to)))
            {
                continue;
            }
            Delivered++;
            Peers[to].Step((Notification)item.Envelope.Message);
            Collect(to);
        }
    }

    /// <summary>Advances every running peer's clock by <paramref name="ms"/>, firing timers in order.</summary>
    public void Advance(long ms)
    {
        var remaining = ms;
        Deliver();
        while (remaining > 0)
        {
            var due = running.Select(sid => Peers[sid].DueInMs).Where(d => d.HasValue).Select(d => d!.Value).DefaultIfEmpty(remaining).Min();
            var step = Math.Clamp(due, 1, remaining);
            foreach (var sid in running.Order())
            {
                Peers[sid].Tick(step);
                Collect(sid);
            }
            remaining -= step;
            Deliver();
        }
    }

    public List<Envelope> SentBy(long sid) => sent.Where(s => s.From == sid).Select(s => s.Envelope).ToList();

    private readonly List<(long From, Envelope Envelope)> sent = [];

    private void Collect(long sid)
    {
        var ready = Peers[sid].TakeOutputs();
        foreach (var envelope in ready.Send)
        {
            inflight.Enqueue((sid, envelope));
            sent.Add((sid, envelope));
        }
        foreach (var decided in ready.Of<Decided>())
        {
            Decisions[sid] = decided;
        }
        Violations.AddRange(ready.Of<ProtocolViolation>());
    }
}
