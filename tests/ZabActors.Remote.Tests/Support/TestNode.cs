using Xunit.Abstractions;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote.Tests.Support;

/// <summary>One remoting node under test: an endpoint manager over real TCP on 127.0.0.1 (or a given
/// transport), with its inbox, lifecycle events and log lines.</summary>
public sealed class TestNode : IAsyncDisposable
{
    public const string System = "zab";

    /// <summary>Test settings: free port, quick reconnects. Heartbeat timing only matters with a manual clock.</summary>
    public static readonly RemoteSettings FastSettings = RemoteSettings.Default with
    {
        Port = 0,
        ReconnectBackoffMin = TimeSpan.FromMilliseconds(10),
        ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    private TestNode(EndpointManager manager, Inbox inbox, EventLog events, CapturingLoggerProvider logs, FailureInjectorTransportAdapter? injector)
    {
        Manager = manager;
        Inbox = inbox;
        Events = events;
        Logs = logs;
        Injector = injector;
    }

    public EndpointManager Manager { get; }
    public Inbox Inbox { get; }
    public EventLog Events { get; }
    public CapturingLoggerProvider Logs { get; }
    public FailureInjectorTransportAdapter? Injector { get; }
    public RemoteAddress Address => Manager.LocalAddress;
    public long NodeId => Manager.NodeId;

    public static async Task<TestNode> StartAsync(
        long nodeId,
        ITestOutputHelper? output = null,
        RemoteSettings? settings = null,
        TimeProvider? time = null,
        bool withInjector = false,
        Func<HandshakeInfo, bool>? isAllowedPeer = null,
        ConnectionTieBreaker? tieBreaker = null,
        Func<RemoteSettings, ITransport>? transport = null)
    {
        settings ??= FastSettings;
        var logs = new CapturingLoggerProvider(output, $"[node {nodeId}] ");
        ITransport inner = transport?.Invoke(settings) ?? new TcpTransport(settings, logs);
        var injector = withInjector ? new FailureInjectorTransportAdapter(inner, seed: (int)nodeId, time) : null;
        var inbox = new Inbox();
        var events = new EventLog();
        var manager = new EndpointManager(new EndpointManagerOptions
        {
            Settings = settings,
            NodeId = nodeId,
            SystemName = System,
            Transport = injector ?? inner,
            Serializers = SerializerRegistry.CreateDefault(),
            InboundHandler = inbox,
            OnLifecycleEvent = events.Add,
            LoggerFactory = logs,
            TimeProvider = time ?? TimeProvider.System,
            IsAllowedPeer = isAllowedPeer,
            TieBreaker = tieBreaker ?? TieBreakers.LargerNodeIdWins,
        });
        await manager.StartAsync();
        return new TestNode(manager, inbox, events, logs, injector);
    }

    public bool Send(TestNode to, long sequence, string text = "m") =>
        Manager.Send(to.Address, new TestMessage(sequence, text), "/user/inbox", "/user/sender");

    public EndpointStatistics StatisticsFor(TestNode peer) => Manager.GetEndpoint(peer.Address).GetStatistics();

    public ValueTask DisposeAsync() => Manager.DisposeAsync();
}
