using Akka.Actor;
using Akka.Configuration;
using ZabActors.Journal;
using ZabActors.Transport;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>One server of a <see cref="RemoteEnsemble"/>: its ActorSystem, its peer and the state machines it created.</summary>
internal sealed record EnsembleServer(long Sid, int Port, ActorSystem System, IActorRef Peer, List<ListStateMachine> Machines)
{
    /// <summary>The state machine of the peer's current life (the last one it created).</summary>
    public ListStateMachine Machine => Machines[^1];

    public PeerStatus Status() => Peer.Ask<PeerStatus>(GetPeerStatus.Instance, TimeSpan.FromSeconds(3)).Result;
}

/// <summary>
/// Whole peers in one test process: one ActorSystem per server on its own 127.0.0.1 port, peers talking over
/// Akka.Remote through their <see cref="PeerTransportActor"/>s, in real time with a 100 ms tick. Storage is the
/// in-memory journal, or SQLite files under a directory when one is given (then a server can be restarted
/// with its history).
/// </summary>
internal sealed class RemoteEnsemble : IDisposable
{
    private const string Fast = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.remote.log-remote-lifecycle-events = off
        akka.remote.transport-failure-detector.heartbeat-interval = 200ms
        akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 1s
        akka.remote.retry-gate-closed-for = 200ms
        akka.remote.shutdown-timeout = 2s
        akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 5s
        """;

    private readonly string? dataDir;
    private readonly List<ActorSystem> systems = [];
    private IReadOnlyList<QuorumServer> servers = [];

    private RemoteEnsemble(string? dataDir) => this.dataDir = dataDir;

    public Dictionary<long, EnsembleServer> Servers { get; } = [];

    public EnsembleServer this[long sid] => Servers[sid];

    /// <summary>Starts servers 1..<paramref name="count"/> on free ports, then a peer in each with everybody's address.</summary>
    public static RemoteEnsemble Start(int count, string? dataDir = null)
    {
        var ensemble = new RemoteEnsemble(dataDir);
        var started = Enumerable.Range(1, count).Select(i => (Sid: (long)i, System: ensemble.StartSystem(i, 0))).ToList();
        ensemble.servers = [.. started.Select(s => new QuorumServer(s.Sid, "127.0.0.1", Port(s.System), LearnerType.Participant))];
        foreach (var (sid, system) in started)
        {
            ensemble.StartPeer(sid, system);
        }
        return ensemble;
    }

    /// <summary>Ends server <paramref name="sid"/>'s ActorSystem (a crash as far as the others can tell).</summary>
    public void Kill(long sid)
    {
        var server = Servers[sid];
        server.System.Terminate().Wait(TimeSpan.FromSeconds(15));
    }

    /// <summary>Starts server <paramref name="sid"/> again on its port, from its storage.</summary>
    public EnsembleServer Restart(long sid)
    {
        var old = Servers[sid];
        var system = StartSystem(sid, old.Port);
        return StartPeer(sid, system, old.Machines);
    }

    /// <summary>The one leader, when every live server is in broadcast with it; null otherwise.</summary>
    public long? AgreedLeader(IEnumerable<long> live)
    {
        var statuses = live.Select(sid => Servers[sid].Status()).ToList();
        var leaders = statuses.Where(s => s.State == ServerState.Leading).ToList();
        if (leaders.Count != 1 || statuses.Any(s => s.LeaderSid != leaders[0].Sid || s.Phase != ZabState.Broadcast))
        {
            return null;
        }
        return leaders[0].Sid;
    }

    public void Dispose() => Task.WaitAll([.. systems.Select(s => s.Terminate())], TimeSpan.FromSeconds(20));

    private static int Port(ActorSystem system) =>
        ((ExtendedActorSystem)system).Provider.DefaultAddress.Port ?? throw new InvalidOperationException("no port");

    private ActorSystem StartSystem(long sid, int port)
    {
        var storage = dataDir is null
            ? ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """)
            : ZabJournalConfig.Sqlite(Path.Combine(dataDir, $"server-{sid}", "zab.db"));
        var config = ConfigurationFactory.ParseString(Fast)
            .WithFallback(storage)
            .WithFallback(TransportConfig.Remote(new PeerEndpointOptions("127.0.0.1", port)))
            .WithFallback(QuorumConfig.Defaults);
        var system = ActorSystem.Create("zab", config);
        systems.Add(system);
        return system;
    }

    private EnsembleServer StartPeer(long sid, ActorSystem system, List<ListStateMachine>? machines = null)
    {
        machines ??= [];
        var settings = new QuorumPeerSettings(sid, servers, TestTiming.Timing) { TxnLogDispatcher = "zab.actor.default-dispatcher" };
        var list = machines;
        var peer = system.ActorOf(QuorumPeerActor.Props(settings, () =>
        {
            var machine = new ListStateMachine();
            lock (list)
            {
                list.Add(machine);
            }
            return machine;
        }), "peer");
        var server = new EnsembleServer(sid, Port(system), system, peer, machines);
        Servers[sid] = server;
        return server;
    }
}
