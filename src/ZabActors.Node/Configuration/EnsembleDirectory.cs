using Akka.Actor;
using ZabActors.Quorum;

namespace ZabActors.Node.Configuration;

/// <summary>
/// Owns the mapping from server ids to the Akka addresses of their node processes, from the configured
/// ensemble. Every server's ActorSystem is named <see cref="SystemName"/> and listens on its configured
/// host and port with Akka's throttler adapter applied (so the test hooks can cut links), which makes
/// <c>akka.trttl.tcp://zab@host:port</c> the address of a server.
/// </summary>
public sealed class EnsembleDirectory
{
    /// <summary>The ActorSystem name of every server process.</summary>
    public const string SystemName = "zab";

    /// <summary>The protocol of every node's and tool's remoting: TCP under the throttler adapter.</summary>
    public const string Protocol = "akka.trttl.tcp";

    /// <summary>Where each node's peer lives (the same name on every server, as the transport expects).</summary>
    public const string PeerActorName = "peer";

    /// <summary>Where each node's admin actor lives; the only path a node accepts remote selections of.</summary>
    public const string AdminActorName = "admin";

    private readonly Dictionary<long, Address> addressOf;

    public EnsembleDirectory(IEnumerable<QuorumServer> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        Servers = [.. servers];
        addressOf = Servers.ToDictionary(s => s.Id, AddressOf);
    }

    public IReadOnlyList<QuorumServer> Servers { get; }

    /// <summary>The Akka address server <paramref name="server"/> listens on.</summary>
    public static Address AddressOf(QuorumServer server) => new(Protocol, SystemName, server.Host, server.Port);

    public bool TryGetAddress(long sid, out Address address) => addressOf.TryGetValue(sid, out address!);

    public Address AddressOf(long sid) =>
        addressOf.TryGetValue(sid, out var address) ? address : throw new ArgumentException($"server {sid} is not in the ensemble");

    /// <summary>The path of <paramref name="actorName"/> under /user on server <paramref name="sid"/>.</summary>
    public string PathOf(long sid, string actorName) => $"{AddressOf(sid)}/user/{actorName}";
}
