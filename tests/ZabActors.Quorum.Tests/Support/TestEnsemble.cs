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

    public TestEnsemble(ZabActors.TestKit.TestKit kit, int voters, params long[] observers)
    {
        this.kit = kit;
        Servers = TestTiming.Servers(voters, observers);
        Events = EventRecorder.Start(kit.Sys);
        foreach (var server in Servers)
        {
            Storage[server.Id] = new InMemoryPeerStorage();
        }
    }

    public IReadOnlyList<QuorumServer> Servers { get; }

    public InProcessQuorumNetwork Network { get; } = new();

    public Dictionary<long, InMemoryPeerStorage> Storage { get; } = [];

    public Dictionary<long, ListStateMachine> Machines { get; } = [];

    public Dictionary<long, IActorRef> Peers { get; } = [];

    public List<object> Events { get; }

    public DeterministicRuntime Runtime => kit.Runtime;

    public IActorRef Start(long sid)
    {
        var settings = new QuorumPeerSettings(sid, Servers, TestTiming.Timing);
        generation[sid] = generation.GetValueOrDefault(sid) + 1;
        var peer = kit.Sys.ActorOf(
            QuorumPeerActor.Props(settings, Storage[sid], Network, () => Machines[sid] = new ListStateMachine()),
            $"peer{sid}-{generation[sid]}");
        Peers[sid] = peer;
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

    public PeerStateChanged? LastState(long sid) => Events.OfType<PeerStateChanged>().LastOrDefault(e => e.Sid == sid);

    /// <summary>The peer that leads in broadcast now, if any.</summary>
    public long? EstablishedLeader()
    {
        foreach (var established in Events.OfType<LeaderEstablishedEvent>().Reverse())
        {
            var state = LastState(established.Sid);
            if (Peers.ContainsKey(established.Sid) && state is { State: ServerState.Leading } && state.Epoch == established.Epoch)
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
        return Peers.Keys.All(sid => LastState(sid) is { } s && s.LeaderSid == leader && s.Epoch == epoch && s.State != ServerState.Looking);
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

    public IReadOnlyList<Txn> Delivered(long sid) =>
        [.. Events.OfType<TxnDelivered>().Where(e => e.Sid == sid).Select(e => e.Txn)];

    public static byte[] Payload(int i) => System.Text.Encoding.UTF8.GetBytes($"write-{i}");
}
