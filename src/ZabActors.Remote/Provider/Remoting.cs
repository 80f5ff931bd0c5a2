using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Remote.Serialization;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// The remoting of one actor system (its extension, reached with <c>system.GetRemoting()</c>): the
/// <see cref="EndpointManager"/> bound before the system exists (its port is part of every actor path),
/// the provider installed into the system, the inbound dispatcher, and the bridge that republishes
/// lifecycle events on the event stream and feeds AddressTerminated to remote death watch. It shuts
/// the endpoint manager down once the system has terminated, after the last actor's messages are queued.
/// </summary>
public sealed partial class Remoting
{
    private readonly InboundDispatcher _inbound;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActorSystem? _system;
    private RemoteActorRefProvider? _provider;
    private long _inboundDeadLetters;
    private long _unserializable;
    private int _shuttingDown;

    private Remoting(string systemName, RemoteSetup setup, ILoggerFactory loggerFactory)
    {
        Log = loggerFactory.CreateLogger<Remoting>();
        Serializers = setup.Serializers.AddActorMessages();
        var transport = setup.TransportFactory?.Invoke(setup.Settings, loggerFactory) ?? new TcpTransport(setup.Settings, loggerFactory);
        if (setup.FailureInjectorSeed is { } seed)
            transport = FailureInjector = new FailureInjectorTransportAdapter(transport, seed, setup.TimeProvider);
        _inbound = new InboundDispatcher(this);
        EndpointManager = new EndpointManager(new EndpointManagerOptions
        {
            Settings = setup.Settings,
            NodeId = setup.NodeId,
            SystemName = systemName,
            Transport = transport,
            Serializers = Serializers,
            InboundHandler = _inbound,
            ActorRefResolver = ResolveInMessage,
            OnLifecycleEvent = OnLifecycleEvent,
            IsAllowedPeer = setup.IsAllowedPeer,
            TieBreaker = setup.TieBreaker,
            LoggerFactory = loggerFactory,
            TimeProvider = setup.TimeProvider,
        });
    }

    /// <summary>The system's address, <c>zab.tcp://system@host:port</c>.</summary>
    public Address Address => RemoteAddress.ToActorAddress();

    public RemoteAddress RemoteAddress => EndpointManager.LocalAddress;

    public long NodeId => EndpointManager.NodeId;

    public EndpointManager EndpointManager { get; }

    /// <summary>The registry serializing this system's remote messages; bind application types here.</summary>
    public SerializerRegistry Serializers { get; }

    public RemoteActorRefProvider Provider => _provider ?? throw new InvalidOperationException("remoting is not attached to an actor system yet");

    /// <summary>The failure injector wrapping the transport, when the setup asked for one.</summary>
    public FailureInjectorTransportAdapter? FailureInjector { get; }

    /// <summary>Messages from peers that found no live recipient here and became dead letters.</summary>
    public long InboundDeadLetters => Interlocked.Read(ref _inboundDeadLetters);

    /// <summary>Messages to remote actors dropped because no serializer is bound to their type.</summary>
    public long UnserializableMessages => Interlocked.Read(ref _unserializable);

    /// <summary>Completes once the endpoint manager has shut down (after the system terminated, or <see cref="ShutdownAsync"/>).</summary>
    public Task WhenShutdown => _shutdown.Task;

    internal ILogger Log { get; }

    /// <summary>Counters of the endpoint for the node at <paramref name="address"/>.</summary>
    public EndpointStatistics StatisticsFor(Address address) => EndpointManager.GetEndpoint(address.ToRemoteAddress()).GetStatistics();

    /// <summary>
    /// Sends what is queued, tells every peer this node is going (they declare it terminated at once) and
    /// closes the transport. Actors keep running; remote sends then become dead letters.
    /// </summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shuttingDown, 1) != 0)
        {
            await WhenShutdown.ConfigureAwait(false);
            return;
        }
        try
        {
            await EndpointManager.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(Log, e, "remoting shutdown");
        }
        finally
        {
            _shutdown.TrySetResult();
        }
    }

    /// <summary>Binds the transport, so the system's address (and port) is known before the system is built.</summary>
    internal static Remoting Start(string systemName, RemoteSetup setup, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(systemName);
        ArgumentNullException.ThrowIfNull(setup);
        var remoting = new Remoting(systemName, setup, loggerFactory);
        // Binding a literal IP completes synchronously; a host name waits for DNS, once, at start-up.
        remoting.EndpointManager.StartAsync().GetAwaiter().GetResult();
        return remoting;
    }

    /// <summary>The provider factory given to the actor system: wraps its local provider and wires remoting to it.</summary>
    internal IActorRefProvider Attach(ActorSystem system, IActorRefProvider local)
    {
        if (Interlocked.CompareExchange(ref _system, system, null) is not null)
            throw Abort(new InvalidOperationException("a remoting setup serves one actor system; call WithRemoting once per system"));
        if (system.Runtime is not null)
            throw Abort(new NotSupportedException($"remoting needs the thread-pool runtime; actor system {system.Name} runs on a deterministic runtime"));
        if (local.DefaultAddress != Address)
            throw Abort(new InvalidOperationException($"actor system {system.Name} has address {local.DefaultAddress}, but remoting listens at {Address}"));
        var provider = new RemoteActorRefProvider(local, this, Log);
        _provider = provider;
        system.GetOrAddExtension(_ => this);
        _inbound.Attach(provider);
        system.WhenTerminated.ContinueWith(
            static (_, state) => ((Remoting)state!).ShutdownAsync(),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        RemoteLog.RemotingStarted(Log, system.Name, Address);
        return provider;
    }

    /// <summary>Shuts the bound transport down because the system it was bound for will not exist; returns <paramref name="reason"/> to throw.</summary>
    internal Exception Abort(Exception reason)
    {
        _ = ShutdownAsync();
        return reason;
    }

    /// <summary>As <see cref="Abort"/> when the caller already has an exception in flight.</summary>
    internal void Abort() => _ = ShutdownAsync();

    internal void CountInboundDeadLetter() => Interlocked.Increment(ref _inboundDeadLetters);

    internal void CountUnserializable() => Interlocked.Increment(ref _unserializable);

    private IActorRef ResolveInMessage(string path) =>
        (_provider ?? throw new InvalidOperationException("the actor system is not started yet")).ResolveActorRef(path);

    private void OnLifecycleEvent(RemotingLifecycleEvent evt)
    {
        var system = _system;
        var provider = _provider;
        if (system is null || provider is null)
            return;
        if (evt is AddressTerminated terminated)
            provider.Watcher.OnAddressTerminated(terminated.Address);
        system.EventStream.Publish(evt);
    }
}
