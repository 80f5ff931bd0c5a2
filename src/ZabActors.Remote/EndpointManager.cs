using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ZabActors.Remote.Serialization;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// This node's remoting: listens on the transport, keeps one <see cref="RemoteEndpoint"/> per peer
/// address, admits or refuses inbound associations (cookie, membership, tie-break) and drives heartbeats
/// and handshake timeouts from one timer. After ZooKeeper's QuorumCnxManager, a pair of nodes ends up
/// with a single association, the one initiated by the winner of <see cref="EndpointManagerOptions.TieBreaker"/>.
/// </summary>
public sealed partial class EndpointManager : IAssociationEventListener, IAsyncDisposable
{
    private readonly EndpointManagerOptions _options;
    private readonly ConcurrentDictionary<RemoteAddress, RemoteEndpoint> _endpoints = new();
    private readonly ConcurrentDictionary<Association, byte> _associations = new();
    private readonly long _timestampTicksPerSecond;
    private RemoteAddress? _localAddress;
    private HandshakeInfo? _localHandshake;
    private ITimer? _ticker;
    private int _state;

    public EndpointManager(EndpointManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Settings.Validate();
        _options = options;
        Uid = options.Uid ?? NewUid();
        Log = options.LoggerFactory.CreateLogger<EndpointManager>();
        _timestampTicksPerSecond = options.TimeProvider.TimestampFrequency;
    }

    public long NodeId => _options.NodeId;

    /// <summary>This incarnation's id, announced in handshakes.</summary>
    public long Uid { get; }

    /// <summary>The address peers dial, known once <see cref="StartAsync"/> has bound the transport.</summary>
    public RemoteAddress LocalAddress => _localAddress ?? throw new InvalidOperationException("the endpoint manager is not started");

    public IReadOnlyCollection<RemoteEndpoint> Endpoints => (IReadOnlyCollection<RemoteEndpoint>)_endpoints.Values;

    internal RemoteSettings Settings => _options.Settings;

    internal ITransport Transport => _options.Transport;

    internal SerializerRegistry Serializers => _options.Serializers;

    internal IInboundMessageHandler InboundHandler => _options.InboundHandler;

    internal Func<string, Actors.IActorRef>? ActorRefResolver => _options.ActorRefResolver;

    internal ConnectionTieBreaker TieBreaker => _options.TieBreaker;

    internal TimeProvider Time => _options.TimeProvider;

    internal ILogger Log { get; }

    internal HandshakeInfo LocalHandshake => _localHandshake!;

    /// <summary>Binds the transport and starts the heartbeat timer; returns the local address.</summary>
    public async Task<RemoteAddress> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
            throw new InvalidOperationException("the endpoint manager was already started");
        var settings = Settings;
        var requested = new RemoteAddress(Transport.SchemeIdentifier, _options.SystemName, settings.Host, settings.Port);
        var bound = await Transport.ListenAsync(requested, this, cancellationToken).ConfigureAwait(false);
        _localAddress = bound.WithHost(settings.AdvertisedHost);
        _localHandshake = new HandshakeInfo(FrameCodec.ProtocolVersion, NodeId, Uid, _localAddress, settings.Cookie);
        _ticker = Time.CreateTimer(static s => ((EndpointManager)s!).OnTick(), this, settings.HeartbeatInterval, settings.HeartbeatInterval);
        RemoteLog.Listening(Log, _localAddress, NodeId);
        return _localAddress;
    }

    /// <summary>The endpoint for a peer, created on first use. Remote refs keep it to avoid the lookup.</summary>
    public RemoteEndpoint GetEndpoint(RemoteAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Volatile.Read(ref _state) == 0)
            throw new InvalidOperationException("the endpoint manager is not started");
        if (address.Protocol != Transport.SchemeIdentifier)
            throw new ArgumentException($"{address} does not use this node's protocol {Transport.SchemeIdentifier}");
        if (address.Equals(_localAddress))
            throw new ArgumentException($"{address} is this node's own address");
        return GetOrCreateEndpoint(address);
    }

    /// <summary>Queues a message for <paramref name="target"/>; false when dropped (see <see cref="RemoteEndpoint.Send"/>).</summary>
    public bool Send(RemoteAddress target, object message, string recipient, string? sender = null)
    {
        if (!_endpoints.TryGetValue(target, out var endpoint))
            endpoint = GetEndpoint(target);
        return endpoint.Send(message, recipient, sender);
    }

    /// <summary>
    /// Sends what is queued, tells every peer we are going (so they report this incarnation terminated
    /// at once), closes associations and the transport. Bounded by connect-timeout per endpoint.
    /// </summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
            return;
        _ticker?.Dispose();
        await Task.WhenAll(_endpoints.Values.Select(e => e.StopAsync(Settings.ConnectTimeout))).ConfigureAwait(false);
        foreach (var association in _associations.Keys)
            association.Close("shutting down");
        await Transport.ShutdownAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    void IAssociationEventListener.OnInboundAssociation(AssociationHandle handle)
    {
        if (Volatile.Read(ref _state) != 1)
        {
            handle.Disassociate("node is shutting down");
            return;
        }
        var association = new Association(this, handle, endpoint: null);
        Track(association);
        handle.Start(association);
    }

    internal RemoteEndpoint GetOrCreateEndpoint(RemoteAddress address)
    {
        var endpoint = _endpoints.GetOrAdd(address, static (a, manager) => new RemoteEndpoint(manager, a), this);
        // An endpoint created while shutting down would otherwise escape the shutdown sweep.
        if (Volatile.Read(ref _state) == 2)
            endpoint.MarkStopped();
        return endpoint;
    }

    /// <summary>Why a peer's handshake is not acceptable, or null when it is.</summary>
    internal (RejectReason Reason, string Detail)? CheckPeer(HandshakeInfo peer)
    {
        if (Volatile.Read(ref _state) != 1)
            return (RejectReason.ShuttingDown, "node is shutting down");
        if (!string.Equals(peer.Cookie, Settings.Cookie, StringComparison.Ordinal))
            return (RejectReason.CookieMismatch, $"cookie '{peer.Cookie}' does not match this ensemble");
        if (peer.Address.Protocol != Transport.SchemeIdentifier)
            return (RejectReason.NotAMember, $"address {peer.Address} does not use protocol {Transport.SchemeIdentifier}");
        if (peer.NodeId == NodeId || peer.Address.Equals(_localAddress))
            return (RejectReason.DuplicateNodeId, $"node {peer.NodeId} at {peer.Address} collides with this node ({NodeId} at {_localAddress})");
        if (_options.IsAllowedPeer is { } allowed && !allowed(peer))
            return (RejectReason.NotAMember, $"node {peer.NodeId} at {peer.Address} is not a member of the ensemble");
        return null;
    }

    internal void Track(Association association) => _associations[association] = 0;

    internal void Untrack(Association association) => _associations.TryRemove(association, out _);

    internal long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _timestampTicksPerSecond);

    internal void Publish(RemotingLifecycleEvent evt)
    {
        try
        {
            _options.OnLifecycleEvent?.Invoke(evt);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(Log, e, $"lifecycle event listener ({evt.GetType().Name})");
        }
    }

    private void OnTick()
    {
        try
        {
            var now = Time.GetTimestamp();
            foreach (var association in _associations.Keys)
                if (!association.IsActive && now > association.HandshakeDeadline)
                    association.Close($"handshake not completed within {Settings.ConnectTimeout.TotalMilliseconds:0}ms (connect-timeout)");
            foreach (var endpoint in _endpoints.Values)
                endpoint.Tick(now, Settings.AcceptableHeartbeatPause);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(Log, e, "heartbeat tick");
        }
    }

    private static long NewUid()
    {
        long uid;
        do
            uid = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
        while (uid == 0);
        return uid;
    }
}
