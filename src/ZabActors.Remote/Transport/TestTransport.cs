using System.Collections.Concurrent;

namespace ZabActors.Remote.Transport;

/// <summary>
/// An in-memory transport for deterministic tests, after Akka's <c>TestTransport</c>: no sockets and no
/// timing, associations are pairs of <see cref="TestAssociationHandle"/>s exchanging copied frames in
/// order, and every attempt is recorded in the shared <see cref="TestTransportRegistry"/>. An inbound
/// handle's remote address is the associating transport's listen address.
/// </summary>
public sealed class TestTransport(TestTransportRegistry registry, int maximumPayloadBytes = 4 * 1024 * 1024, string scheme = "zab.test")
    : ITransport
{
    private readonly ConcurrentDictionary<TestAssociationHandle, byte> _handles = new();
    private IAssociationEventListener? _listener;
    private RemoteAddress? _localAddress;
    private volatile bool _shutdown;

    public string SchemeIdentifier => scheme;

    public int MaximumPayloadBytes => maximumPayloadBytes;

    public TestTransportRegistry Registry => registry;

    public Task<RemoteAddress> ListenAsync(
        RemoteAddress localAddress, IAssociationEventListener listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (_localAddress is not null)
            throw new InvalidOperationException($"already listening on {_localAddress}");
        _listener = listener;
        _localAddress = registry.Register(localAddress, this);
        return Task.FromResult(_localAddress);
    }

    public Task<AssociationHandle> AssociateAsync(RemoteAddress remoteAddress, CancellationToken cancellationToken = default)
    {
        var local = _localAddress
                    ?? new RemoteAddress(scheme, remoteAddress.System, "client", registry.AllocateEphemeralPort("client"));
        var target = _shutdown ? null : registry.Find(local, remoteAddress);
        var listener = target?._listener;
        if (target is null || listener is null || target._shutdown)
            return Task.FromException<AssociationHandle>(
                new InvalidAssociationException($"cannot connect to {remoteAddress}: connection refused"));
        var (mine, theirs) = TestAssociationHandle.CreatePair(local, remoteAddress, this, target);
        listener.OnInboundAssociation(theirs);
        return Task.FromResult<AssociationHandle>(mine);
    }

    public Task ShutdownAsync()
    {
        _shutdown = true;
        if (_localAddress is not null)
            registry.Unregister(_localAddress);
        foreach (var handle in _handles.Keys)
            handle.Disassociate("transport shut down");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    internal void Track(TestAssociationHandle handle) => _handles[handle] = 0;

    internal void Forget(TestAssociationHandle handle) => _handles.TryRemove(handle, out _);
}
