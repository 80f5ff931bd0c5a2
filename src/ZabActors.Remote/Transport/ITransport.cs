namespace ZabActors.Remote.Transport;

/// <summary>
/// A connection-oriented way of moving frames between nodes, after Akka's <c>Transport</c>
/// (<c>Akka.Remote/Transport/Transport.cs</c>): one listening endpoint per instance, outbound
/// associations on request. Implementations deliver whole frames (the transport owns framing and the
/// frame size limit); adapters such as <see cref="FailureInjectorTransportAdapter"/> wrap another transport.
/// </summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>Protocol part of the addresses this transport serves, e.g. <c>zab.tcp</c>.</summary>
    string SchemeIdentifier { get; }

    /// <summary>Largest frame, in bytes, that is written or accepted.</summary>
    int MaximumPayloadBytes { get; }

    /// <summary>
    /// Starts accepting associations at <paramref name="localAddress"/> (port 0 picks a free port) and
    /// returns the bound address. Inbound associations are handed to <paramref name="listener"/>, which
    /// must call <see cref="AssociationHandle.Start"/> (or disassociate) on each.
    /// </summary>
    Task<RemoteAddress> ListenAsync(RemoteAddress localAddress, IAssociationEventListener listener, CancellationToken cancellationToken = default);

    /// <summary>Opens an association; throws <see cref="InvalidAssociationException"/> when the peer cannot be reached.</summary>
    Task<AssociationHandle> AssociateAsync(RemoteAddress remoteAddress, CancellationToken cancellationToken = default);

    /// <summary>Stops listening and disassociates every handle this transport created.</summary>
    Task ShutdownAsync();
}

/// <summary>Receives the associations other nodes open to a listening transport.</summary>
public interface IAssociationEventListener
{
    void OnInboundAssociation(AssociationHandle handle);
}
