namespace ZabActors.Remote;

/// <summary>
/// What happened to associations, published to <see cref="EndpointManagerOptions.OnLifecycleEvent"/>
/// (Akka's <c>RemotingLifecycleEvent</c>s; the actor layer republishes them on its event stream).
/// </summary>
public abstract record RemotingLifecycleEvent;

/// <summary>An association completed its handshake and carries messages.</summary>
public sealed record AssociatedEvent(
    RemoteAddress LocalAddress, RemoteAddress RemoteAddress, long RemoteNodeId, long RemoteUid, bool IsInbound)
    : RemotingLifecycleEvent;

/// <summary>An established association closed; the endpoint reconnects when it still has a reason to.</summary>
public sealed record DisassociatedEvent(RemoteAddress LocalAddress, RemoteAddress RemoteAddress, long RemoteNodeId, string Reason)
    : RemotingLifecycleEvent;

/// <summary>
/// An association failed before carrying messages: connect failure, refused or malformed handshake, a
/// protocol violation. <see cref="RemoteAddress"/> is the peer's transport address when its identity is unknown.
/// </summary>
public sealed record AssociationErrorEvent(RemoteAddress LocalAddress, RemoteAddress RemoteAddress, string Reason)
    : RemotingLifecycleEvent;

/// <summary>
/// The incarnation <paramref name="Uid"/> of the node at <paramref name="Address"/> is considered gone:
/// heartbeats stopped, it shut down, or it came back with a new uid. Raised once per incarnation; the
/// actor layer turns it into <c>Terminated</c> for every watched actor of that node.
/// </summary>
public sealed record AddressTerminated(RemoteAddress Address, long NodeId, long Uid, string Reason) : RemotingLifecycleEvent;
