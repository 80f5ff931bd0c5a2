using ZabActors.Actors;
using ZabActors.Quorum;
using ZabActors.Remote;
using ZabActors.Remote.Transport;

namespace ZabActors.Node.Networking;

/// <summary>
/// Maps server ids to the remoting addresses of their node processes and back, from the configured
/// ensemble. Every server's actor system is named <see cref="SystemName"/> and listens on its
/// configured host and port, so <c>zab.tcp://zab@host:port</c> names server <c>id</c>. It also
/// decides who may associate with a node: servers of the ensemble at their configured address, and
/// command-line tools (negative node ids) from any address that is not a server's.
/// </summary>
public sealed class EnsembleDirectory
{
    /// <summary>The actor system name of every server process.</summary>
    public const string SystemName = "zab";

    /// <summary>Where each node's network actor lives.</summary>
    public const string NetworkActorName = "zab-network";

    /// <summary>Where each node's admin actor lives.</summary>
    public const string AdminActorName = "admin";

    private readonly Dictionary<long, RemoteAddress> addressOf;
    private readonly Dictionary<RemoteAddress, long> sidOf;

    public EnsembleDirectory(IEnumerable<QuorumServer> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        Servers = [.. servers];
        addressOf = Servers.ToDictionary(s => s.Id, s => AddressOf(s));
        sidOf = addressOf.ToDictionary(e => e.Value, e => e.Key);
    }

    public IReadOnlyList<QuorumServer> Servers { get; }

    /// <summary>The remoting address server <paramref name="server"/> listens on.</summary>
    public static RemoteAddress AddressOf(QuorumServer server) =>
        new(TcpTransport.Scheme, SystemName, server.Host, server.Port);

    public bool TryGetAddress(long sid, out RemoteAddress address) => addressOf.TryGetValue(sid, out address!);

    public RemoteAddress AddressOf(long sid) =>
        addressOf.TryGetValue(sid, out var address) ? address : throw new ArgumentException($"server {sid} is not in the ensemble");

    public bool TryGetSid(RemoteAddress address, out long sid) => sidOf.TryGetValue(address, out sid);

    /// <summary>The server whose node sent a message, from the sender's address; false for tools and strangers.</summary>
    public bool TryGetSid(IActorRef? sender, out long sid)
    {
        sid = -1;
        return sender is not null && sender.Path.Address.TryToRemoteAddress(out var address) && sidOf.TryGetValue(address, out sid);
    }

    /// <summary>The path of <paramref name="actorName"/> under /user on server <paramref name="sid"/>.</summary>
    public string PathOf(long sid, string actorName) => $"{AddressOf(sid)}/user/{actorName}";

    /// <summary>
    /// The membership check of a node's remoting (<see cref="RemoteSetup.IsAllowedPeer"/>): a server id
    /// must be in the ensemble and speak from its configured address; a tool (negative id) must not
    /// pretend to be at a server's address.
    /// </summary>
    public bool IsAllowedPeer(HandshakeInfo peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.NodeId < 0)
            return !sidOf.ContainsKey(peer.Address);
        return addressOf.TryGetValue(peer.NodeId, out var configured) && configured.Equals(peer.Address);
    }

    /// <summary>
    /// The tie-break every node and tool uses: a tool's own connection always survives (so a server
    /// never dials a tool back); between servers the larger id wins, as ZooKeeper's QuorumCnxManager.
    /// </summary>
    public static ConnectionTieBreaker TieBreaker { get; } = (initiator, acceptor) =>
        (initiator.NodeId < 0) != (acceptor.NodeId < 0)
            ? initiator.NodeId < 0
            : TieBreakers.LargerNodeIdWins(initiator, acceptor);
}
