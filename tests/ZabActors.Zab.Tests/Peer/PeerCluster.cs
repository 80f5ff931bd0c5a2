namespace ZabActors.Zab.Tests.Peer;

/// <summary>
/// N <see cref="QuorumPeer"/>s wired through <see cref="PeerDriver"/> with in-memory storage, an
/// in-memory network and a virtual clock: no threads, no actors. Every message, link event and storage
/// confirmation is a delivery on a FIFO channel; the seeded generator picks which channel delivers next,
/// and time advances to the earliest peer deadline only when nothing is left to deliver.
/// </summary>
internal sealed partial class PeerCluster
{
    private const int DeliveriesMax = 500_000;

    private readonly Random random;
    private readonly Dictionary<string, Queue<Delivery>> channels = [];
    private readonly HashSet<string> held = [];
    private readonly Dictionary<string, long> delivered = [];
    private readonly Func<long, PeerOptions> optionsFor;

    public PeerCluster(int voters, long[]? observers = null, int seed = 1, ZabTiming? timing = null, Func<PeerOptions, PeerOptions>? tune = null)
    {
        random = new Random(seed);
        var verifier = new QuorumMaj(Enumerable.Range(1, voters).Select(i => (long)i), observers ?? []);
        var zabTiming = timing ?? Z.Timing;
        optionsFor = sid =>
        {
            var options = new PeerOptions(new PeerConfig(sid, verifier, zabTiming));
            return tune is null ? options : tune(options);
        };
        foreach (var sid in verifier.VotingMembers.Concat(verifier.ObservingMembers).Order())
        {
            Nodes[sid] = new Node(this, sid);
        }
        foreach (var sid in Nodes.Keys)
        {
            Start(sid);
        }
    }

    public SortedDictionary<long, Node> Nodes { get; } = [];

    public TimeSpan Now { get; private set; }

    /// <summary>Every packet sent on a link: (from, to, packet), in sending order.</summary>
    public List<(long From, long To, QuorumPacket Packet)> Packets { get; } = [];

    public Node this[long sid] => Nodes[sid];

    public IEnumerable<Node> Up => Nodes.Values.Where(node => node.IsUp);

    private sealed record Delivery(long To, int Incarnation, IPeerInput Input);

    /// <summary>(Re)starts a peer from its storage, as a process restart does.</summary>
    public void Start(long sid)
    {
        var node = Nodes[sid];
        node.Boot(optionsFor(sid));
        var snapshot = node.Storage.LatestSnapshot;
        var disk = node.Storage.Read(snapshot?.Zxid ?? Zxid.Zero, node.Peer.Options.Timing.CommittedLogSize);
        node.Driver.Step(new PeerStart(Now, disk, snapshot, FirstWriteSeq: node.Incarnation * 1_000_000L));
    }

    /// <summary>The peer's process dies: its volatile state is gone, its links close, its storage stays.</summary>
    public void Crash(long sid)
    {
        var node = Nodes[sid];
        node.IsUp = false;
        node.Incarnation++;
        CutLinks(link => link.LearnerSid == sid || link.LeaderSid == sid, $"server {sid} crashed");
    }

    public void HoldDisk(long sid) => held.Add(DiskChannel(sid));

    public void ReleaseDisk(long sid) => held.Remove(DiskChannel(sid));

    public void Write(long sid, long requestId, string payload) =>
        Nodes[sid].Driver.Step(new PeerWrite(requestId, Bytes.FromUtf8(payload)));

    /// <summary>Delivers and advances time until <paramref name="condition"/> holds; false if it never did within <paramref name="within"/>.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan within)
    {
        var deadline = Now + within;
        for (var deliveries = 0; deliveries < DeliveriesMax; deliveries++)
        {
            if (condition())
            {
                return true;
            }
            if (!DeliverOne() && !AdvanceTime(deadline))
            {
                return condition();
            }
        }
        throw new InvalidOperationException($"too many deliveries at {Now}: the cluster does not settle; busiest: {string.Join(", ", delivered.OrderByDescending(pair => pair.Value).Take(6).Select(pair => $"{pair.Key}={pair.Value}"))}; last events: {string.Join(" | ", Nodes.Values.SelectMany(node => node.Events.TakeLast(4).Select(evt => $"{node.Sid}: {evt}")))}");
    }

    /// <summary>Runs for <paramref name="span"/> of virtual time, delivering everything on the way.</summary>
    public void RunFor(TimeSpan span) => RunUntil(() => false, span);

    public bool Settle(TimeSpan within) => RunUntil(() => !channels.Any(pair => pair.Value.Count > 0 && !held.Contains(pair.Key)), within);

    /// <summary>The one peer that leads in broadcast and the peers that are in broadcast with it.</summary>
    public Node? EstablishedLeader => Up.SingleOrDefault(node => node.Peer.State == ServerState.Leading && node.Peer.IsBroadcasting);

    public bool AllInBroadcast(params long[] sids) =>
        (sids.Length == 0 ? Up : sids.Select(sid => Nodes[sid])).All(node => node.IsUp && node.Peer.IsBroadcasting)
        && EstablishedLeader is not null;

    /// <summary>Runs until every up peer is in broadcast under one established leader.</summary>
    public void Establish()
    {
        if (!RunUntil(() => AllInBroadcast(), TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("the cluster did not establish a leader");
        }
    }

    /// <summary>Submits a write to <paramref name="sid"/> and runs until that peer answers it; the answer.</summary>
    public IPeerEvent Commit(long sid, long requestId, string payload)
    {
        Write(sid, requestId, payload);
        IPeerEvent? answer = null;
        RunUntil(() => (answer = Answer(sid, requestId)) is not null, TimeSpan.FromSeconds(30));
        return answer ?? throw new InvalidOperationException($"write {requestId} on {sid} was never answered");
    }

    public IPeerEvent? Answer(long sid, long requestId) => Nodes[sid].Events.FirstOrDefault(evt =>
        evt is PeerWriteCommitted committed && committed.RequestId == requestId
        || evt is PeerWriteFailed failed && failed.RequestId == requestId);

    private void Enqueue(string channel, long to, IPeerInput input)
    {
        var node = Nodes[to];
        if (!node.IsUp)
        {
            return;
        }
        if (!channels.TryGetValue(channel, out var queue))
        {
            channels[channel] = queue = new Queue<Delivery>();
        }
        queue.Enqueue(new Delivery(to, node.Incarnation, input));
    }

    private bool DeliverOne()
    {
        var ready = channels.Where(pair => pair.Value.Count > 0 && !held.Contains(pair.Key)).Select(pair => pair.Key).Order().ToList();
        if (ready.Count == 0)
        {
            return false;
        }
        var channel = ready[random.Next(ready.Count)];
        var kind = channels[channel].Peek().Input switch
        {
            NotificationReceived n => $"{channel} {n.Notification.State}",
            LinkPacket p => $"{channel} {p.Packet.GetType().Name}",
            var other => $"{channel} {other.GetType().Name}",
        };
        delivered[kind] = delivered.GetValueOrDefault(kind) + 1;
        var delivery = channels[channel].Dequeue();
        if (channels[channel].Count == 0)
        {
            channels.Remove(channel);
        }
        var node = Nodes[delivery.To];
        if (node.IsUp && node.Incarnation == delivery.Incarnation)
        {
            node.Driver.Step(delivery.Input);
        }
        return true;
    }

    private bool AdvanceTime(TimeSpan deadline)
    {
        var next = Up.Select(node => node.Peer.NextDeadline).Where(due => due.HasValue).Select(due => due!.Value).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        if (next > deadline)
        {
            Now = deadline;
            return false;
        }
        Now = next > Now ? next : Now;
        foreach (var node in Up.ToList())
        {
            node.Driver.Tick(Now);
        }
        return true;
    }

    private static string DiskChannel(long sid) => $"disk-{sid}";
}
