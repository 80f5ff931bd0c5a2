using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.TestKit;
using ZabActors.Transport;

namespace ZabActors.Transport.Tests;

/// <summary>A setup that sets nothing, for servers that need none.</summary>
internal sealed class NoSetup : Setup;

/// <summary>One test peer node: its own ActorSystem on 127.0.0.1, a probe standing in for the peer root, and its transport.</summary>
public sealed record PeerNode(long Sid, long Incarnation, ActorSystem System, TestProbe Root, IActorRef Transport)
{
    /// <summary>Where the transport delivers its events: <see cref="Root"/> itself unless the test put an actor in front of it.</summary>
    public IActorRef RootRef { get; init; } = Root.Ref;

    public Address Address => ((ExtendedActorSystem)System).Provider.DefaultAddress;

    public int Port => Address.Port ?? throw new InvalidOperationException("no port");
}

/// <summary>
/// Starts several ActorSystems in the test process, each on a free 127.0.0.1 port, then a
/// <see cref="PeerTransportActor"/> at <c>/user/transport</c> in each with the ensemble of all their
/// addresses. Failure detectors and the retry gate are short so that tests can outlast them quickly.
/// </summary>
public sealed class PeerNodes : IDisposable
{
    public const string TransportName = "transport";

    /// <summary>Akka settings for fast tests: a transport failure detector that gives up after about a second.</summary>
    public const string FastFailureDetection = """
        akka.loglevel = INFO
        akka.stdout-loglevel = WARNING
        akka.remote.log-remote-lifecycle-events = off
        akka.remote.transport-failure-detector.heartbeat-interval = 200ms
        akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 1s
        akka.remote.watch-failure-detector.heartbeat-interval = 200ms
        akka.remote.watch-failure-detector.acceptable-heartbeat-pause = 1s
        akka.remote.retry-gate-closed-for = 200ms
        akka.remote.shutdown-timeout = 2s
        akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 5s
        """;

    private readonly Akka.TestKit.Xunit2.TestKit kit;
    private readonly Func<long, PeerEndpointOptions> options;
    private readonly string extraHocon;
    private readonly Func<TestProbe, Props>? rootProps;
    private readonly Func<long, Setup?> setupOf;
    private readonly List<ActorSystem> systems = [];
    private Dictionary<long, Address> ensemble = [];

    private PeerNodes(Akka.TestKit.Xunit2.TestKit kit, Func<long, PeerEndpointOptions> options, string extraHocon, Func<TestProbe, Props>? rootProps, Func<long, Setup?>? setupOf)
    {
        this.setupOf = setupOf ?? (_ => null);
        this.rootProps = rootProps;
        this.kit = kit;
        this.options = options;
        this.extraHocon = extraHocon;
    }

    public Dictionary<long, PeerNode> Nodes { get; } = [];

    public PeerNode this[long sid] => Nodes[sid];

    public IReadOnlyDictionary<long, Address> Ensemble => ensemble;

    /// <summary>Starts servers 1..<paramref name="count"/>; <paramref name="options"/> picks each one's endpoint (port 0 by default).</summary>
    /// <param name="rootProps">an actor to stand in front of each root probe (it gets the probe), or null for the probe alone.</param>
    /// <param name="setupOf">a setup (such as TLS pinning) for a server's ActorSystem, or null.</param>
    public static PeerNodes Start(
        Akka.TestKit.Xunit2.TestKit kit,
        int count,
        Func<long, PeerEndpointOptions>? options = null,
        string extraHocon = "",
        Func<TestProbe, Props>? rootProps = null,
        Func<long, Setup?>? setupOf = null)
    {
        var nodes = new PeerNodes(kit, options ?? (_ => new PeerEndpointOptions("127.0.0.1", 0)), extraHocon, rootProps, setupOf);
        var started = Enumerable.Range(1, count).Select(i => (Sid: (long)i, System: nodes.StartSystem(i, port: null))).ToList();
        nodes.ensemble = started.ToDictionary(s => s.Sid, s => ((ExtendedActorSystem)s.System).Provider.DefaultAddress);
        foreach (var (sid, system) in started)
        {
            nodes.Nodes[sid] = nodes.StartTransport(sid, incarnation: 1, system);
        }
        return nodes;
    }

    /// <summary>Starts an ActorSystem with the same settings that is not part of the ensemble.</summary>
    public ActorSystem StartStranger(PeerEndpointOptions endpoint) => Track(ActorSystem.Create("zab", Config(endpoint)));

    /// <summary>Stops server <paramref name="sid"/>'s system and starts it again on the same port with the next incarnation.</summary>
    public PeerNode Restart(long sid)
    {
        var old = Nodes[sid];
        old.System.Terminate().Wait(TimeSpan.FromSeconds(15));
        var system = StartSystem(sid, old.Port);
        Nodes[sid] = StartTransport(sid, old.Incarnation + 1, system);
        return Nodes[sid];
    }

    public void Dispose()
    {
        Task.WaitAll([.. systems.Select(s => s.Terminate())], TimeSpan.FromSeconds(20));
    }

    private ActorSystem StartSystem(long sid, int? port)
    {
        var endpoint = options(sid);
        var config = Config(port is { } p ? endpoint with { Port = p } : endpoint);
        var setup = BootstrapSetup.Create().WithConfig(config).And(setupOf(sid) ?? new NoSetup());
        return Track(ActorSystem.Create("zab", setup));
    }

    private Config Config(PeerEndpointOptions endpoint) =>
        ConfigurationFactory.ParseString(extraHocon)
            .WithFallback(ConfigurationFactory.ParseString(FastFailureDetection))
            .WithFallback(TransportConfig.Remote(endpoint));

    private ActorSystem Track(ActorSystem system)
    {
        systems.Add(system);
        return system;
    }

    private PeerNode StartTransport(long sid, long incarnation, ActorSystem system)
    {
        var root = kit.CreateTestProbe(system, $"root-{sid}");
        var rootRef = rootProps is null ? root.Ref : system.ActorOf(rootProps(root), "root");
        var transport = system.ActorOf(PeerTransportActor.Props(rootRef, sid, incarnation, ensemble), TransportName);
        return new PeerNode(sid, incarnation, system, root, transport) { RootRef = rootRef };
    }
}
