namespace ZabActors.Zab;

/// <summary>
/// A packet of the Zab leader/learner protocol, named after the constants in ZooKeeper's
/// <c>Leader.java</c>. Every packet is an input of both ends; each end rejects the kinds it must
/// not receive in its current phase.
/// </summary>
public abstract record QuorumPacket : ZabMessage, ILearnerSyncInput, ILearnerSessionInput
{
    /// <summary>False for a packet a faulty decoder built with a missing payload; such packets are dropped.</summary>
    public bool IsWellFormed => this switch
    {
        Proposal p => p.Txn is not null,
        Inform i => i.Txn is not null,
        Snap s => s.Snapshot is not null,
        _ => true,
    };
}

/// <summary>Protocol constants shared by both ends.</summary>
public static class ZabProtocol
{
    /// <summary>Zab 1.0, the only version we speak (ZooKeeper's 0x10000); older learners are refused.</summary>
    public const int Version = 0x10000;
}

/// <summary>A follower's first packet: who it is and the last epoch it accepted.</summary>
public sealed record FollowerInfo(long Sid, long AcceptedEpoch, int ProtocolVersion = ZabProtocol.Version) : QuorumPacket;

/// <summary>An observer's first packet: who it is and the last epoch it accepted.</summary>
public sealed record ObserverInfo(long Sid, long AcceptedEpoch, int ProtocolVersion = ZabProtocol.Version) : QuorumPacket;

/// <summary>The epoch the new leader proposes (ZooKeeper sends it as zxid (epoch, 0)).</summary>
public sealed record LeaderInfo(long NewEpoch, int ProtocolVersion = ZabProtocol.Version) : QuorumPacket;

/// <summary>
/// A learner accepts the proposed epoch and reports its state; <see cref="CurrentEpoch"/> is -1 when
/// it had already accepted this epoch before (so it must not be counted again).
/// </summary>
public sealed record AckEpoch(long CurrentEpoch, Zxid LastLoggedZxid) : QuorumPacket;

/// <summary>Sync by difference: the proposal/commit pairs that follow are all the learner misses.</summary>
public sealed record Diff(Zxid LastCommittedZxid) : QuorumPacket;

/// <summary>Truncate the learner's log after <see cref="TruncateAfter"/>, keeping that zxid itself.</summary>
public sealed record Trunc(Zxid TruncateAfter) : QuorumPacket;

/// <summary>Replace the learner's state with this snapshot.</summary>
public sealed record Snap(Snapshot Snapshot) : QuorumPacket;

/// <summary>Marks the end of the synchronization data; the learner acks it once everything is durable.</summary>
public sealed record NewLeader(Zxid Zxid) : QuorumPacket;

/// <summary>The leader has a quorum of NEWLEADER acks: the learner may serve and starts broadcast.</summary>
public sealed record UpToDate : QuorumPacket
{
    public static UpToDate Instance { get; } = new();
}

/// <summary>A transaction the leader proposes.</summary>
public sealed record Proposal(Txn Txn) : QuorumPacket;

/// <summary>A learner has durably logged everything up to <see cref="Zxid"/> (or acknowledges NEWLEADER / UPTODATE).</summary>
public sealed record Ack(Zxid Zxid) : QuorumPacket;

/// <summary>The proposal <see cref="Zxid"/> is committed.</summary>
public sealed record Commit(Zxid Zxid) : QuorumPacket;

/// <summary>A committed transaction, sent to observers which never see the proposal.</summary>
public sealed record Inform(Txn Txn) : QuorumPacket;

/// <summary>Liveness in both directions; the leader's carries its last proposed zxid and the learner echoes it.</summary>
public sealed record Ping(Zxid Zxid) : QuorumPacket;

/// <summary>A client write a learner forwards to the leader; the payload becomes a transaction's data.</summary>
public sealed record Request(Bytes Data) : QuorumPacket;
