using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Remote.Serialization;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// Everything a node's remoting is built from besides the system name: settings (<c>zab.remote</c>), the
/// node id (ZooKeeper's myid), the serializers, ensemble membership and tie-break, and for tests the
/// transport, a failure injector and the clock. Pass it to <see cref="RemotingSetupExtensions.WithRemoting"/>
/// or <see cref="RemoteActorSystem.Create"/>.
/// </summary>
public sealed record RemoteSetup
{
    public required RemoteSettings Settings { get; init; }

    public required long NodeId { get; init; }

    /// <summary>
    /// Message types to serializers. The runtime's own messages are added to it when remoting starts; the
    /// registry may be shared by several systems. Register application serializers with one
    /// <c>Serializers.Bind&lt;T&gt;(serializer)</c> (binding a base type or interface covers its subtypes).
    /// </summary>
    public SerializerRegistry Serializers { get; init; } = SerializerRegistry.CreateDefault();

    /// <summary>Ensemble membership: peers for which this returns false are refused. Null admits every node.</summary>
    public Func<HandshakeInfo, bool>? IsAllowedPeer { get; init; }

    public ConnectionTieBreaker TieBreaker { get; init; } = TieBreakers.LargerNodeIdWins;

    /// <summary>Builds the transport; a <see cref="TcpTransport"/> when null.</summary>
    public Func<RemoteSettings, ILoggerFactory, ITransport>? TransportFactory { get; init; }

    /// <summary>When set, the transport is wrapped in a <see cref="FailureInjectorTransportAdapter"/> seeded with it (test hooks).</summary>
    public int? FailureInjectorSeed { get; init; }

    /// <summary>Clock for heartbeats, timeouts and back-off.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where remoting logs; the actor system's logger factory when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    public static RemoteSetup Create(
        RemoteSettings settings, long nodeId, SerializerRegistry? serializers = null, Func<HandshakeInfo, bool>? isAllowedPeer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return new RemoteSetup
        {
            Settings = settings,
            NodeId = nodeId,
            Serializers = serializers ?? SerializerRegistry.CreateDefault(),
            IsAllowedPeer = isAllowedPeer,
        };
    }

    /// <summary>As above with the settings read from <c>zab.remote</c> of <paramref name="config"/> (over <c>remote.conf</c>).</summary>
    public static RemoteSetup Create(
        Config config, long nodeId, SerializerRegistry? serializers = null, Func<HandshakeInfo, bool>? isAllowedPeer = null) =>
        Create(RemoteSettings.Create(config), nodeId, serializers, isAllowedPeer);

    /// <summary>Wraps the transport in a seeded failure injector, enabling <see cref="Remoting.Partition"/> and friends.</summary>
    public RemoteSetup WithFailureInjector(int seed) => this with { FailureInjectorSeed = seed };
}
