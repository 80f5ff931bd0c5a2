namespace ZabActors.Remote;

/// <summary>The kinds of frame an association exchanges; the second byte of every frame.</summary>
public enum FrameKind : byte
{
    /// <summary>Initiator to acceptor: who I am. The first frame on every connection.</summary>
    Handshake = 1,

    /// <summary>Acceptor to initiator: accepted, and who I am.</summary>
    HandshakeAck = 2,

    /// <summary>Acceptor to initiator: refused, with a <see cref="RejectReason"/>; the connection then closes.</summary>
    Reject = 3,

    /// <summary>Keeps the peer's failure detector fed when there is nothing else to send.</summary>
    Heartbeat = 4,

    /// <summary>One serialized message with recipient and sender paths.</summary>
    Payload = 5,

    /// <summary>Orderly close with a <see cref="DisassociateReason"/>.</summary>
    Disassociate = 6,
}

/// <summary>Why an acceptor refused a handshake.</summary>
public enum RejectReason : byte
{
    Unknown = 0,

    /// <summary>
    /// Only connections initiated by the winner of the tie-break survive (ZooKeeper's
    /// QuorumCnxManager rule); the acceptor connects back instead.
    /// </summary>
    LostTieBreak = 1,
    VersionMismatch = 2,
    CookieMismatch = 3,
    NotAMember = 4,
    DuplicateNodeId = 5,
    ShuttingDown = 6,
}

/// <summary>Why a peer closed an association in order.</summary>
public enum DisassociateReason : byte
{
    Unknown = 0,

    /// <summary>The peer's remoting is shutting down: its incarnation is gone.</summary>
    Shutdown = 1,
}
