using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Remote.Serialization;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>Everything an <see cref="EndpointManager"/> is built from.</summary>
public sealed record EndpointManagerOptions
{
    public required RemoteSettings Settings { get; init; }

    /// <summary>This node's id (ZooKeeper's myid); compared by the default tie-break.</summary>
    public required long NodeId { get; init; }

    /// <summary>Actor system name, the <c>system</c> part of this node's address.</summary>
    public required string SystemName { get; init; }

    public required ITransport Transport { get; init; }

    public required SerializerRegistry Serializers { get; init; }

    public required IInboundMessageHandler InboundHandler { get; init; }

    /// <summary>
    /// Turns actor paths found inside inbound messages into refs of the receiving system; installed for
    /// the thread while a message is deserialized (see <see cref="ActorRefSerialization"/>). Null when the
    /// node carries no actor refs.
    /// </summary>
    public Func<string, Actors.IActorRef>? ActorRefResolver { get; init; }

    public ConnectionTieBreaker TieBreaker { get; init; } = TieBreakers.LargerNodeIdWins;

    /// <summary>Ensemble membership: peers for which this returns false are refused. Null admits every node.</summary>
    public Func<HandshakeInfo, bool>? IsAllowedPeer { get; init; }

    /// <summary>Receives lifecycle events on background threads; must not block.</summary>
    public Action<RemotingLifecycleEvent>? OnLifecycleEvent { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Clock for heartbeats, timeouts and back-off; tests substitute a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Incarnation id announced in handshakes; random when not set.</summary>
    public long? Uid { get; init; }
}
