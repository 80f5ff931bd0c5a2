namespace ZabActors.Remote;

/// <summary>
/// Decides whether a connection that <paramref name="initiator"/> opened to <paramref name="acceptor"/>
/// survives. Exactly one direction must win for any pair, and every node must use the same rule, so
/// that two nodes dialing each other at once end with a single association (ZooKeeper's
/// QuorumCnxManager keeps only connections initiated by the larger server id).
/// </summary>
public delegate bool ConnectionTieBreaker(HandshakeInfo initiator, HandshakeInfo acceptor);

/// <summary>The stock <see cref="ConnectionTieBreaker"/>s.</summary>
public static class TieBreakers
{
    /// <summary>The ordinally larger address string wins, for nodes without meaningful ids.</summary>
    public static ConnectionTieBreaker LargerAddressWins { get; } = (initiator, acceptor) =>
        string.CompareOrdinal(initiator.Address.ToString(), acceptor.Address.ToString()) > 0;

    /// <summary>The larger node id wins, as in ZooKeeper; equal ids fall back to address order.</summary>
    public static ConnectionTieBreaker LargerNodeIdWins { get; } = (initiator, acceptor) =>
        initiator.NodeId != acceptor.NodeId
            ? initiator.NodeId > acceptor.NodeId
            : LargerAddressWins(initiator, acceptor);
}
