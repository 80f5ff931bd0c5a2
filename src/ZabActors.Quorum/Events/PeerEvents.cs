using ZabActors.Zab;

namespace ZabActors.Quorum;

// Observability events a peer publishes on its ActorSystem's EventStream; hosts and checkers subscribe.

/// <summary>Every event of peer <see cref="Sid"/>'s core, unchanged, as it came out of its <see cref="PeerReady"/>.</summary>
public sealed record PeerEventPublished(long Sid, IPeerEvent Event);

/// <summary>
/// Peer <see cref="Sid"/> entered <see cref="State"/> or a new <see cref="Phase"/> of it (the core's
/// <see cref="PeerPhaseChanged"/>): LOOKING (Election), the election's outcome (Discovery), synchronization,
/// and broadcast (Broadcast; <see cref="Epoch"/> is the established epoch).
/// </summary>
public sealed record PeerStateChanged(long Sid, ServerState State, long? LeaderSid, long Epoch, ZabState Phase = ZabState.Election);

/// <summary>Peer <see cref="Sid"/> leads <see cref="Epoch"/> in broadcast: a quorum acknowledged NEWLEADER.</summary>
public sealed record LeaderEstablishedEvent(long Sid, long Epoch);

/// <summary>Peer <see cref="Sid"/> applied <see cref="Txn"/> to its state machine; published for every txn, in order.</summary>
public sealed record TxnDelivered(long Sid, Txn Txn);

/// <summary>Leader <see cref="Sid"/> created the proposal <see cref="Txn"/>.</summary>
public sealed record TxnProposed(long Sid, Txn Txn);

/// <summary>
/// Peer <see cref="Sid"/> could not open, read or write its storage and stopped itself: it never takes
/// part in the ensemble with a history it cannot trust. A host ends its process with exit code 4.
/// </summary>
public sealed record PeerStorageFailed(long Sid, string Reason);
