using System.Collections.Concurrent;

namespace ZabActors.Remote.Transport;

/// <summary>Reads the sending node's address out of the first frame of an inbound association, or null.</summary>
public delegate RemoteAddress? FrameOriginResolver(ReadOnlySpan<byte> frame);

/// <summary>
/// Wraps a transport and applies a <see cref="FailureMode"/> per peer (after Akka's
/// <c>FailureInjectorTransportAdapter</c>), the test hook for partitions, loss and delay. Peers are
/// matched by host and port. An inbound TCP association shows only an ephemeral port, so its peer is
/// learned from its first frame (the handshake) through a <see cref="FrameOriginResolver"/>, as Akka's
/// throttler does. Random drops come from a seeded generator so runs can be replayed.
/// </summary>
public sealed class FailureInjectorTransportAdapter : ITransport
{
    private readonly ITransport _inner;
    private readonly ConcurrentDictionary<(string Host, int Port), FailureMode> _modes = new();
    private readonly ConcurrentDictionary<FailureInjectorHandle, byte> _handles = new();
    private readonly Random _random;
    private readonly object _randomGate = new();
    private FailureMode _defaultMode = FailureMode.PassThrough;
    private long _droppedFrames;

    public FailureInjectorTransportAdapter(
        ITransport inner, int seed, TimeProvider? timeProvider = null, FrameOriginResolver? originResolver = null)
    {
        _inner = inner;
        _random = new Random(seed);
        TimeProvider = timeProvider ?? TimeProvider.System;
        OriginResolver = originResolver ?? FrameCodec.TryReadHandshakeOrigin;
    }

    public string SchemeIdentifier => _inner.SchemeIdentifier;

    public int MaximumPayloadBytes => _inner.MaximumPayloadBytes;

    /// <summary>Frames dropped so far by blackholes and random drops.</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    internal TimeProvider TimeProvider { get; }

    internal FrameOriginResolver OriginResolver { get; }

    /// <summary>Sets the mode for one peer (host and port of <paramref name="peer"/>).</summary>
    public void SetMode(RemoteAddress peer, FailureMode mode) => _modes[(peer.Host, peer.Port)] = mode;

    /// <summary>Sets the mode for peers without a mode of their own (Akka's <c>All</c>).</summary>
    public void SetDefaultMode(FailureMode mode) => _defaultMode = mode;

    /// <summary>Partitions this node from <paramref name="peer"/>.</summary>
    public void Block(RemoteAddress peer) => SetMode(peer, FailureMode.Blackhole);

    /// <summary>Ends a partition or any other mode for <paramref name="peer"/>.</summary>
    public void Heal(RemoteAddress peer) => _modes.TryRemove((peer.Host, peer.Port), out _);

    /// <summary>Closes every association with <paramref name="peer"/>, as a connection reset would.</summary>
    public void Disconnect(RemoteAddress peer)
    {
        foreach (var handle in _handles.Keys)
            if (handle.Peer.Host == peer.Host && handle.Peer.Port == peer.Port)
                handle.Disassociate("disconnected by failure injector");
    }

    public Task<RemoteAddress> ListenAsync(
        RemoteAddress localAddress, IAssociationEventListener listener, CancellationToken cancellationToken = default) =>
        _inner.ListenAsync(localAddress, new InboundWrapper(this, listener), cancellationToken);

    public async Task<AssociationHandle> AssociateAsync(RemoteAddress remoteAddress, CancellationToken cancellationToken = default)
    {
        if (ModeFor(remoteAddress) is BlackholeMode)
            throw new InvalidAssociationException($"cannot connect to {remoteAddress}: blocked by failure injector");
        var handle = await _inner.AssociateAsync(remoteAddress, cancellationToken).ConfigureAwait(false);
        return Track(new FailureInjectorHandle(this, handle, inbound: false));
    }

    public Task ShutdownAsync() => _inner.ShutdownAsync();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    internal FailureMode ModeFor(RemoteAddress peer) => _modes.GetValueOrDefault((peer.Host, peer.Port), _defaultMode);

    internal bool ShouldDrop(double probability)
    {
        if (probability <= 0)
            return false;
        lock (_randomGate)
            return _random.NextDouble() < probability;
    }

    internal void CountDrop() => Interlocked.Increment(ref _droppedFrames);

    internal void Forget(FailureInjectorHandle handle) => _handles.TryRemove(handle, out _);

    private FailureInjectorHandle Track(FailureInjectorHandle handle)
    {
        _handles[handle] = 0;
        return handle;
    }

    private sealed class InboundWrapper(FailureInjectorTransportAdapter adapter, IAssociationEventListener upstream)
        : IAssociationEventListener
    {
        public void OnInboundAssociation(AssociationHandle handle) =>
            upstream.OnInboundAssociation(adapter.Track(new FailureInjectorHandle(adapter, handle, inbound: true)));
    }
}
