namespace ZabActors.Zab;

/// <summary>Something a <see cref="QuorumPeer"/> reports to its host, observers and checkers.</summary>
public interface IPeerEvent;

/// <summary>The peer restored its state machine from storage and joins the ensemble.</summary>
public sealed record PeerRecovered(long AcceptedEpoch, long CurrentEpoch, Zxid LastLoggedZxid, Zxid LastAppliedZxid) : IPeerEvent;

/// <summary>
/// The peer entered <see cref="State"/> or a new <see cref="Phase"/> of it: LOOKING (Election), the
/// election's outcome (Discovery; <see cref="Epoch"/> is the winning vote's peer epoch), the epoch
/// accepted and synchronization under way (Synchronization), broadcast (Broadcast; <see cref="Epoch"/>
/// is the new established epoch).
/// </summary>
public sealed record PeerPhaseChanged(ServerState State, long? LeaderSid, long Epoch, ZabState Phase) : IPeerEvent;

/// <summary>The election ended after <see cref="Took"/>: the peer now leads, follows or observes <see cref="LeaderSid"/>.</summary>
public sealed record PeerElected(ServerState State, long LeaderSid, long Epoch, TimeSpan Took) : IPeerEvent;

/// <summary>The role reached broadcast in <see cref="Epoch"/>, <see cref="Took"/> after it started.</summary>
public sealed record PeerEstablished(ServerState State, long Epoch, TimeSpan Took) : IPeerEvent;

/// <summary>This peer leads <see cref="Epoch"/> in broadcast: a quorum acknowledged NEWLEADER.</summary>
public sealed record PeerLeaderEstablished(long Epoch) : IPeerEvent;

/// <summary>The role ended after <see cref="Lasted"/> (any reason); the peer re-reads its disk and goes LOOKING.</summary>
public sealed record PeerRoleEnded(ServerState State, string Reason, TimeSpan Lasted) : IPeerEvent;

/// <summary>The leader created the proposal <see cref="Txn"/>.</summary>
public sealed record PeerTxnProposed(Txn Txn) : IPeerEvent;

/// <summary>The peer applied <see cref="Txn"/> to its state machine; one per transaction, in zxid order.</summary>
public sealed record PeerTxnApplied(Txn Txn) : IPeerEvent;

/// <summary>A snapshot of the state machine at <see cref="Zxid"/> was taken and handed to storage.</summary>
public sealed record PeerSnapshotTaken(Zxid Zxid) : IPeerEvent;

/// <summary>The client write <see cref="RequestId"/> is committed on a quorum and applied here.</summary>
public sealed record PeerWriteCommitted(long RequestId, Zxid Zxid) : IPeerEvent;

/// <summary>The client write <see cref="RequestId"/> was not answered with a commit; it may still commit (as a ZooKeeper connection loss).</summary>
public sealed record PeerWriteFailed(long RequestId, string Reason) : IPeerEvent;

/// <summary>A storage operation whose failure the peer survives failed (a periodic snapshot, a purge).</summary>
public sealed record PeerStorageWarning(string What) : IPeerEvent;

/// <summary>
/// The peer stopped for good: its storage failed or could not be restored. It never joins with a history
/// it cannot trust; the host must repair or reopen the storage and start a new peer.
/// </summary>
public sealed record PeerStopped(string Reason) : IPeerEvent;
