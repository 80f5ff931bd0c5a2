namespace ZabActors.Zab;

/// <summary>
/// The peer became LOOKING: start a new election round with the state the peer has on disk
/// (ZooKeeper's <c>lookForLeader</c>). Observers pass their values too; they are not used in votes.
/// </summary>
public sealed record StartElection(Zxid LastLoggedZxid, long CurrentEpoch) : IElectionInput;

/// <summary>
/// The peer established the new epoch as leader or learner: later replies to looking peers carry it
/// (ZooKeeper's <c>updateElectionVote</c>, ZOOKEEPER-1732), so joiners see one consistent vote.
/// </summary>
public sealed record UpdateElectionVote(long PeerEpoch) : IElectionInput;

/// <summary>
/// A connection to server <see cref="Sid"/> was (re)established. ZooKeeper's connection manager
/// re-sends the last notification on every new connection; while looking we send our current vote to that voter,
/// so a peer that came up after we backed off learns it without waiting for our next timeout.
/// </summary>
public sealed record PeerConnected(long Sid) : IElectionInput;

/// <summary>
/// The election ended: the peer now leads, follows or observes <see cref="Leader"/>. The driver moves
/// the peer to <see cref="State"/> and starts the matching role (LeaderActor, FollowerActor, ObserverActor).
/// </summary>
public sealed record Decided(long Leader, ServerState State, Vote Vote) : IZabEvent;
