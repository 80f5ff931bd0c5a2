using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>Durably write a snapshot of the state machine; confirm with <see cref="SnapshotWritten"/>.</summary>
public sealed record WriteSnapshot(Snapshot Snapshot) : StorageOp;

/// <summary>
/// Durably delete every snapshot newer than <see cref="Zxid"/> (the one at it stays), as ZooKeeper's
/// FileTxnSnapLog.truncateLog does before a rewind: else the next disk read would load a snapshot of a
/// history the peer gave up. No confirmation: later confirmations imply it.
/// </summary>
public sealed record DeleteSnapshotsAfter(Zxid Zxid) : StorageOp;

/// <summary>
/// Delete the snapshots older than <see cref="OldestKept"/>, then logged transactions below it (ZooKeeper's
/// PurgeTxnLog); a store that cannot purge may ignore it. No confirmation; a failure is only a warning.
/// </summary>
public sealed record PurgeBefore(Zxid OldestKept) : StorageOp;

/// <summary>
/// After every earlier operation, read the disk view with <c>PeerDisk.Read(log, epochs, latestSnapshotZxid,
/// LastAppliedZxid, CommittedLogSize)</c> and answer with <see cref="DiskLoaded"/>.
/// </summary>
public sealed record LoadDisk(Zxid LastAppliedZxid, int CommittedLogSize) : StorageOp;

/// <summary>A message the peer sends: election datagrams and the leader–learner links.</summary>
public abstract record PeerMessage;

/// <summary>Send an election notification to server <see cref="To"/> (datagram-like; it may be lost).</summary>
public sealed record SendNotification(long To, Notification Notification) : PeerMessage;

/// <summary>Open the outgoing <see cref="Link"/> to leader <see cref="LeaderSid"/>; packets sent on it before it opens wait.</summary>
public sealed record OpenLink(Link Link, long LeaderSid) : PeerMessage;

/// <summary>Send a packet on a link, in order.</summary>
public sealed record SendPacket(Link Link, QuorumPacket Packet) : PeerMessage;

/// <summary>Close the link; both ends then get <see cref="LinkClosed"/> (the peer ignores its own).</summary>
public sealed record CloseLink(Link Link, string Reason) : PeerMessage;

/// <summary>
/// What a <see cref="QuorumPeer"/> asks its executor to do, drained after steps (etcd's <c>Ready</c>).
/// Carry it out in this order: <see cref="Storage"/> in order (confirm each confirmable op with its
/// input), then <see cref="Messages"/> in order, then <see cref="Events"/>. The state machine is applied
/// by the peer itself, synchronously, before any of this: it applies only transactions that are
/// committed and already durable here.
/// </summary>
public sealed record PeerReady(
    ImmutableArray<StorageOp> Storage,
    ImmutableArray<PeerMessage> Messages,
    ImmutableArray<IPeerEvent> Events)
{
    public static PeerReady Empty { get; } = new([], [], []);

    public bool IsEmpty => Storage.IsEmpty && Messages.IsEmpty && Events.IsEmpty;
}
