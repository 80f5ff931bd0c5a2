using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>The epoch is decided: send LEADERINFO to learner <see cref="Sid"/>.</summary>
public sealed record EpochProposal(long Sid, long Epoch) : IZabEvent, ILearnerAddressed;

/// <summary>A quorum acknowledged the epoch (or already had): learner <see cref="Sid"/> may be synchronized.</summary>
public sealed record StartSync(long Sid) : IZabEvent, ILearnerAddressed;

/// <summary>The leader is established and learner <see cref="Sid"/> acknowledged NEWLEADER: send UPTODATE.</summary>
public sealed record SendUpToDate(long Sid) : IZabEvent, ILearnerAddressed;

/// <summary>End the session of learner <see cref="Sid"/> (its state summary is ahead of the leader's, or the driver closes it).</summary>
public sealed record EndLearnerSession(long Sid, string Reason) : IZabEvent, ILearnerAddressed;

/// <summary>
/// The leader's history at the moment learner <see cref="Sid"/> registered for forwarding: the last
/// committed transactions and the zxid that log starts after (every transaction of the history above
/// <see cref="CommittedLogStartsAfter"/> is in it; see <see cref="ProposalTracker.CommittedLogStartsAfter"/>),
/// the last processed zxid (a new epoch's start right after establishment, as in ZooKeeper), the zxid
/// of the last committed transaction, and the proposals still outstanding. The driver delivers every
/// <see cref="Proposed"/> and <see cref="Committed"/> emitted after it to that learner's handler too.
/// </summary>
public sealed record LearnerHistory(
    long Sid,
    ImmutableArray<Txn> CommittedLog,
    Zxid CommittedLogStartsAfter,
    Zxid LastProcessedZxid,
    Zxid LastCommittedTxnZxid,
    ImmutableArray<Txn> Outstanding)
    : IZabEvent, ILearnerAddressed;

/// <summary>The leader's state machine snapshot requested by <see cref="SnapshotRequest"/>.</summary>
public sealed record LeaderSnapshot(long Sid, Snapshot Snapshot) : ILearnerAddressed;

/// <summary>A new proposal; deliver to every handler registered with the tracker.</summary>
public sealed record Proposed(Txn Txn) : IZabEvent, ILearnerSyncInput;

/// <summary>A proposal committed; deliver to every handler registered with the tracker.</summary>
public sealed record Committed(Txn Txn) : IZabEvent, ILearnerSyncInput;

/// <summary>Learner <see cref="Sid"/> is too far behind for a DIFF: take a snapshot of the leader's state machine and answer with <see cref="LeaderSnapshot"/>.</summary>
public sealed record SnapshotRequest(long Sid) : IZabEvent;
