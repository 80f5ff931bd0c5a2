using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// Whole peers on the test kit's deterministic runtime, connected by an <see cref="InProcessQuorumNetwork"/>:
/// start, stop, crash and restart peers, and follow what they publish.
/// </summary>
internal sealed class TestEnsemble
{
    private readonly ZabActors.TestKit.TestKit kit;
    private readonly Dictionary<long, int> generation = [];
    private readonly Dictionary<long, int> startedAt = [];

    public TestEnsemble(ZabActors.TestKit.TestKit kit, int voters, params long[] observers)
        : this(kit, TestTiming.Timing, voters, observers)
    {
    }

    public TestEnsemble(ZabActors.TestKit.TestKit kit, ZabTiming timing, int voters, params long[] observers)
        : this(kit, timing, null, voters, observers)
    {
    }

    /// <param name="timeline">where the network (and any <see cref="CrashingPeerStorage"/> built on it) records, in one order.</param>
    public TestEnsemble(ZabActors.TestKit.TestKit kit, ZabTiming timing, Timeline? timeline, int voters, params long[] observers)
    {
        this.kit = kit;
        Timing = timing;
        Timeline = timeline;
        Network = new TappedNetwork(new InProcessQuorumNetwork(), timeline);
        Servers = TestTiming.Servers(voters, observers);
        Events = EventRecorder.Start(kit.Sys);
        foreach (var server in Servers)
        {
            Storage[server.Id] = new InMemoryPeerStorage();
        }
    }

    public IReadOnlyList<QuorumServer> Servers { get; }

    public ZabTiming Timing { get; }

    public TappedNetwork Network { get; }

    public InProcessQuorumNetwork Wire => Network.Inner;

    public Dictionary<long, InMemoryPeerStorage> Storage { get; } = [];

    /// <summary>Storage a peer starts on instead of its <see cref="Storage"/> entry (a wrapper around it, usually).</summary>
    public Dictionary<long, IPeerStorage> StorageOverride { get; } = [];

    public Timeline? Timeline { get; }

    /// <summary>Settings per peer beyond the ensemble and timing (e.g. snap-count); identity by default.</summary>
    public Func<QuorumPeerSettings, QuorumPeerSettings> Configure { get; set; } = settings => settings;

    public Dictionary<long, ListStateMachine> Machines { get; } = [];

    public Dictionary<long, IActorRef> Peers { get; } = [];

    public List<object> Events { get; }

    public DeterministicRuntime Runtime => kit.Runtime;

    public IActorRef Start(long sid)
    {
        var settings = Configure(new QuorumPeerSettings(sid, Servers, Timing));
        generation[sid] = generation.GetValueOrDefault(sid) + 1;
        var storage = StorageOverride.GetValueOrDefault(sid) ?? Storage[sid];
        var peer = kit.Sys.ActorOf(
            QuorumPeerActor.Props(settings, storage, Network, () => Machines[sid] = new ListStateMachine()),
            $"peer{sid}-{generation[sid]}");
        Peers[sid] = peer;
        startedAt[sid] = Events.Count;
        return peer;
    }

    public void StartAll()
    {
        foreach (var server in Servers)
        {
            Start(server.Id);
        }
    }

    /// <summary>Stops the peer's actors and waits until they are gone.</summary>
    public void Stop(long sid)
    {
        var peer = Peers[sid];
        kit.Sys.Stop(peer);
        Peers.Remove(sid);
        Runtime.RunUntil(() => ((IInternalActorRef)peer).IsTerminated, TimeSpan.FromSeconds(1));
    }

    /// <summary>A process crash: the peer stops and loses whatever it had not flushed.</summary>
    public void Crash(long sid)
    {
        Stop(sid);
        Storage[sid].Crash();
    }

    /// <summary>The last state the peer's current incarnation published.</summary>
    public PeerStateChanged? LastState(long sid) =>
        Events.Skip(startedAt.GetValueOrDefault(sid)).OfType<PeerStateChanged>().LastOrDefault(e => e.Sid == sid);

    /// <summary>The peer that leads in broadcast now, if any.</summary>
    public long? EstablishedLeader()
    {
        foreach (var established in Events.OfType<LeaderEstablishedEvent>().Reverse())
        {
            var state = LastState(established.Sid);
            if (Peers.ContainsKey(established.Sid) && state is { State: ServerState.Leading, Phase: ZabState.Broadcast } && state.Epoch == established.Epoch)
            {
                return established.Sid;
            }
        }
        return null;
    }

    /// <summary>True when a leader is established and every running peer follows or observes it in broadcast (same epoch).</summary>
    public bool Settled()
    {
        if (EstablishedLeader() is not { } leader)
        {
            return false;
        }
        var epoch = LastState(leader)!.Epoch;
        return Peers.Keys.All(sid => LastState(sid) is { Phase: ZabState.Broadcast } s && s.LeaderSid == leader && s.Epoch == epoch);
    }

    public long AwaitSettled(TimeSpan? within = null)
    {
        if (!Runtime.RunUntil(Settled, within ?? TimeSpan.FromSeconds(30)))
        {
            var states = string.Join("; ", Peers.Keys.Order().Select(sid => $"{sid}: {LastState(sid)}"));
            throw new Xunit.Sdk.XunitException($"the ensemble did not settle: {states}");
        }
        return EstablishedLeader()!.Value;
    }

    /// <summary>Seeds a peer's storage as if it had logged these transactions and saved these epochs.</summary>
    public void Seed(long sid, long acceptedEpoch, long currentEpoch, params Txn[] txns)
    {
        foreach (var txn in txns)
        {
            Storage[sid].Log.Append(txn);
        }
        Storage[sid].Log.Flush();
        Storage[sid].Epochs.Save(acceptedEpoch, currentEpoch);
    }

    /// <summary>Runs the runtime for <paramref name="duration"/> of virtual time.</summary>
    public void Run(TimeSpan duration) => Runtime.Advance(duration);

    /// <summary>Submits writes from <paramref name="client"/> to <paramref name="sid"/> without waiting; request ids follow <paramref name="firstId"/>.</summary>
    public void Submit(ZabActors.TestKit.TestProbe client, long sid, int firstId, int count)
    {
        for (var i = firstId; i < firstId + count; i++)
        {
            client.Send(Peers[sid], new ClientWrite(i, Payload(i)));
        }
    }

    /// <summary>Writes and waits for every commit; fails on any refusal.</summary>
    public IReadOnlyList<WriteCommitted> Commit(ZabActors.TestKit.TestProbe client, long sid, int firstId, int count)
    {
        Submit(client, sid, firstId, count);
        var replies = client.ReceiveN(count, TimeSpan.FromSeconds(30));
        var failed = replies.OfType<WriteFailed>().FirstOrDefault();
        Assert.True(failed is null, $"write refused: {failed}");
        return [.. replies.Cast<WriteCommitted>()];
    }

    /// <summary>The application payloads a peer's state machine holds, in order.</summary>
    public IReadOnlyList<string> State(long sid) =>
        [.. Machines[sid].Applied.Select(txn => System.Text.Encoding.UTF8.GetString(ClientTxn.Payload(txn).Span))];

    public IReadOnlyList<Txn> Delivered(long sid) =>
        [.. Events.OfType<TxnDelivered>().Where(e => e.Sid == sid).Select(e => e.Txn)];

    public static byte[] Payload(int i) => System.Text.Encoding.UTF8.GetBytes($"write-{i}");

    /// <summary>The client payload of a transaction, as text.</summary>
    public static string Text(Txn txn) => System.Text.Encoding.UTF8.GetString(ClientTxn.Payload(txn).Span);

    /// <summary>
    /// Zab's safety after recovery, checked on the running peers: they all hold one history, and it
    /// holds every transaction any peer ever delivered (a delivered transaction was committed) and
    /// every write a client was told was committed, in the order they were delivered.
    /// </summary>
    public void AssertNoCommittedTxnLost(IEnumerable<WriteCommitted> acknowledged)
    {
        var reference = Peers.Keys.Min();
        var history = Machines[reference].Applied.ToList();
        foreach (var sid in Peers.Keys)
        {
            Assert.Equal(history, Machines[sid].Applied);
        }
        var delivered = Events.OfType<TxnDelivered>().Select(e => e.Txn).Distinct().OrderBy(txn => txn.Zxid).ToList();
        var missing = delivered.Except(history).ToList();
        Assert.True(missing.Count == 0, $"delivered but lost: {string.Join(", ", missing.Select(txn => $"{txn.Zxid} {Text(txn)}"))}");
        var zxids = history.Select(txn => txn.Zxid).ToHashSet();
        var lost = acknowledged.Where(ack => !zxids.Contains(ack.Zxid)).ToList();
        Assert.True(lost.Count == 0, $"acknowledged but lost: {string.Join(", ", lost)}");
    }
}
