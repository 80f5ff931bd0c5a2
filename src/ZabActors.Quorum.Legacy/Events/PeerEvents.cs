using ZabActors.Zab;

namespace ZabActors.Quorum;

// Observability events a peer publishes on its ActorSystem's EventStream; invariant checkers subscribe.

/// <summary>
/// Peer <see cref="Sid"/> entered <see cref="State"/> or a new <see cref="Phase"/> of it. Published when
/// the peer goes LOOKING (phase Election), when the election decides (phase Discovery; <see cref="Epoch"/>
/// is the winning vote's peer epoch) and when the role reaches broadcast (phase Broadcast; <see cref="Epoch"/>
/// is the new epoch: NEWLEADER acknowledged by a quorum, or UPTODATE received).
/// </summary>
public sealed record PeerStateChanged(long Sid, ServerState State, long? LeaderSid, long Epoch, ZabState Phase = ZabState.Election);

/// <summary>Peer <see cref="Sid"/> leads <see cref="Epoch"/> in broadcast: a quorum acknowledged NEWLEADER.</summary>
public sealed record LeaderEstablishedEvent(long Sid, long Epoch);

/// <summary>Peer <see cref="Sid"/> applied <see cref="Txn"/> to its state machine; published for every txn, in order.</summary>
public sealed record TxnDelivered(long Sid, Txn Txn);

/// <summary>Leader <see cref="Sid"/> created the proposal <see cref="Txn"/>.</summary>
public sealed record TxnProposed(long Sid, Txn Txn);

/// <summary>
/// Peer <see cref="Sid"/> could not open or read its storage (or restore its state machine from it)
/// and stopped itself: it never takes part in the ensemble with a partial history. <see cref="Reason"/>
/// says what failed; the peer's host must repair or reopen the storage before starting it again.
/// </summary>
public sealed record PeerStorageFailed(long Sid, string Reason);
