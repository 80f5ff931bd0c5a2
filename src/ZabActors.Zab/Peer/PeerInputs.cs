namespace ZabActors.Zab;

/// <summary>An input of <see cref="QuorumPeer"/>; every one is an immutable record.</summary>
public interface IPeerInput;

/// <summary>
/// Start the peer from what its storage recovered: the disk view (built with the snapshot's zxid as the
/// last applied one) and the latest snapshot, which the peer restores its state machine from.
/// <see cref="FirstWriteSeq"/> numbers this incarnation's client writes; it must exceed every number an
/// earlier incarnation used (a shell passes wall-clock ticks), so a late answer never reaches the wrong client.
/// </summary>
public sealed record PeerStart(TimeSpan Now, PeerDisk Disk, Snapshot? Snapshot, long FirstWriteSeq = 0) : IPeerInput;

/// <summary>
/// Time passed: <see cref="Now"/> is the peer's monotonic clock. Step it at least at
/// <see cref="QuorumPeer.NextDeadline"/>, and before any other input whenever the time is known.
/// </summary>
public sealed record PeerTick(TimeSpan Now) : IPeerInput;

/// <summary>An election notification from server <see cref="FromSid"/>, as authenticated by the network.</summary>
public sealed record NotificationReceived(long FromSid, Notification Notification) : IPeerInput;

/// <summary>Learner <see cref="FromSid"/> opened the incoming <see cref="Link"/> to this peer (it expects us to lead).</summary>
public sealed record LinkOpened(Link Link, long FromSid) : IPeerInput;

/// <summary>A packet from <see cref="FromSid"/> on <see cref="Link"/>; packets of one link arrive in order.</summary>
public sealed record LinkPacket(Link Link, long FromSid, QuorumPacket Packet) : IPeerInput;

/// <summary>The link is gone (closed by either end, refused, or cut); closing it twice does nothing.</summary>
public sealed record LinkClosed(Link Link, string Reason) : IPeerInput;

/// <summary>A <see cref="WriteSnapshot"/> is durable.</summary>
public sealed record SnapshotWritten(Zxid Zxid) : IPeerInput;

/// <summary>A <see cref="TruncateLog"/> is durable: the log holds nothing above <see cref="After"/>.</summary>
public sealed record TruncationDurable(Zxid After) : IPeerInput;

/// <summary>The answer to <see cref="LoadDisk"/>: the disk view and the zxid of the latest snapshot (Zero if none).</summary>
public sealed record DiskLoaded(PeerDisk Disk, Zxid SnapshotZxid) : IPeerInput;

/// <summary>
/// A storage operation failed. A failed periodic <see cref="WriteSnapshot"/> or <see cref="PurgeBefore"/>
/// costs only a longer recovery; any other failure stops the peer (ZooKeeper exits on a failed sync).
/// </summary>
public sealed record StorageOpFailed(StorageOp Op, string Reason) : IPeerInput;

/// <summary>A client asks this peer to replicate <see cref="Payload"/>; answered by <see cref="PeerWriteCommitted"/> or <see cref="PeerWriteFailed"/>.</summary>
public sealed record PeerWrite(long RequestId, Bytes Payload) : IPeerInput;
