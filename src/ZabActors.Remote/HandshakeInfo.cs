namespace ZabActors.Remote;

/// <summary>
/// Who is at the other end of an association, as announced in its handshake: the node id (ZooKeeper's
/// server id), the incarnation <paramref name="Uid"/> (new on every start, so a restart is told apart
/// from a reconnect), the address other nodes dial, and the ensemble cookie.
/// </summary>
public sealed record HandshakeInfo(byte ProtocolVersion, long NodeId, long Uid, RemoteAddress Address, string Cookie);
